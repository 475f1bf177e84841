/**
 * The frame most browser-host e2e tests share: a data directory the test seeds through the real
 * code (a vault with calls and hand-written transcripts), then the real browser host on it and
 * Debian's Chromium unlocked to the library; or a fresh data directory where the UI makes the
 * vault. Everything started is stopped again by `close()`, also when opening fails half-way.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AppEvents } from '../../src/app/app-events';
import { createDispatcher } from '../../src/app/dispatch';
import { createHandlerTable } from '../../src/app/handlers';
import { silentLogger } from '../../src/app/logger';
import { inspectImportFile, importWav } from '../../src/app/recording/import-wav-to-vault';
import { saveReview } from '../../src/app/redaction/redaction-review';
import { createServices } from '../../src/app/services';
import { OpenVault } from '../../src/app/vault/open-vault';
import { VaultSession } from '../../src/app/vault/vault-session';
import { topicPolicyFrom } from '../../src/core/policy/topic-policy';
import type { StoredSegment } from '../../src/core/transcription/transcript';
import { encodeWav } from '../../src/platform/audio/wav';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { launchChromium } from './browser';
import { startHostProcess, type RunningHost } from './browser-host-process';
import { noTimers } from './call-fixture';
import { createVault } from './capture-app';
import { PASSPHRASE, vaultContext } from './vault-fixture';

const RATE = 16_000;
const DAY_MS = 86_400_000;

/** A stereo 16 kHz WAV of a steady tone on both channels, written to `file`. */
export function writeToneWav(file: string, seconds: number, hz = 300, amplitude = 8000): string {
  const tone = Int16Array.from({ length: RATE * seconds }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / RATE)));
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone, tone] }));
  return file;
}

/** A new temporary directory for one test file's work, with `home` (the data directory) inside it. */
export function workDir(name: string): { work: string; home: string } {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `callvault-${name}-`));
  return { work, home: path.join(work, 'home') };
}

/** Marks a recording's transcription done (as the queue would after a hand-written transcript). */
function markTranscribed(vault: OpenVault, recordingId: string): void {
  const at = new Date().toISOString();
  vault.jobs.enqueue(recordingId, 'hand-written', 'en', at);
  vault.jobs.setState(recordingId, 'done', null, at);
}

/** A profile (Rita Rep's unless named) and a new vault in `home`, made through the real code; `seed` fills it, then it is closed. */
export async function seedVault<T>(home: string, seed: (vault: OpenVault) => T | Promise<T>, displayName = 'Rita Rep'): Promise<T> {
  const profile = new ProfileStore(home).create(displayName);
  const { vault } = await OpenVault.create(profile, PASSPHRASE, await vaultContext());
  try {
    return await seed(vault);
  } finally {
    vault.close();
  }
}

interface TranscribedCall {
  readonly title: string;
  readonly seconds: number;
  readonly segments: readonly StoredSegment[];
}

