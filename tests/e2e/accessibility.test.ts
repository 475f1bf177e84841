// Accessibility in Debian's Chromium through the browser host: axe-core scans every screen a rep
// meets (first run, library, models, the recording flow, dialogs, unlock, and with a transcribed
// call the transcript, its redaction review and the call page) and finds no serious or critical
// violation; focus moves to each new screen's heading, and a skip link leads to the main content.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectImportFile, importWav } from '../../src/app/recording/import-wav-to-vault';
import { OpenVault } from '../../src/app/vault/open-vault';
import { encodeWav } from '../../src/platform/audio/wav';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { voiceWav } from '../helpers/audio-match';
import { scanScreen, type AxeFinding } from '../helpers/axe-scan';
import { launchCaptureChromium, startCustomerPeer, type CustomerPeer } from '../helpers/capture-browser';
import { openCallWindows, setUpDiscoveryCall, startCaptureHost, startRecording, waitForElapsed, type CallWindows, type CaptureHost } from '../helpers/capture-app';
import { timedSegment } from '../helpers/timed-segment';
import { PASSPHRASE, vaultContext } from '../helpers/vault-fixture';

let work = '';
let browser: Browser | undefined;
let peer: CustomerPeer | undefined;
const hosts: CaptureHost[] = [];
const found = new Map<string, AxeFinding[]>();

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-a11y-'));
  const mic = voiceWav(work, 'rep', 'en-us', 'Thanks for making time today, let us talk about the renewal.');
  const customer = voiceWav(work, 'customer', 'en-gb+f3', 'Sure, happy to talk about the renewal and the budget.');
  [browser, peer] = await Promise.all([launchCaptureChromium(mic), startCustomerPeer(customer)]);
});

