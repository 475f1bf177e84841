// Transcription end to end in Debian's Chromium through the browser host, with the real whisper
// runner and generated random-weight models listed in a test manifest: the Models screen (import
// by path, verify, download from a loopback mirror with cancel and resume, delete), the settings,
// and in the library a recording's transcription (no model, progress, cancel and retry, a failed
// job, the transcript with its speakers). The steps share one vault and run in order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speech, testModel } from '../integration/transcription/whisper-fixtures';
import { voiceWav } from '../helpers/audio-match';
import { launchCaptureChromium, startCustomerPeer, type CustomerPeer } from '../helpers/capture-browser';
import {
  acknowledgePolicy,
  api,
  createVault,
  CUSTOMER,
  openCallWindows,
  setUpDiscoveryCall,
  startRecording,
  waitForElapsed,
  type CallWindows,
  type CaptureHost,
} from '../helpers/capture-app';
import { pushCall, startHostWith, startModelMirror, watchCalls, watchEvents, writeModelManifest, type ModelMirror } from '../helpers/transcription-e2e';

const REP_SPEECH = 'Thanks for making time today. I would like to walk you through the renewal, the pricing for a team of your size, and the onboarding plan.';
const CUSTOMER_SPEECH = 'Sure. We are about forty people in three offices, our contract ends in March, and the budget is our main concern this year.';

const TINY = 'e2e-tiny';
const MIRRORED = 'e2e-mirror';

type Job = { recordingId: string; state: string; percent: number; error: string | null };
type Transcript = { version: number; segments: { speaker: 'rep' | 'customer'; text: string; confidence: number }[] };

let work = '';
let home = '';
let tinyFile = '';
let browser: Browser | undefined;
let peer: CustomerPeer | undefined;
let mirror: ModelMirror | undefined;
let host: CaptureHost | undefined;
let windows: CallWindows | undefined;
let recorded = '';

function app(): Page {
  if (!windows) {
    throw new Error('the app did not open');
  }
  return windows.app;
}

async function value<T>(method: string, input: unknown = {}): Promise<T> {
  const result = await api<T>(app(), method, input);
  if (!result.ok) {
    throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  }
  return result.value;
}

const status = (id: string) => app().getByTestId(`transcription-status-${id}`);

async function waitForState(id: string, state: string, timeout = 60_000): Promise<void> {
  await app().locator(`[data-testid="transcription-status-${id}"][data-state="${state}"]`).waitFor({ timeout });
}

async function openModels(): Promise<void> {
  await app().getByTestId('open-models').click();
  await app().getByTestId('models-screen').waitFor();
  // The full list and the import form are behind "More models" (first run shows one recommendation).
  await app().getByRole('button', { name: /^More models/ }).click();
}

async function backToRecordings(): Promise<void> {
  await app().getByRole('button', { name: 'Back to recordings' }).click();
  await app().getByRole('button', { name: 'New recording' }).waitFor();
}

async function importModel(file: string): Promise<void> {
  await app().getByTestId('model-import-path').fill(file);
  await app().getByTestId('model-import-submit').click();
}

/** The library afresh (a call pushed through the API is not on screen until the list is read again). */
async function reloadLibrary(): Promise<void> {
  await app().reload();
  await app().getByRole('button', { name: 'New recording' }).waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-transcription-e2e-'));
  home = path.join(work, 'home');
  tinyFile = testModel('f16', 1);
  const mirroredFile = testModel('f16', 2);
  const manifest = writeModelManifest(work, [{ name: TINY, source: tinyFile }, { name: MIRRORED, source: mirroredFile }]);
  const mic = voiceWav(work, 'rep', 'en-us', REP_SPEECH);
  const customer = voiceWav(work, 'customer', 'en-gb+f3', CUSTOMER_SPEECH);
  // About 8 MB at 1 MB/s: long enough to watch the first download and cancel it.
  mirror = await startModelMirror({ [`ggml-${MIRRORED}.bin`]: fs.readFileSync(mirroredFile) }, 1_000_000);
  [browser, peer, host] = await Promise.all([
    launchCaptureChromium(mic),
    startCustomerPeer(customer),
    startHostWith(home, path.join(work, 'host-tmp'), { CALLVAULT_MODEL_MANIFEST: manifest, CALLVAULT_MODEL_MIRROR: mirror.base }),
  ]);
  windows = await openCallWindows(browser, host, peer.url);
  await createVault(windows.app);
});

