/**
 * Steps of the capture tests, done the way a rep does them in the page (roles and labels), plus
 * the few checks from outside: what the page sent over its socket, and what the vault holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readRecordingAudio, type RecordingAudio } from '../../src/app/recording/recording-audio';
import { OpenVault } from '../../src/app/vault/open-vault';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { readLinesUntil, spawnTsx } from './spawn-tsx';
import { PASSPHRASE, vaultContext } from './vault-fixture';

export interface CaptureHost {
  readonly url: string;
  readonly origin: string;
  readonly home: string;
  /** The host's own TMPDIR, so a test can tell that the host wrote nothing there. */
  readonly tmp: string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The real browser host in its own process, with its data in `home`, its temp files in `tmp`, and `env` added. */
export async function startCaptureHost(home: string, tmp: string, env: Record<string, string> = {}): Promise<CaptureHost> {
  fs.mkdirSync(tmp, { recursive: true });
  const child = spawnTsx('src/host/main.ts', [], { ...env, CALLVAULT_HOME: home, TMPDIR: tmp });
  const lines = await readLinesUntil(child, (l) => l.some((x) => x.includes('CallVault is running at')), 60_000);
  const url = lines.find((l) => l.includes('CallVault is running at'))?.split(' at ')[1]?.trim() ?? '';
  const ended = new Promise<void>((resolve) => {
    if (child.exitCode !== null) {
      resolve();
    }
    child.once('exit', () => {
      resolve();
    });
  });
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(name);
    }
    return ended;
  };
  return { url, origin: new URL(url).origin, home, tmp, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

export interface CallWindows {
  readonly context: BrowserContext;
  readonly app: Page;
  readonly customer: Page;
  /** Audio frames (48 kHz stereo) the app page has sent to `capture.append` so far. */
  sentFrames(): number;
}

/** The customer's meeting tab, then CallVault in a second tab of the same browser window. */
export async function openCallWindows(browser: Browser, host: CaptureHost, customerUrl: string): Promise<CallWindows> {
  const context = await browser.newContext();
  await context.grantPermissions(['microphone'], { origin: host.origin });
  const customer = await context.newPage();
  await customer.goto(customerUrl);
  const app = await context.newPage();
  const sent = watchSentAudio(app);
  await app.goto(host.url);
  await app.bringToFront();
  return { context, app, customer, sentFrames: sent.frames };
}

/** Profile and vault through the page's own contract API (the vault screens have their own test). */
export async function createVault(app: Page): Promise<void> {
  await app.getByTestId('vault-state').waitFor({ state: 'attached' });
  await app.evaluate(async (passphrase) => {
    type Answer = { ok: boolean; error?: { code: string; message: string } };
    const api = (globalThis as unknown as { callvault: Record<string, (input: unknown) => Promise<Answer>> }).callvault;
    const profile = await api['profiles.create']!({ displayName: 'Rita Rep' });
    const vault = profile.ok ? await api['vault.create']!({ passphrase }) : profile;
    if (!vault.ok) {
      throw new Error(`could not ${profile.ok ? 'create the vault' : 'create the profile'}: ${vault.error?.code ?? '?'} ${vault.error?.message ?? ''}`);
    }
  }, PASSPHRASE);
  await app.reload();
  await app.getByRole('button', { name: 'New recording' }).waitFor({ timeout: 60_000 });
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Calls a contract method from the page, as the UI would; `T` is what the test expects back. */
export async function api<T = unknown>(app: Page, method: string, input: unknown = {}): Promise<ApiResult<T>> {
  const result: unknown = await app.evaluate(
    ([m, i]) => (globalThis as unknown as { callvault: Record<string, (input: unknown) => Promise<unknown>> }).callvault[m]!(i),
    [method, input] as const,
  );
  return result as ApiResult<T>;
}

export async function acknowledgePolicy(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'New recording' }).click();
  await app.getByRole('button', { name: 'I have read this and agree' }).click();
  await app.getByRole('form', { name: 'New recording' }).waitFor();
}

export const CUSTOMER = { name: 'Casey Customer', email: 'casey@acme.example', region: 'US-TX' };