/** A customer-sales call in `vault`: a tone of `seconds` imported as a WAV (written in `dir`, then removed), with a hand-written machine transcript by `by`. */
function importTranscribedCall(vault: OpenVault, dir: string, call: TranscribedCall, by: string): string {
  const file = writeToneWav(path.join(dir, 'seed-call.wav'), call.seconds);
  const { recordingId } = importWav(vault, file, inspectImportFile(file), { title: call.title, callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
  fs.rmSync(file);
  vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T09:00:00Z', createdBy: by, engine: 'hand-written', language: 'en', segments: call.segments });
  markTranscribed(vault, recordingId);
  return recordingId;
}

/** A vault (as `seedVault`) holding one call, a tone of `seconds` imported as a WAV, with a hand-written machine transcript. */
export function seedTranscribedCall(home: string, call: TranscribedCall): Promise<string> {
  return seedVault(home, (vault) => importTranscribedCall(vault, path.dirname(home), call, 'Rita Rep'));
}

/** A transcribed call (as `seedTranscribedCall`) added to an open vault, its redactions reviewed by `reviewer` with nothing changed, so it may be shared. */
export function addReviewedCall(vault: OpenVault, dir: string, call: TranscribedCall, reviewer: string): string {
  const recordingId = importTranscribedCall(vault, dir, call, reviewer);
  saveReview(vault, recordingId, 1, { added: [], dismissed: [] }, { reviewer, policyHash: 'p', topicPolicy: topicPolicyFrom({ sensitiveCategories: [] }), now: new Date() });
  return recordingId;
}

/** Unlocks Rita Rep's vault in `home` (the host stopped, so nothing else has it open), runs `look`, and closes it. */
export async function inSeededVault<T>(home: string, look: (vault: OpenVault) => T | Promise<T>): Promise<T> {
  const profile = new ProfileStore(home).list()[0];
  if (!profile) {
    throw new Error(`no profile in ${home}`);
  }
  const vault = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
  try {
    return await look(vault);
  } finally {
    vault.close();
  }
}

/** A finished discovery recording of three bytes of audio (enough for retention and deletion). */
function tinyRecording(vault: OpenVault, title: string, options: { readonly startedAt?: Date; readonly callId?: string }): string {
  const { record, writer } = vault.startRecording({ title, callType: 'discovery', policyHash: 'p', ...options });
  writer.finish(new Uint8Array([1, 2, 3]));
  vault.updateRecording(record.id, 500, 'complete');
  return record.id;
}

/** A finished recording (three bytes of audio) that started `daysAgo` days ago, for retention. */
export function seedOldRecording(vault: OpenVault, title: string, daysAgo: number): string {
  return tinyRecording(vault, title, { startedAt: new Date(Date.now() - daysAgo * DAY_MS) });
}

export interface SeedCall {
  readonly id: string;
  readonly account: string;
  readonly title: string;
  readonly participants: readonly { readonly name: string; readonly email: string }[];
  /** When the call was prepared (now unless given). */
  readonly createdAt?: Date;
}

/** An ended discovery call's row naming its participants, with no recording (never recorded, say). */
export function seedCallRow(vault: OpenVault, call: SeedCall): void {
  vault.calls.insert({
    id: call.id,
    callType: 'discovery',
    account: call.account,
    meetingTitle: call.title,
    participants: [...call.participants],
    policyHash: 'p',
    scriptId: 's',
    scriptVersion: 1,
    consentScope: 'all',
    state: 'ended',
    createdAt: (call.createdAt ?? new Date()).toISOString(),
  });
}

/** A call row (as `seedCallRow`) and a finished recording of it (three bytes of audio); returns the recording's id. */
export function seedRecordedCall(vault: OpenVault, call: SeedCall): string {
  seedCallRow(vault, call);
  return tinyRecording(vault, call.title, { callId: call.id });
}

export type ContractCall = <T>(method: string, input?: unknown) => Promise<T>;

export interface ContractSeed {
  /** A contract method through the handler table; throws with the error's code and message. */
  readonly call: ContractCall;
  /** The unlocked vault, for what the contract has no method for (hand-written transcripts). */
  readonly vault: OpenVault;
  /** Imports a tone WAV as a call with one participant and a verbal consent record, as the app's import does. */
  readonly importCall: (call: { readonly title: string; readonly account: string; readonly participant: { readonly name: string; readonly email: string; readonly region: string }; readonly hz: number; readonly seconds?: number }) => Promise<string>;
  /** Adds a hand-written machine transcript to a recording. */
  readonly addTranscript: (recordingId: string, segments: readonly StoredSegment[]) => void;
}

/**
 * Rita Rep's profile and vault in `home`, made through the contract (the shipped policy
 * acknowledged), then whatever `seed` adds; the vault is locked again afterwards.
 */
export async function seedThroughContract(home: string, seed: (s: ContractSeed) => Promise<void>): Promise<void> {
  const session = new VaultSession(new ProfileStore(home), await vaultContext(), noTimers);
  const services = await createServices(session, { env: {}, events: new AppEvents() });
  const dispatch = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
  const call: ContractCall = async <T,>(method: string, input: unknown = {}): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) {
      throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    }
    return result.value as T;
  };
  await call('profiles.create', { displayName: 'Rita Rep' });
  await call('vault.create', { passphrase: PASSPHRASE });
  const ack = await call<{ content: { policyHash: string } }>('policy.acknowledgment');
  await call('policy.acknowledge', { policyHash: ack.content.policyHash });
  const vault = session.requireVault();
  await seed({
    call,
    vault,
    importCall: async ({ title, account, participant, hz, seconds = 20 }) => {
      const file = writeToneWav(path.join(path.dirname(home), `seed-${String(hz)}.wav`), seconds, hz, 6000);
      try {
        const imported = await call<{ recordingId: string }>('recordings.import', {
          file,
          call: { callType: 'discovery', account, meetingTitle: title, participants: [participant] },
          consent: { method: 'verbal', consentDate: '2026-11-20', attestedBy: 'Rita Rep' },
        });
        return imported.recordingId;
      } finally {
        fs.rmSync(file, { force: true });
      }
    },
    addTranscript: (recordingId, segments) => {
      vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T00:00:00Z', createdBy: 'Rita Rep', engine: 'hand-written', language: 'en', segments });
    },
  });
  await call('vault.lock');
}

