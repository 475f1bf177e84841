// The strength meter counts the organisation the policy names as guessable (#17 section 4), in
// Debian's Chromium through the browser host: sales operations installed a policy naming
// "Northwind Traders" in the app's data directory; on the create-vault screen a passphrase built
// on it is called guessable and Create stays disabled, while unrelated words pass.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicyPath } from '../../src/platform/policy/policy-file';
import { launchChromium } from '../helpers/browser';
import { startHostProcess, type RunningHost } from '../helpers/browser-host-process';
import { PASSPHRASE } from '../helpers/vault-fixture';

let work = '';
let browser: Browser | undefined;
let host: RunningHost | undefined;
let page: Page;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-strength-org-'));
  const home = path.join(work, 'home');
  fs.mkdirSync(home, { recursive: true });
  const policy = fs.readFileSync(defaultPolicyPath(), 'utf8').replace(/^policy:\n/m, 'policy:\n  organisation: Northwind Traders\n');
  fs.writeFileSync(path.join(home, 'policy.yaml'), policy);
  [browser, host] = await Promise.all([launchChromium(), startHostProcess(home)]);
  page = await browser.newPage();
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the strength meter', () => {
  it("calls a passphrase built on the organisation's name guessable", async () => {
    await page.getByLabel('Display name').fill('Rita Rep');
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('heading', { name: 'Create your vault' }).waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill('Northwind Traders Kestrel');
    await page.getByLabel('Confirm passphrase').fill('Northwind Traders Kestrel');
    await page.getByText(/your name, your organisation or the year/).waitFor();
    expect(await page.getByRole('button', { name: 'Create vault' }).isDisabled()).toBe(true);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await expect.poll(() => page.getByText(/your name, your organisation or the year/).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Create vault' }).isDisabled()).toBe(false);
  });
});
