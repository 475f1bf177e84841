// Sharing in Debian's Chromium through two browser hosts (a rep's and a manager's app, each its
// own process, home and vault) and a real callvault-server on loopback. The manager enrols in
// Team settings; the rep enrols, opens a reviewed call, picks the range and the manager in the
// Share dialog, sees the redacted text that will be sent and confirms; the manager acknowledges
// the policy's usage rules, then the Inbox plays the clip under its purpose banner; the rep revokes it and it disappears from the manager's app.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveReview } from '../../src/app/redaction/redaction-review';
import { inspectImportFile, importWav } from '../../src/app/recording/import-wav-to-vault';
import { OpenVault } from '../../src/app/vault/open-vault';
import { topicPolicyFrom } from '../../src/core/policy/topic-policy';
import { encodeWav } from '../../src/platform/audio/wav';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { launchChromium } from '../helpers/browser';
import { startHostProcess, type RunningHost } from '../helpers/browser-host-process';
import { timedSegment } from '../helpers/timed-segment';
import { PASSPHRASE, vaultContext } from '../helpers/vault-fixture';
import { CANARY, CARD_WORDS, startTeam, type TeamSetup } from '../integration/team/team-fixture';

const RATE = 16_000;
let work = '';
let browser: Browser | undefined;
let team: TeamSetup | undefined;
const hosts: RunningHost[] = [];
const contexts: BrowserContext[] = [];
let rep: Page;
let manager: Page;
let recordingId = '';
let hostLog = '';

async function seed(home: string, name: string, withCall: boolean): Promise<void> {
  const profile = new ProfileStore(home).create(name);
  const { vault } = await OpenVault.create(profile, PASSPHRASE, await vaultContext());
  try {
    if (withCall) {
      const tone = Int16Array.from({ length: RATE * 22 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / RATE)));
      const file = path.join(work, 'call.wav');
      fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone, tone] }));
      ({ recordingId } = importWav(vault, file, inspectImportFile(file), { title: 'Acme renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() }));
      fs.rmSync(file);
      vault.transcripts.add({
        recordingId,
        kind: 'machine',
        createdAt: '2026-11-28T09:00:00Z',
        createdBy: name,
        engine: 'hand-written',
        language: 'en',
        segments: [
          timedSegment('rep', 0, 4_000, `Thanks for calling about the ${CANARY} renewal today.`),
          timedSegment('customer', 4_500, 12_000, `Sure, put it on my card ${CARD_WORDS} please.`),
          timedSegment('rep', 12_500, 16_000, 'Great, I will send the order form after this call.'),
        ],
      });
      const at = new Date().toISOString();
      vault.jobs.enqueue(recordingId, 'hand-written', 'en', at);
      vault.jobs.setState(recordingId, 'done', null, at);
      saveReview(vault, recordingId, 1, { added: [], dismissed: [] }, { reviewer: name, policyHash: 'p', topicPolicy: topicPolicyFrom({ sensitiveCategories: [] }), now: new Date() });
    }
  } finally {
    vault.close();
  }
}

async function open(home: string): Promise<Page> {
  const host = await startHostProcess(home);
  hosts.push(host);
  host.child.stderr.on('data', (d: Buffer) => { hostLog += d.toString(); });
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'New recording' }).waitFor({ timeout: 60_000 });
  return page;
}

async function enrol(page: Page, code: string): Promise<void> {
  await page.getByTestId('open-team').click();
  await page.getByTestId('team-server-url').fill(team!.server.base);
  await page.getByTestId('team-invite-code').fill(code);
  await page.getByTestId('team-enrol').click();
  await page.getByTestId('team-status').waitFor({ timeout: 30_000 });
  // The policy the server publishes, its signature checked against the key pinned from the invitation.
  await page.getByText("signed by your organisation's admin key").waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-team-e2e-'));
  await seed(path.join(work, 'rep'), 'Rita Rep', true);
  await seed(path.join(work, 'manager'), 'Max Manager', false);
  [browser, team] = await Promise.all([launchChromium(), startTeam(path.join(work, 'server'))]);
  rep = await open(path.join(work, 'rep'));
  manager = await open(path.join(work, 'manager'));
});

