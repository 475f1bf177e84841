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

/**
 * The customer's meeting tab, then CallVault in a second tab of the same browser window.
 * `initScript` runs in every page before its own scripts: a test that needs one passes it here
 * rather than adding it and reloading, because a reload right after the first load can come
 * before the host's session token has reached the tab, leaving it only the spent launch token.
 */
export async function openCallWindows(browser: Browser, host: CaptureHost, customerUrl: string, options: { readonly initScript?: string } = {}): Promise<CallWindows> {
  const context = await browser.newContext();
  await context.grantPermissions(['microphone'], { origin: host.origin });
  if (options.initScript !== undefined) {
    await context.addInitScript(options.initScript);
  }
  const customer = await context.newPage();
  await customer.goto(customerUrl);
  const app = await context.newPage();
  const sent = watchSentAudio(app);
  await app.goto(host.url);
  await app.bringToFront();
  return { context, app, customer, sentFrames: sent.frames };
}

/** How long the app may take to connect and answer its first status, or the policy check, on a loaded machine. */
const APP_ANSWER_MS = 60_000;

/**
 * Waits until the app has connected and knows its vault's state (the hidden marker says
 * "loading" until then), and returns that state. "error" means the page could not reach the
 * host (a refused token, say): that is thrown with what the page shows, not left to a later step.
 */
export async function settledVaultState(app: Page): Promise<string> {
  const marker = app.getByTestId('vault-state');
  await marker.waitFor({ state: 'attached', timeout: APP_ANSWER_MS });
  await marker.filter({ hasNotText: /^loading$/ }).waitFor({ state: 'attached', timeout: APP_ANSWER_MS });
  const state = (await marker.textContent())?.trim() ?? '';
  if (state === 'error') {
    throw new Error(`the app could not reach the host: ${(await app.locator('body').innerText()).trim().slice(0, 400)}`);
  }
  return state;
}

/** Profile and vault through the page's own contract API (the vault screens have their own test). */
export async function createVault(app: Page): Promise<void> {
  const state = await settledVaultState(app);
  if (state !== 'no-profile') {
    throw new Error(`createVault needs a data directory without a profile, but the app says "${state}"`);
  }
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
  await app.getByRole('button', { name: 'New recording' }).waitFor({ timeout: APP_ANSWER_MS });
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

export type PolicyStep = 'acknowledge' | 'form' | 'blocked';

/**
 * Waits for the recording flow's policy check ("Checking the recording policy…") to end and says
 * where it went: the acknowledgment, the new-recording form, or a policy block. A check that
 * failed is thrown with the page's own message instead of waiting out a screen that never comes.
 */
export async function policyCheckOutcome(app: Page): Promise<PolicyStep> {
  const steps = {
    acknowledge: app.getByRole('heading', { name: 'Before your first recording' }),
    form: app.getByRole('form', { name: 'New recording' }),
    blocked: app.getByTestId('policy-blocked'),
  } as const;
  const failed = app.getByRole('button', { name: 'Try again' });
  await steps.acknowledge.or(steps.form).or(steps.blocked).or(failed).first().waitFor({ timeout: APP_ANSWER_MS });
  for (const [step, locator] of Object.entries(steps) as [PolicyStep, typeof failed][]) {
    if ((await locator.count()) > 0) {
      return step;
    }
  }
  throw new Error(`the policy check failed: ${(await app.getByRole('alert').allInnerTexts()).join(' ')}`);
}

/** Opens "New recording" and waits for the policy check; fails unless it led to `expected`. */
export async function openNewRecording(app: Page, expected: PolicyStep): Promise<void> {
  await app.getByRole('button', { name: 'New recording' }).click();
  const step = await policyCheckOutcome(app);
  if (step !== expected) {
    throw new Error(`"New recording" led to the ${step} step, not the ${expected} step`);
  }
}

/** Opens "New recording", agrees to the policy, and waits for the new-recording form. */
export async function acknowledgePolicy(app: Page): Promise<void> {
  await openNewRecording(app, 'acknowledge');
  await agreeToPolicy(app);
}

/** On the acknowledgment screen: agrees, and waits for the new-recording form that follows. */
export async function agreeToPolicy(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'I have read this and agree' }).click();
  // Acknowledging is saved, then the policy is checked again before the form.
  try {
    await app.getByRole('form', { name: 'New recording' }).waitFor({ timeout: APP_ANSWER_MS });
  } catch (error) {
    throw new Error(`acknowledging the policy did not lead to the new-recording form; the page says: ${(await app.getByRole('alert').allInnerTexts()).join(' ')}`, { cause: error });
  }
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

/** Entries of a temp directory (the system one unless named), apart from Chromium's own shared-memory files. */
export function tmpEntries(dir: string = os.tmpdir()): Set<string> {
  return new Set(fs.readdirSync(dir).filter((e) => !e.startsWith('.org.chromium.') && !e.startsWith('.com.google.')));
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
