// The call page in Debian's Chromium through the browser host: a vault made on disk with a call
// whose audio is known (the rep speaks for the first 15 s, the customer after) and a hand-written
// transcript with word times, plus a call the customer declined, with the rep's notes. In the app:
// the declined call stays in the library with its outcome and notes; the recorded call plays, the
// lit word advances with the audio, a click on a later word moves the player there and the audio
// window the page asks for starts at that word and carries the customer's voice; the keyboard
// shortcuts and their help overlay work.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectImportFile, importWav } from '../../src/app/recording/import-wav-to-vault';
import { OpenVault } from '../../src/app/vault/open-vault';
import { encodeWav } from '../../src/platform/audio/wav';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { launchChromium } from '../helpers/browser';
import { startHostProcess, type RunningHost } from '../helpers/browser-host-process';
import { timedSegment } from '../helpers/timed-segment';
import { PASSPHRASE, vaultContext } from '../helpers/vault-fixture';

const RATE = 16_000;
const SECONDS = 30;
const NOTES = 'Customer asked for a written proposal before any recorded call.';
const LATE_WORD_MS = 21_000;

let work = '';
let browser: Browser | undefined;
let host: RunningHost | undefined;
let context: BrowserContext | undefined;
let page: Page;
let recordingId = '';
let declinedCallId = '';

/** What the page asked `recordings.audioWindow` for, and what came back (channel energies of the samples). */
interface WindowExchange {
  fromMs: number;
  toMs: number;
  reply?: { fromMs: number; frames: number; rep: number; customer: number; firstRep: number; firstCustomer: number };
}
const exchanges = new Map<number, WindowExchange>();

function watchAudioWindows(p: Page): void {
  p.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string' && payload.includes('"method":"recordings.audioWindow"')) {
        const message = JSON.parse(payload) as { id: number; input: { fromMs: number; toMs: number } };
        exchanges.set(message.id, { fromMs: message.input.fromMs, toMs: message.input.toMs });
      }
    });
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string' || payload.length < 4) {
        return;
      }
      const headerLength = payload.readUInt32LE(0);
      const header = JSON.parse(payload.subarray(4, 4 + headerLength).toString('utf8')) as { id: number; bytes: string; result: { value: { fromMs: number } } };
      const exchange = exchanges.get(header.id);
      if (!exchange || header.bytes !== 'pcm') {
        return;
      }
      const pcm = payload.subarray(4 + headerLength);
      const frames = pcm.length / 4;
      let rep = 0;
      let customer = 0;
      // The first 100 ms of the window: whose voice is right at the position asked for.
      const head = Math.min(frames, RATE / 10);
      for (let f = 0; f < head; f += 1) {
        rep += Math.abs(pcm.readInt16LE(f * 4));
        customer += Math.abs(pcm.readInt16LE(f * 4 + 2));
      }
      exchange.reply = { fromMs: header.result.value.fromMs, frames, rep, customer, firstRep: pcm.readInt16LE(0), firstCustomer: pcm.readInt16LE(2) };
    });
  });
}

