// Retention in the library, in Debian's Chromium through the browser host (#15 section 3): a call
// recorded 175 days ago (the shipped policy keeps audio, transcript, notes and tags 180 days) is
// listed as deleted in 5 days with the policy's reason; a call from last week is not. The rep asks
// to keep it for the training library; the request lands in the vault for an entitled role.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenVault } from '../../src/app/vault/open-vault';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { launchChromium } from '../helpers/browser';
import { startHostProcess, type RunningHost } from '../helpers/browser-host-process';
import { PASSPHRASE, vaultContext } from '../helpers/vault-fixture';

const DAY_MS = 86_400_000;
let work = '';
let home = '';
let browser: Browser | undefined;
let host: RunningHost | undefined;
let context: BrowserContext | undefined;
let page: Page;
let oldId = '';

async function seedVault(): Promise<void> {
  const profile = new ProfileStore(home).create('Rita Rep');
  const { vault } = await OpenVault.create(profile, PASSPHRASE, await vaultContext());
  try {
    for (const [title, daysAgo] of [['Umbrella discovery', 175], ['Stark demo', 7]] as const) {
      const { record, writer } = vault.startRecording({ title, callType: 'discovery', policyHash: 'p', startedAt: new Date(Date.now() - daysAgo * DAY_MS) });
      writer.finish(new Uint8Array([1, 2, 3]));
      vault.updateRecording(record.id, 500, 'complete');
      if (daysAgo === 175) {
        oldId = record.id;
      }
    }
  } finally {
    vault.close();
  }
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-expiring-e2e-'));
  home = path.join(work, 'home');
  await seedVault();
  [browser, host] = await Promise.all([launchChromium([]), startHostProcess(home)]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(host.url);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'New recording' }).waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('what expires in the next 14 days', () => {
  it('lists the old call with its day and reason, not the recent one, and the rep asks to keep it', async () => {
    const panel = page.getByTestId('expiring-soon');
    await panel.waitFor({ timeout: 30_000 });
    const due = new Date(Date.now() - 175 * DAY_MS + 180 * DAY_MS).toISOString().slice(0, 10);
    const text = await panel.innerText();
    // The summary and its action items go with the transcript, so they are listed on the same day.
    expect(text).toContain(`Umbrella discovery: recording, transcript, summary, action-items, notes, tags, clip on ${due}`);
    expect(text).toMatch(/kept 180 days after the call/);
    expect(text).not.toContain('Stark demo');
    await panel.getByRole('button', { name: 'Ask to keep for training' }).click();
    await panel.getByRole('button', { name: 'Asked to keep' }).waitFor();
    await host?.stop();
    host = undefined;
    const profile = new ProfileStore(home).list()[0];
    if (!profile) {
      throw new Error('no profile');
    }
    const vault = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
    try {
      expect(vault.retention.exemptionRequests()).toMatchObject([{ recordingId: oldId, exemptionId: 'training-library', state: 'open' }]);
      expect(vault.audit.entries().some((e) => e.event === 'retention.exemption_requested')).toBe(true);
    } finally {
      vault.close();
    }
  });
});