afterAll(async () => {
  for (const context of contexts) {
    await context.close();
  }
  await browser?.close();
  for (const host of hosts) {
    await host.stop();
  }
  await team?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('sharing between two apps in Chromium', () => {
  it('the manager enrols; the rep enrols and shares a reviewed clip after seeing what will be sent', async () => {
    await enrol(manager, await team!.invite('manager', 'alpha'));
    expect(await manager.getByTestId('team-status').innerText()).toMatch(/\(manager, team alpha\)/);
    await enrol(rep, await team!.invite('rep', 'alpha'));
    await rep.getByTestId('team-members').getByText('Key confirmed').first().waitFor();
    await rep.getByRole('button', { name: 'Back to the library' }).click();

    await rep.getByTestId(`open-call-${recordingId}`).click();
    await rep.getByTestId('call-page').waitFor();
    await rep.getByTestId('open-share').click();
    const dialog = rep.getByTestId('share-dialog');
    await dialog.getByTestId('share-to').fill('0:16');
    const managerBox = dialog.getByRole('checkbox', { name: /manager@members\.example/ });
    await managerBox.check();
    // The admin may not receive clips: offered, but not choosable.
    expect(await dialog.getByRole('checkbox', { name: /admin@members\.example/ }).isDisabled()).toBe(true);
    expect(await dialog.getByTestId('share-confirm').isDisabled()).toBe(true);
    await dialog.getByTestId('share-preview').click();
    const preview = await dialog.getByTestId('share-preview-text').innerText();
    expect(preview).toContain(CANARY);
    expect(preview).toContain('[CARD]');
    expect(preview).not.toContain(CARD_WORDS);
    expect(await dialog.getByTestId('share-confirm').isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: 'I checked what will be sent' }).check();
    await dialog.getByTestId('share-confirm').click();
    expect(await rep.getByTestId('share-result').innerText()).toBe('The clip was shared.');
  });

  it("the manager's inbox plays the clip under its purpose banner", async () => {
    await manager.getByRole('button', { name: 'Back to the library' }).click();
    await manager.getByTestId('open-inbox').click();
    const entry = manager.getByTestId('inbox-entry');
    await entry.waitFor({ timeout: 30_000 });
    expect(await entry.innerText()).toMatch(/coaching from member\d+\.rep@members\.example/);
    // Before the first clip opens, the manager reads and acknowledges the policy's usage rules.
    await entry.getByRole('button', { name: 'Open' }).click();
    await manager.getByTestId('inbox-error').getByText(/acknowledge the policy's rules/).waitFor();
    expect(await manager.getByTestId('usage-rules').innerText()).toContain('Publicly embarrassing reps with clips');
    await manager.getByTestId('acknowledge-usage').click();
    await manager.getByTestId('usage-rules').waitFor({ state: 'detached' });
    await entry.getByRole('button', { name: 'Open' }).click();
    await manager.locator('[data-testid="purpose-banner"], [data-testid="inbox-error"]').first().waitFor({ timeout: 30_000 });
    expect(await manager.getByTestId('inbox-error').count(), hostLog).toBe(0);
    expect(await manager.getByTestId('purpose-banner').innerText()).toBe('Coaching. Not for performance review.');
    const text = await manager.getByTestId('received-text').innerText();
    expect(text).toContain(CANARY);
    expect(text).not.toContain(CARD_WORDS);
    await expect.poll(() => manager.getByTestId('received-audio').evaluate((a) => (a as unknown as { duration: number }).duration), { timeout: 20_000 }).toBeCloseTo(16, 0);
  });

  it('a clip the rep revokes disappears from the manager app', async () => {
    await rep.getByRole('button', { name: 'Back to the library' }).click();
    await rep.getByTestId('open-team').click();
    const sent = rep.locator('[data-testid="outbox-entry"][data-state="sent"]');
    await sent.waitFor();
    await sent.getByRole('button', { name: 'Revoke' }).click();
    await rep.locator('[data-testid="outbox-entry"][data-state="revoked"]').waitFor();
    await manager.getByTestId('inbox-refresh').click();
    await manager.getByTestId('inbox-empty').waitFor({ timeout: 20_000 });
    expect(await manager.getByTestId('inbox-entry').count()).toBe(0);
  });
});