/** Fills in a discovery call with one customer and goes on to the consent step. */
export async function setUpDiscoveryCall(app: Page, title: string): Promise<void> {
  const form = app.getByRole('form', { name: 'New recording' });
  await form.getByRole('combobox', { name: 'Call type' }).click();
  await app.getByRole('option', { name: /Discovery call/ }).click();
  await form.getByLabel('Account').fill('Acme');
  await form.getByLabel('Meeting title').fill(title);
  await form.getByLabel('Participant 1 name').fill(CUSTOMER.name);
  await form.getByLabel('Participant 1 email').fill(CUSTOMER.email);
  await form.getByLabel('Participant 1 region').fill(CUSTOMER.region);
  await form.getByRole('button', { name: 'Continue to consent' }).click();
  await app.getByTestId('consent-script').waitFor();
}

/** Grants consent, starts the customer's audio and the recording, and waits for audio to flow. */
export async function startRecording(windows: CallWindows): Promise<void> {
  const { app, customer } = windows;
  await app.getByRole('button', { name: `Granted: ${CUSTOMER.name}` }).click();
  await app.getByTestId('consent-gate').filter({ hasText: 'You may start recording' }).waitFor();
  await customer.evaluate(() => (globalThis as unknown as { document: { getElementById(id: string): { play(): Promise<void> } } }).document.getElementById('voice').play());
  await app.getByRole('button', { name: 'Start recording' }).click();
  await app.getByTestId('recording-state').filter({ hasText: /^Recording$/ }).waitFor({ timeout: 30_000 });
}

export function elapsedText(app: Page): Promise<string> {
  return app.getByTestId('recording-elapsed').innerText();
}

/** Waits until the recording indicator shows at least `seconds` recorded. */
export async function waitForElapsed(app: Page, seconds: number, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const [minutes = 0, secs = 0] = (await elapsedText(app)).split(':').map(Number);
    if (minutes * 60 + secs >= seconds) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`the recording indicator did not reach ${seconds} s within ${timeout} ms`);
    }
    await app.waitForTimeout(100);
  }
}

export type CaptureStatus = { recordingId: string; state: string; recordedMs: number; pauseReason: string | null };

export async function captureStatus(app: Page): Promise<CaptureStatus | null> {
  const status = await api<CaptureStatus | null>(app, 'capture.status');
  if (!status.ok) {
    throw new Error(`capture.status failed: ${status.error.message}`);
  }
  return status.value;
}

/** Counts the audio the page sent: `capture.append` travels as binary frames (u32 header length, JSON header, PCM). */
export function watchSentAudio(app: Page): { frames: () => number } {
  let bytes = 0;
  app.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string' && payload.length >= 4) {
        const headerLength = payload.readUInt32LE(0);
        const header = JSON.parse(payload.subarray(4, 4 + headerLength).toString('utf8')) as { method?: string };
        if (header.method === 'capture.append') {
          bytes += payload.length - 4 - headerLength;
        }
      }
    });
  });
  return { frames: () => bytes / 4 };
}

export function recordingFiles(home: string): string[] {
  const profiles = path.join(home, 'profiles');
  return fs.readdirSync(profiles).flatMap((p) => {
    const dir = path.join(profiles, p, 'vault', 'recordings');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  });
}

/** Every file under `dir`, as paths relative to it. */
export function filesUnder(dir: string): Set<string> {
  return new Set(
    fs
      .readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => !e.isDirectory())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name))),
  );
}

/** Entries of the system temp directory, apart from Chromium's own shared-memory files. */
export function systemTmpEntries(): Set<string> {
  return new Set(fs.readdirSync(os.tmpdir()).filter((e) => !e.startsWith('.org.chromium.') && !e.startsWith('.com.google.')));
}

/** Opens the vault in this process (the host must be stopped) and decrypts one recording. */
export async function readStoredAudio(home: string, recordingId: string): Promise<RecordingAudio & { status: string; bookmarks: { atMs: number; note: string }[] }> {
  const [profile] = new ProfileStore(home).list();
  if (!profile) {
    throw new Error(`no profile in ${home}`);
  }
  const vault = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
  try {
    const status = vault.recordings.get(recordingId)?.status ?? 'missing';
    return { ...readRecordingAudio(vault, recordingId), status, bookmarks: vault.calls.bookmarks(recordingId) };
  } finally {
    vault.close();
  }
}