/** A profile with a vault holding the recorded, transcribed call and the declined one, made through the real code. */
async function seedVault(home: string): Promise<void> {
  const profile = new ProfileStore(home).create('Rita Rep');
  const { vault } = await OpenVault.create(profile, PASSPHRASE, await vaultContext());
  try {
    const rep = Int16Array.from({ length: RATE * SECONDS }, (_, i) => (i < RATE * 15 ? Math.round(9000 * Math.sin((2 * Math.PI * 220 * i) / RATE)) : 0));
    const customer = Int16Array.from({ length: RATE * SECONDS }, (_, i) => (i >= RATE * 15 ? Math.round(9000 * Math.sin((2 * Math.PI * 440 * i) / RATE)) : 0));
    const file = path.join(work, 'call.wav');
    fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [rep, customer] }));
    ({ recordingId } = importWav(vault, file, inspectImportFile(file), { title: 'Acme renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() }));
    fs.rmSync(file);
    vault.transcripts.add({
      recordingId,
      kind: 'machine',
      createdAt: '2026-11-28T09:00:00Z',
      createdBy: 'Rita Rep',
      engine: 'hand-written',
      language: 'en',
      segments: [
        timedSegment('rep', 0, 7_000, 'Thanks for calling about the renewal of your team plan today'),
        timedSegment('rep', 7_500, 14_500, 'We can walk through pricing and the onboarding plan together'),
        timedSegment('customer', 15_000, 20_000, 'Sure we are about forty people in three offices'),
        timedSegment('customer', LATE_WORD_MS, 28_000, 'Budget is our main concern this year honestly'),
      ],
    });
    const at = new Date().toISOString();
    vault.jobs.enqueue(recordingId, 'hand-written', 'en', at);
    vault.jobs.setState(recordingId, 'done', null, at);

    declinedCallId = randomUUID();
    vault.calls.insert({
      id: declinedCallId,
      callType: 'discovery',
      account: 'Globex',
      meetingTitle: 'Globex intro',
      participants: [{ name: 'Casey Customer', email: 'casey@globex.example' }],
      policyHash: 'p',
      scriptId: 'seed-record-notes',
      scriptVersion: 1,
      consentScope: 'customer-side',
      state: 'declined',
      createdAt: '2026-11-27T15:00:00.000Z',
    });
    vault.calls.appendConsent({
      callId: declinedCallId,
      participantName: 'Casey Customer',
      participantEmail: 'casey@globex.example',
      at: '2026-11-27T15:01:00.000Z',
      scriptId: 'seed-record-notes',
      scriptVersion: 1,
      policyHash: 'p',
      outcome: 'declined',
      method: null,
      recordedBy: 'Rita Rep',
      note: '',
    });
    vault.calls.saveNotes(declinedCallId, NOTES, '2026-11-27T15:05:00.000Z');
  } finally {
    vault.close();
  }
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-call-page-e2e-'));
  const home = path.join(work, 'home');
  await seedVault(home);
  [browser, host] = await Promise.all([launchChromium(['--autoplay-policy=no-user-gesture-required']), startHostProcess(home)]);
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  watchAudioWindows(page);
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

const activeStart = async (): Promise<number> => {
  const lit = page.locator('[data-active-word="true"]');
  return (await lit.count()) === 0 ? -1 : Number(await lit.first().getAttribute('data-start-ms'));
};
const playerMs = async (): Promise<number> => Number(await page.getByTestId('player-time').getAttribute('data-position-ms'));

describe('the call page in Chromium', () => {
  it('keeps a declined call in the library with its outcome and notes, and opens it', async () => {
    const row = page.getByRole('listitem', { name: 'Globex intro' });
    await row.getByText('Consent declined').waitFor();
    await row.getByText('Notes').waitFor();
    expect(await page.getByTestId('library-count').innerText()).toBe('2 calls');
    await page.getByTestId(`open-call-call:${declinedCallId}`).click();
    await page.getByTestId('call-page').waitFor();
    expect(await page.getByTestId('call-outcome').innerText()).toMatch(/Not recorded: consent was declined\. Your manual notes are kept with it\./);
    await expect.poll(() => page.getByLabel('Manual notes').inputValue()).toBe(NOTES);
    await page.getByTestId('consent-record').getByText('Declined').waitFor();
    await page.getByRole('button', { name: 'Back to the library' }).click();
  });

  it('filters the library with the search box (titles and accounts)', async () => {
    await page.getByTestId('library-search').fill('acme');
    await expect.poll(() => page.getByTestId('library-count').innerText()).toBe('1 of 2 calls');
    expect(await page.getByRole('listitem', { name: 'Globex intro' }).count()).toBe(0);
    await page.getByTestId('library-search').fill('');
    await expect.poll(() => page.getByTestId('library-count').innerText()).toBe('2 calls');
  });

  it('plays the call: the lit word advances with the audio', async () => {
    await page.getByTestId(`open-call-${recordingId}`).click();
    await page.getByTestId('call-page').waitFor();
    await expect.poll(async () => Number(await page.getByTestId('waveform').getAttribute('data-peaks')), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('transcript-word').first().waitFor();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(activeStart, { timeout: 20_000 }).toBeGreaterThanOrEqual(0);
    const first = await activeStart();
    await expect.poll(activeStart, { timeout: 20_000 }).toBeGreaterThan(first);
    expect(await playerMs()).toBeGreaterThan(first);
    // The first window the page asked for starts at the beginning and carries the rep's voice.
    const opening = [...exchanges.values()].find((e) => e.fromMs === 0);
    expect(opening?.reply).toMatchObject({ fromMs: 0 });
    expect(opening!.reply!.rep).toBeGreaterThan(0);
    expect(opening!.reply!.customer).toBe(0);
  });

  it('moves to a clicked word: the player time and the audio window the page fetches start there', async () => {
    const target = page.locator(`[data-testid="transcript-word"][data-start-ms="${LATE_WORD_MS}"]`);
    const before = new Set(exchanges.keys());
    await target.click();
    await expect.poll(() => [...exchanges.entries()].filter(([id, e]) => !before.has(id) && e.fromMs === LATE_WORD_MS && e.reply !== undefined).length, { timeout: 15_000 }).toBe(1);
    const [, fetched] = [...exchanges.entries()].find(([id, e]) => !before.has(id) && e.fromMs === LATE_WORD_MS)!;
    // The samples delivered start at the word: the customer speaks there and the rep is silent.
    expect(fetched.reply).toMatchObject({ fromMs: LATE_WORD_MS });
    expect(fetched.reply!.customer).toBeGreaterThan(0);
    expect(fetched.reply!.rep).toBe(0);
    await expect.poll(playerMs, { timeout: 10_000 }).toBeGreaterThanOrEqual(LATE_WORD_MS);
    expect(await playerMs()).toBeLessThan(LATE_WORD_MS + 5_000);
    await expect.poll(activeStart, { timeout: 10_000 }).toBeGreaterThanOrEqual(LATE_WORD_MS);
  });

  it('answers the keyboard: K pauses, J goes back 10 s, ? shows the shortcuts', async () => {
    await page.getByTestId('call-page').getByRole('heading', { name: 'Acme renewal' }).click();
    await page.keyboard.press('k');
    await expect.poll(() => page.getByTestId('play-pause').getAttribute('data-playing')).toBe('false');
    const paused = await playerMs();
    await page.keyboard.press('j');
    await expect.poll(playerMs).toBe(Math.max(0, paused - 10_000));
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').getByText('Back 10 seconds').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcut-help').count()).toBe(0);
  });
});