export interface AppInChromium {
  readonly browser: Browser;
  readonly host: RunningHost;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Closes the tab, Chromium and the host (a host stopped already is fine). */
  close(): Promise<void>;
}

export interface AppOptions {
  readonly chromiumArgs?: readonly string[];
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Lets the page read and write the clipboard (copying redacted text, CRM notes). */
  readonly clipboard?: boolean;
  /** Runs on the new page before it loads the app (to listen to its requests, say). */
  readonly beforeLoad?: (page: Page) => void;
}

/** The browser host on `home` and a Chromium tab on it, not yet at the app. */
async function openTab(home: string, options: AppOptions): Promise<AppInChromium> {
  const [launched, started] = await Promise.allSettled([launchChromium(options.chromiumArgs ?? []), startHostProcess(home)]);
  const browser = launched.status === 'fulfilled' ? launched.value : undefined;
  const host = started.status === 'fulfilled' ? started.value : undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await host?.stop();
  };
  if (browser === undefined || host === undefined) {
    await close();
    throw launched.status === 'rejected' ? launched.reason : started.status === 'rejected' ? started.reason : new Error('unreachable');
  }
  try {
    const context = await browser.newContext(options.viewport === undefined ? {} : { viewport: options.viewport });
    if (options.clipboard === true) {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    }
    const page = await context.newPage();
    options.beforeLoad?.(page);
    return { browser, host, context, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Loads the app from the host's link in `page` and unlocks the vault with the test passphrase, up to the library. */
export async function unlockInTab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'New recording' }).waitFor({ timeout: 60_000 });
}

/** Opens the app on an existing vault in `home` and unlocks it with the test passphrase, up to the library. */
export async function openUnlockedApp(home: string, options: AppOptions = {}): Promise<AppInChromium> {
  const app = await openTab(home, options);
  try {
    await unlockInTab(app.page, app.host.url);
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** Opens the app on a new, empty data directory and makes the profile and vault through the UI; close() removes the directory too. */
export async function openFreshApp(name: string, options: AppOptions = {}): Promise<AppInChromium> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), `callvault-${name}-`));
  const removeHome = (): void => { fs.rmSync(home, { recursive: true, force: true }); };
  let app: AppInChromium;
  try {
    app = await openTab(home, options);
  } catch (error) {
    removeHome();
    throw error;
  }
  const close = async (): Promise<void> => {
    await app.close();
    removeHome();
  };
  try {
    await app.page.goto(app.host.url);
    await createVault(app.page);
    return { ...app, close };
  } catch (error) {
    await close();
    throw error;
  }
}