afterAll(async () => {
  await browser?.close();
  await peer?.close();
  for (const host of hosts) {
    await host.stop();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

async function open(home: string): Promise<CallWindows> {
  if (!browser || !peer) {
    throw new Error('the browser did not start');
  }
  const host = await startCaptureHost(home, `${home}-tmp`);
  hosts.push(host);
  return openCallWindows(browser, host, peer.url);
}

/** The element that has focus, as its role-ish tag and text, for focus assertions. */
function focused(page: Page): Promise<string> {
  return page.evaluate<string>('(() => { const e = document.activeElement; return e ? `${e.tagName.toLowerCase()}:${(e.textContent ?? "").trim()}` : "none"; })()');
}

async function expectFocus(page: Page, expected: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let now = await focused(page);
  while (now !== expected && Date.now() < deadline) {
    await page.waitForTimeout(50);
    now = await focused(page);
  }
  expect(now).toBe(expected);
}

/** A vault holding one call with a hand-written transcript (made through the real code). */
async function seedTranscribedCall(home: string): Promise<string> {
  const profile = new ProfileStore(home).create('Rita Rep');
  const { vault } = await OpenVault.create(profile, PASSPHRASE, await vaultContext());
  try {
    const rate = 16_000;
    const tone = Int16Array.from({ length: rate * 12 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / rate)));
    const file = path.join(work, 'call.wav');
    fs.writeFileSync(file, encodeWav({ sampleRate: rate, channels: [tone, tone] }));
    const { recordingId } = importWav(vault, file, inspectImportFile(file), { title: 'Acme renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
    vault.transcripts.add({
      recordingId,
      kind: 'machine',
      createdAt: '2026-11-28T09:00:00Z',
      createdBy: 'Rita Rep',
      engine: 'hand-written',
      language: 'en',
      segments: [
        timedSegment('rep', 0, 4_000, 'Thanks for calling, how can I help with the renewal today?'),
        timedSegment('customer', 4_500, 8_000, 'Sure, put it on my card four one one one one one one one one one one one one one one one please.'),
        timedSegment('rep', 8_500, 11_500, 'Our support line is 212 555 0187, open until five.'),
      ],
    });
    const at = new Date().toISOString();
    vault.jobs.enqueue(recordingId, 'hand-written', 'en', at);
    vault.jobs.setState(recordingId, 'done', null, at);
    return recordingId;
  } finally {
    vault.close();
  }
}

describe('every screen, scanned by axe-core', () => {
  it('first run, library, models and the recording flow', async () => {
    const w = await open(path.join(work, 'fresh'));
    const app = w.app;
    await app.getByLabel('Display name').waitFor();
    await scanScreen(app, 'profiles (first run)', found);

    await app.getByLabel('Display name').fill('Rita Rep');
    await app.getByRole('button', { name: 'Create profile' }).click();
    await app.getByRole('heading', { name: 'Create your vault' }).waitFor();
    await scanScreen(app, 'create vault', found);
    await app.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await app.getByLabel('Confirm passphrase').fill(PASSPHRASE);
    await app.getByRole('button', { name: 'Create vault' }).click();
    const key = ((await app.getByTestId('recovery-key').textContent({ timeout: 60_000 })) ?? '').trim();
    await scanScreen(app, 'recovery key', found);
    await app.getByRole('button', { name: /I saved it/ }).click();
    const field = app.getByLabel(/^Group \d+ of your recovery key$/);
    await field.waitFor();
    await scanScreen(app, 'recovery key check', found);
    const label = (await app.locator('label', { hasText: /of your recovery key/ }).innerText()).trim();
    await field.fill(key.split('-')[Number(/Group (\d+)/.exec(label)?.[1]) - 1] ?? '');
    await app.getByRole('button', { name: 'Confirm' }).click();

    await app.getByTestId('library-empty').waitFor();
    // Focus moved to the new screen's heading, not left on <body>.
    await expectFocus(app, 'h1:Recordings');
    await scanScreen(app, 'library (empty)', found);
    // The skip link is the first stop of Tab, shown when focused, and leads into the main content.
    // From the top of the page, as after a reload: the document itself holds focus.
    await app.evaluate('(() => { document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute("tabindex"); })()');
    await app.keyboard.press('Tab');
    await expectFocus(app, 'a:Skip to main content');
    expect(await app.getByRole('link', { name: 'Skip to main content' }).isVisible()).toBe(true);
    await app.keyboard.press('Enter');
    expect(await focused(app)).toMatch(/^main:/);
    await app.getByRole('button', { name: 'Settings' }).click();
    await app.getByTestId('settings-screen').waitFor();
    await expectFocus(app, 'h1:Settings');
    await scanScreen(app, 'settings', found);
    await app.getByRole('combobox', { name: 'Where you work' }).click();
    await app.getByRole('listbox').waitFor();
    await scanScreen(app, 'settings (region list open)', found);
    await app.keyboard.press('Escape');
    await app.getByRole('button', { name: 'Change passphrase…' }).click();
    await app.getByRole('dialog', { name: 'Change passphrase' }).waitFor();
    await scanScreen(app, 'change passphrase', found);
    await app.keyboard.press('Escape');
    await app.getByRole('button', { name: 'Back to recordings' }).click();

    await app.getByTestId('open-models').click();
    await app.getByTestId('recommended-model').waitFor();
    await expectFocus(app, 'h1:Transcription models');
    await scanScreen(app, 'models', found);
    await app.getByRole('button', { name: /^More models/ }).click();
    await app.getByTestId('model-row-base.en').waitFor();
    await scanScreen(app, 'models (all)', found);
    await app.getByRole('button', { name: 'Back to recordings' }).click();

    await app.getByRole('button', { name: 'New recording' }).click();
    await app.getByRole('heading', { name: 'Before your first recording' }).waitFor();
    await scanScreen(app, 'policy acknowledgment', found);
    await app.getByRole('button', { name: 'I have read this and agree' }).click();
    await app.getByRole('form', { name: 'New recording' }).waitFor();
    await expectFocus(app, 'h1:New recording');
    await scanScreen(app, 'new recording', found);
    await app.getByLabel('Meeting title').fill('Privileged pricing strategy');
    await app.getByTestId('prepare-blocked').waitFor();
    await scanScreen(app, 'new recording (blocked)', found);
    await app.getByLabel('Meeting title').fill('');
    await setUpDiscoveryCall(app, 'Acme discovery');
    await scanScreen(app, 'consent', found);
    await startRecording(w);
    await waitForElapsed(app, 1);
    await scanScreen(app, 'recording', found);
    await app.getByRole('button', { name: 'Pause', exact: true }).click();
    await app.getByTestId('meter-paused').first().waitFor();
    await scanScreen(app, 'recording (paused)', found);
    await app.getByRole('button', { name: 'Lock', exact: true }).click();
    await app.getByRole('dialog', { name: 'Lock during this call?' }).waitFor();
    await scanScreen(app, 'lock during a call', found);
    await app.getByRole('button', { name: 'Keep recording' }).click();
    await app.getByRole('button', { name: 'Stop' }).click();
    await app.getByText(/^Recording saved/).waitFor();
    await scanScreen(app, 'after the call', found);

    await app.getByRole('button', { name: 'Lock', exact: true }).click();
    await app.getByRole('button', { name: 'Unlock' }).waitFor();
    await scanScreen(app, 'unlock', found);
    await w.context.close();
  });

  it('a transcribed call: library, transcript, redaction review and the call page', async () => {
    const home = path.join(work, 'seeded');
    const recordingId = await seedTranscribedCall(home);
    const w = await open(home);
    const app = w.app;
    await app.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await app.getByRole('button', { name: 'Unlock' }).click();
    await app.getByRole('button', { name: 'New recording' }).waitFor({ timeout: 60_000 });
    await scanScreen(app, 'library (one call)', found);
    await app.getByTestId(`view-transcript-${recordingId}`).click();
    await app.getByTestId('open-redaction-review').waitFor();
    await scanScreen(app, 'transcript', found);
    await app.getByTestId('open-redaction-review').click();
    await app.getByTestId('redaction-review').waitFor();
    await scanScreen(app, 'redaction review', found);
    await app.keyboard.press('Escape');
    await app.getByTestId(`open-call-${recordingId}`).click();
    await app.getByTestId('call-page').waitFor();
    await scanScreen(app, 'call page', found);
    await w.context.close();
  });

  it('finds no serious or critical violation on any screen', () => {
    expect(found.size).toBeGreaterThanOrEqual(20);
    const failing = Object.fromEntries([...found].filter(([, list]) => list.length > 0));
    expect(failing).toEqual({});
  });
});