afterAll(async () => {
  await windows?.context.close();
  await browser?.close();
  await host?.stop();
  await peer?.close();
  await mirror?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('transcription in Chromium', () => {
  it('a recorded call cannot be transcribed before a model is installed, and the library says what to do', async () => {
    await acknowledgePolicy(app());
    await setUpDiscoveryCall(app(), 'Acme discovery');
    if (!windows) {
      throw new Error('no windows');
    }
    await startRecording(windows);
    await waitForElapsed(app(), 6);
    await app().getByRole('button', { name: 'Stop' }).click();
    await app().getByText(/^Recording saved \(00:0[6-9]\)\.$/).waitFor();
    // Sharing the customer's tab left it in front; animation frames (Playwright's stability check) slow down otherwise.
    await app().bringToFront();
    const [summary] = await value<{ id: string; title: string }[]>('recordings.list');
    recorded = summary!.id;

    await waitForState(recorded, 'none');
    expect(await status(recorded).innerText()).toBe('Not transcribed');
    await app().getByTestId(`transcribe-${recorded}`).click();
    const error = app().getByTestId(`transcription-error-${recorded}`);
    await error.waitFor();
    expect(await error.innerText()).toMatch(/No transcription model is installed\. Download or import one under Models/);
    expect(await value<Job[]>('transcription.jobs')).toEqual([]);
  });

  it('imports a model by path (a wrong file is refused), verifies it, and saves the settings', async () => {
    await openModels();
    await app().getByTestId('models-none-installed').waitFor();
    expect(await app().getByTestId(`model-status-${TINY}`).innerText()).toBe('Not installed');
    const row = app().getByTestId(`model-row-${TINY}`);
    expect(await row.innerText()).toMatch(/7\.9 MB · English only · full precision \(f16\)/);
    expect(await row.innerText()).toMatch(/Generated test model e2e-tiny/);

    // A file that is no model: refused with the app's reason, nothing installed.
    await importModel(path.join(work, 'manifest.json'));
    await app().getByTestId('model-import-error').waitFor();
    expect(await app().getByTestId(`model-status-${TINY}`).innerText()).toBe('Not installed');

    await importModel(tinyFile);
    await app().getByTestId(`model-status-${TINY}`).filter({ hasText: /^Installed$/ }).waitFor();
    expect(await app().getByTestId('models-none-installed').count()).toBe(0);
    expect(fs.existsSync(path.join(home, 'models', `ggml-${TINY}.bin`))).toBe(true);

    await app().getByTestId(`model-verify-${TINY}`).click();
    await app().getByTestId(`model-verified-${TINY}`).filter({ hasText: /^Verified .+: size, structure and sha256 match\.$/ }).waitFor();

    // Settings: the default thread count is explained, then the model is pinned and auto-transcribe turned off.
    const cores = os.availableParallelism();
    const threads = app().getByTestId('settings-threads');
    expect(await threads.inputValue()).toBe('0');
    await app().getByText(`Default (${Math.max(1, cores - 1)} thread`).waitFor();
    await app().getByTestId('settings-model').getByRole('combobox').click();
    await app().getByRole('option', { name: TINY, exact: true }).click();
    await app().getByTestId('settings-language').getByRole('combobox').click();
    await app().getByRole('option', { name: 'English (en)' }).click();
    await app().getByTestId('settings-auto').uncheck();
    await threads.fill('1');
    await app().getByText(`1 thread of ${cores}`).waitFor();
    await app().getByTestId('settings-save').click();
    await app().getByText('Transcription settings saved.').waitFor();
    expect(await value('transcription.settings')).toMatchObject({ threads: 1, language: 'en', model: TINY, autoTranscribe: false, effectiveThreads: 1 });
  });

  it('transcribes the recorded call, and the transcript shows who said what', async () => {
    await backToRecordings();
    await app().getByTestId(`transcribe-${recorded}`).click();
    await waitForState(recorded, 'done');
    expect(await status(recorded).innerText()).toBe('Transcribed');
    expect(await value<Job[]>('transcription.jobs')).toMatchObject([{ recordingId: recorded, state: 'done', percent: 100, error: null }]);

    await app().getByTestId(`view-transcript-${recorded}`).click();
    const view = app().getByTestId('transcript-view');
    await view.getByTestId('transcript-segment').first().waitFor();
    expect(await view.getByTestId('transcript-version').innerText()).toBe('Version 1 of 1 · machine transcript');
    expect(await view.innerText()).toMatch(/whisper\.cpp .*e2e-tiny · language: English/);
    const stored = await value<Transcript>('transcripts.get', { recordingId: recorded });
    const segments = view.getByTestId('transcript-segment');
    expect(await segments.count()).toBe(stored.segments.length);
    type Item = { getAttribute(name: string): string | null; textContent: string | null };
    const shown = await segments.evaluateAll((items: Item[]) => items.map((li) => ({ speaker: li.getAttribute('data-speaker'), low: li.getAttribute('data-low-confidence'), text: li.textContent })));
    // Both sides spoke, and each segment is labelled and marked as the vault has it.
    expect(new Set(shown.map((s) => s.speaker))).toEqual(new Set(['Rep', 'Customer']));
    stored.segments.forEach((segment, i) => {
      expect(shown[i]?.speaker).toBe(segment.speaker === 'rep' ? 'Rep' : 'Customer');
      expect(shown[i]?.low).toBe(segment.confidence < 0.5 ? 'true' : 'false');
      expect(shown[i]?.text).toContain(segment.text.trim());
    });
    await app().getByRole('button', { name: 'Close' }).click();
    await view.waitFor({ state: 'detached' });
  });

  // A fifteen-minute call transcribed in two runs, with progress watched moving: on a shared,
  // loaded machine that takes longer than the default two minutes.
  it('shows live progress; Cancel stops the job and Retry resumes it from its checkpoint to the end', async () => {
    const calls = watchCalls(app(), 'transcription.jobs');
    const progressEvents = watchEvents(app(), 'transcription.progress');
    const long = await pushCall(app(), {
      title: 'Acme renewal',
      seconds: 15 * 60,
      rep: speech(REP_SPEECH, 'en-us'),
      customer: speech(CUSTOMER_SPEECH, 'en-gb'),
      participant: CUSTOMER,
    });

    // Playback's window of audio comes back through the page's bridge as bytes: 2-4 s is the
    // rep's turn, so the rep's channel carries speech and the customer's is silent.
    const audio = await app().evaluate(async (recordingId) => {
      type Answer = { ok: true; value: { pcm: unknown; sampleRate: number; channels: number } } | { ok: false; error: { code: string } };
      const api = (globalThis as unknown as { callvault: Record<string, (input: unknown) => Promise<Answer>> }).callvault;
      const answer = await api['recordings.audioWindow']!({ recordingId, fromMs: 2000, toMs: 4000 });
      if (!answer.ok || !(answer.value.pcm instanceof Uint8Array)) {
        return null;
      }
      const samples = new Int16Array(answer.value.pcm.buffer, answer.value.pcm.byteOffset, answer.value.pcm.byteLength / 2);
      let rep = 0;
      let customer = 0;
      for (let i = 0; i < samples.length; i += 2) {
        rep += Math.abs(samples[i] ?? 0);
        customer += Math.abs(samples[i + 1] ?? 0);
      }
      return { bytes: answer.value.pcm.byteLength, sampleRate: answer.value.sampleRate, channels: answer.value.channels, rep, customer };
    }, long);
    expect(audio).toMatchObject({ bytes: 2 * 16_000 * 4, sampleRate: 16_000, channels: 2, customer: 0 });
    expect(audio!.rep).toBeGreaterThan(0);

    await reloadLibrary();
    await app().getByTestId(`transcribe-${long}`).click();

    const progress = app().getByTestId(`transcription-progress-${long}`);
    await progress.waitFor({ timeout: 30_000 });
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await status(long).innerText()).toMatch(/^Transcribing… \d+%$/);
    // Progress reaches the page as events: it keeps moving on screen while the page reads
    // transcription.jobs no more.
    const readsWhileRunning = calls.count();
    const eventsSoFar = progressEvents.count();
    const shown = Number(await progress.getAttribute('aria-valuenow'));
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(shown);
    expect(progressEvents.count()).toBeGreaterThan(eventsSoFar);
    expect(calls.count()).toBe(readsWhileRunning);
    await app().getByTestId(`cancel-transcription-${long}`).click();
    await waitForState(long, 'cancelled');
    const [cancelled] = (await value<Job[]>('transcription.jobs')).filter((j) => j.recordingId === long);
    expect(cancelled?.state).toBe('cancelled');
    expect(cancelled!.percent).toBeGreaterThan(0);
    expect(cancelled!.percent).toBeLessThan(100);
    expect(await status(long).innerText()).toBe(`Transcription cancelled at ${Math.floor(cancelled!.percent)}%`);

    // Nothing is queued or running now, and the library never asks for progress on a timer.
    await app().waitForTimeout(1_500);
    const quiet = calls.count();
    await app().waitForTimeout(2_500);
    expect(calls.count()).toBe(quiet);

    await app().getByTestId(`retry-transcription-${long}`).click();
    // The retry goes on from the last checkpointed segment (at most one 30 s turn, under 2%,
    // before where it was cancelled), not from the start.
    await progress.waitFor({ timeout: 30_000 });
    let resumedAt = 0;
    await expect.poll(async () => (resumedAt = Number(await progress.getAttribute('aria-valuenow'))), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(resumedAt).toBeGreaterThanOrEqual(Math.floor(cancelled!.percent) - 2);
    expect(calls.count()).toBe(quiet);
    await waitForState(long, 'done', 120_000);
    // At most the one read that follows the library's change (a transcript now exists).
    expect(calls.count()).toBeLessThanOrEqual(quiet + 1);
    const transcript = await value<Transcript>('transcripts.get', { recordingId: long });
    expect(transcript.version).toBe(1);
    expect(new Set(transcript.segments.map((s) => s.speaker))).toEqual(new Set(['rep', 'customer']));
  }, 240_000);

  it('a job whose model file is gone fails with the reason, and Retry works once the model is back', async () => {
    const short = await pushCall(app(), { title: 'Acme pricing', seconds: 60, rep: speech(REP_SPEECH, 'en-us'), customer: speech(CUSTOMER_SPEECH, 'en-gb'), participant: CUSTOMER });
    fs.rmSync(path.join(home, 'models', `ggml-${TINY}.bin`));
    await reloadLibrary();
    await app().getByTestId(`transcribe-${short}`).click();
    await waitForState(short, 'failed');
    const [failed] = (await value<Job[]>('transcription.jobs')).filter((j) => j.recordingId === short);
    expect(failed?.error).toMatch(/e2e-tiny is not installed/);
    expect(await status(short).innerText()).toContain(failed!.error!);
    await app().getByTestId(`retry-transcription-${short}`).waitFor();

    await openModels();
    await app().getByTestId('models-none-installed').waitFor();
    await importModel(tinyFile);
    await app().getByTestId(`model-status-${TINY}`).filter({ hasText: /^Installed$/ }).waitFor();
    await backToRecordings();
    await app().getByTestId(`retry-transcription-${short}`).click();
    await waitForState(short, 'done');
    await app().getByTestId(`view-transcript-${short}`).waitFor();
  });

  it('downloads a model with progress, cancels and resumes it, and deletes it only after confirmation', async () => {
    await openModels();
    expect(await app().getByTestId(`model-status-${MIRRORED}`).innerText()).toBe('Not installed');
    await app().getByTestId(`model-download-${MIRRORED}`).click();
    const progress = app().getByTestId(`model-progress-${MIRRORED}`);
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await app().getByTestId(`model-status-${MIRRORED}`).innerText()).toMatch(/^Downloading… \d+%$/);
    await app().getByTestId(`model-cancel-download-${MIRRORED}`).click();
    await app().getByTestId(`model-status-${MIRRORED}`).filter({ hasText: /^Partly downloaded \d+%$/ }).waitFor();
    expect(await progress.count()).toBe(0);

    await app().getByRole('button', { name: `Download ${MIRRORED}` }).click();
    await app().getByTestId(`model-status-${MIRRORED}`).filter({ hasText: /^Installed$/ }).waitFor({ timeout: 30_000 });
    // The second request resumed where the first stopped.
    expect(mirror?.requests.map((r) => r.range)).toEqual([undefined, expect.stringMatching(/^bytes=[1-9]\d*-$/)]);
    await app().getByTestId(`model-verify-${MIRRORED}`).click();
    await app().getByTestId(`model-verified-${MIRRORED}`).waitFor();

    // DANGEROUS: delete asks first; keeping it changes nothing.
    await app().getByTestId(`model-delete-${MIRRORED}`).click();
    const dialog = app().getByRole('dialog', { name: `Delete ${MIRRORED}?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(fs.existsSync(path.join(home, 'models', `ggml-${MIRRORED}.bin`))).toBe(true);
    await app().getByTestId(`model-delete-${MIRRORED}`).click();
    await dialog.getByRole('button', { name: 'Delete model' }).click();
    await app().getByTestId(`model-status-${MIRRORED}`).filter({ hasText: /^Not installed$/ }).waitFor();
    expect(fs.existsSync(path.join(home, 'models', `ggml-${MIRRORED}.bin`))).toBe(false);
  });
});
