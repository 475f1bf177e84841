import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startHostProcess, type RunningHost } from '../helpers/browser-host-process';
import { methodNames } from '../../src/shared/contract';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PASSPHRASE } from '../helpers/vault-fixture';

let browser: Browser;
let host: RunningHost;

beforeAll(async () => {
  [browser, host] = await Promise.all([launchChromium(), startHostProcess(fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-e2e-')))]);
});
afterAll(async () => {
  await browser.close();
  await host.stop();
  fs.rmSync(host.home, { recursive: true, force: true });
});

let printedLinkUsed = false;

/** A new tab of the app. A link opens CallVault once: the first tab takes the printed one, later tabs a new one. */
async function openApp(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(printedLinkUsed ? await host.newLink() : host.url);
  printedLinkUsed = true;
  return page;
}

const state = (page: Page) => page.getByTestId('vault-state').textContent();

describe('renderer isolation (browser host)', () => {
  it('gives the page no Node and a window.callvault with exactly the contract methods and on() for its events', async () => {
    const page = await openApp();
    await page.getByTestId('vault-state').waitFor({ state: 'attached' });
    const probe = await page.evaluate(() => {
      const page = globalThis as unknown as { callvault: Record<string, unknown>; location: { hash: string } };
      const api = page.callvault;
      return {
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        module: typeof (globalThis as { module?: unknown }).module,
        keys: Object.keys(api).sort(),
        allFunctions: Object.values(api).every((v) => typeof v === 'function'),
        frozen: Object.isFrozen(api),
        tokenInUrl: page.location.hash.includes('token'),
      };
    });
    expect(probe).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', keys: [...methodNames, 'on'].sort(), allFunctions: true, frozen: true, tokenInUrl: false });
    await page.close();
  });

  it('refuses a WebSocket from the page without the token', async () => {
    const page = await openApp();
    const outcome = await page.evaluate(
      (origin) =>
        new Promise<string>((resolve) => {
          const ws = new (globalThis as unknown as { WebSocket: new (url: string, protocols: string[]) => { onopen: () => void; onerror: () => void } }).WebSocket(`${origin.replace('http', 'ws')}/rpc`, ['callvault.v1', 'token.wrong']);
          ws.onopen = () => { resolve('open'); };
          ws.onerror = () => { resolve('refused'); };
        }),
      host.origin,
    );
    expect(outcome).toBe('refused');
    await page.close();
  });
});

describe('vault flow in Chromium', () => {
  it('creates a vault, shows the recovery key once, locks, refuses a wrong passphrase and unlocks with the right one', async () => {
    const page = await openApp();
    await page.getByLabel('Display name').fill('Jane Rep');
    await page.getByRole('button', { name: 'Create profile' }).click();

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create vault' }).click();

    const keyText = (await page.getByTestId('recovery-key').textContent({ timeout: 60_000 }))?.trim() ?? '';
    expect(keyText).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    const continueButton = page.getByRole('button', { name: /I saved it/ });
    await expect(continueButton.isDisabled()).resolves.toBe(true);
    await page.getByLabel('Last group of your recovery key').fill(keyText.split('-').at(-1) ?? '');
    await continueButton.click();

    await page.getByTestId('library-empty').waitFor();
    expect(await state(page)).toBe('unlocked');

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    expect(await state(page)).toBe('locked');

    await page.getByLabel('Passphrase', { exact: true }).fill('this is not my passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    const error = page.getByTestId('unlock-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toMatch(/doesn't open this vault/);
    expect(await state(page)).toBe('locked');

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('library-empty').waitFor({ timeout: 60_000 });
    expect(await state(page)).toBe('unlocked');

    // The recovery key is never shown again: reloading the page leads to the library, not the key.
    await page.reload();
    await page.getByTestId('library-empty').waitFor();
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
    await page.close();
  });
});
