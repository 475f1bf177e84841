import fs from 'node:fs';
import path from 'node:path';
import { createDispatcher } from '../../src/app/dispatch';
import { createHandlerTable } from '../../src/app/handlers';
import { silentLogger } from '../../src/app/logger';
import { createServices } from '../../src/app/services';
import type { IntervalTimers } from '../../src/app/retention/retention-scheduler';
import type { TeamSyncOptions } from '../../src/app/team/team-sync-scheduler';
import { VaultSession } from '../../src/app/vault/vault-session';
import type { Clock } from '../../src/core/ports/clock';
import { encodeWav } from '../../src/platform/audio/wav';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import type { AppError, MethodInput, MethodName, MethodOutput, Result } from '../../src/shared/contract';
import { noTimers } from './call-fixture';
import { tempDir } from './temp-dir';
import { timedSegment } from './timed-segment';
import { PASSPHRASE, vaultContext } from './vault-fixture';
import type { AppEventSink } from '../../src/app/app-events';

const DAY_MS = 86_400_000;

/** A clock that stands still until the test moves it. */
export class MovableClock implements Clock {
  private at: number;

  constructor(start: string) {
    this.at = Date.parse(start);
  }

  now(): Date {
    return new Date(this.at);
  }

  advanceDays(days: number): void {
    this.at += days * DAY_MS;
  }

  advanceMs(ms: number): void {
    this.at += ms;
  }

  day(): string {
    return new Date(this.at).toISOString().slice(0, 10);
  }
}

const RATE = 16_000;

export function shortWav(seconds = 1): string {
  const tone = Int16Array.from({ length: RATE * seconds }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 300 * i) / RATE)));
  const file = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone, tone] }));
  return file;
}

/**
 * A real session over real vault files (SQLite, libsodium, the shipped policy unless `env`
 * names another) with one movable clock for the vault, the session and every service.
 */
export async function retentionFixture(start: string, env: Record<string, string> = {}, home = tempDir(), retentionTimers?: IntervalTimers, teamSync?: TeamSyncOptions | false, events?: AppEventSink) {
  const clock = new MovableClock(start);
  const ctx = { ...(await vaultContext()), now: () => clock.now() };
  const session = new VaultSession(new ProfileStore(home), ctx, noTimers);
  const services = await createServices(session, { env, retentionTimers, teamSync, events });
  const dispatch = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
  const attempt = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> => (await dispatch(method, input)) as Result<MethodOutput<M>>;
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await attempt(method, input);
    if (!result.ok) {
      throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    }
    return result.value;
  };
  const refusal = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<AppError> => {
    const result = await attempt(method, input);
    if (result.ok) {
      throw new Error(`${method} was expected to fail`);
    }
    return result.error;
  };
  const wav = shortWav();

  /** Imports a call today (by the clock) with a transcript, notes and a tag carrying the given words. */
  const addCall = async (
    callType: string,
    words = 'nothing special',
    participant: { name: string; email: string } = { name: 'Dana Whitfield', email: 'dana@initech.example' },
    account = 'Initech',
  ): Promise<{ recordingId: string; callId: string }> => {
    const imported = await call('recordings.import', {
      file: wav,
      call: { callType, account, meetingTitle: 'Check-in', participants: [{ ...participant, region: 'US-TX' }] },
      consent: { method: 'verbal', consentDate: clock.day(), attestedBy: 'Rita Rep' },
    });
    if (!imported.imported) {
      throw new Error(`not imported: ${JSON.stringify(imported.reasons)}`);
    }
    const vault = session.requireVault();
    vault.transcripts.add({
      recordingId: imported.recordingId,
      kind: 'machine',
      createdAt: clock.now().toISOString(),
      createdBy: 'Rita Rep',
      engine: 'hand-written',
      language: 'en',
      segments: [timedSegment('customer', 0, 900, `We said ${words} on the call.`)],
    });
    await call('calls.saveNotes', { callId: imported.callId, body: `Notes: ${words}` });
    await call('tags.add', { recordingId: imported.recordingId, tag: 'pricing' });
    return { recordingId: imported.recordingId, callId: imported.callId };
  };

  const open = async (): Promise<void> => {
    const status = await call('vault.status', {});
    if (status.state === 'no-profile') {
      await call('profiles.create', { displayName: 'Rita Rep' });
    }
    if ((await call('vault.status', {})).state === 'no-vault') {
      await call('vault.create', { passphrase: PASSPHRASE });
      const ack = await call('policy.acknowledgment', {});
      await call('policy.acknowledge', { policyHash: ack.content.policyHash });
    } else {
      await call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
    }
  };
  await open();
  return { home, clock, session, services, call, attempt, refusal, addCall, vault: () => session.requireVault() };
}
