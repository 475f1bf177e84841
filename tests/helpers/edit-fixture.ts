import fs from 'node:fs';
import path from 'node:path';
import { AppEvents } from '../../src/app/app-events';
import { createDispatcher } from '../../src/app/dispatch';
import { createHandlerTable } from '../../src/app/handlers';
import { silentLogger } from '../../src/app/logger';
import { createServices, type ServiceOptions } from '../../src/app/services';
import { VaultSession } from '../../src/app/vault/vault-session';
import type { StoredSegment } from '../../src/core/transcription/transcript';
import { encodeWav } from '../../src/platform/audio/wav';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import type { AppEvent } from '../../src/shared/contract';
import { noTimers } from './call-fixture';
import { tempDir } from './temp-dir';
import { timedSegment } from './timed-segment';
import { PASSPHRASE, vaultContext } from './vault-fixture';

const RATE = 16_000;

export const PARTICIPANT = { name: 'Dana Whitfield', email: 'dana@initech.example', region: 'US-TX' };

/** The machine transcript every edit test starts from (words spread evenly over each segment). */
export const MACHINE: readonly StoredSegment[] = [
  timedSegment('rep', 0, 4_000, 'Thanks for joining, shall we look at the Initek rollout?'),
  timedSegment('customer', 4_500, 9_000, 'Yes. We tried Gong last year but the price was too high.'),
  timedSegment('rep', 9_500, 12_000, 'Understood, our pricing is per seat.'),
  timedSegment('customer', 12_500, 16_000, 'Our budget is tight this quarter, honestly.'),
];

/**
 * A real session (real vault files, libsodium, SQLite, the shipped default policy) with a call
 * imported through the contract (so it has a consent record naming PARTICIPANT) and a machine
 * transcript, driven through the dispatcher; every event the app emits is kept in `emitted`.
 */
export async function editFixture(segments: readonly StoredSegment[] = MACHINE, env: Record<string, string> = {}, options: Pick<ServiceOptions, 'summaryEngine'> = {}) {
  const home = tempDir();
  const session = new VaultSession(new ProfileStore(home), await vaultContext(), noTimers);
  const events = new AppEvents();
  const emitted: AppEvent[] = [];
  events.subscribe((event) => emitted.push(event));
  const services = await createServices(session, { env, events, ...options });
  const dispatch = createDispatcher(createHandlerTable(services, { version: 't', host: 'browser', platform: 'linux' }), silentLogger);
  const call = async <T = unknown>(method: string, input: unknown = {}): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) {
      throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    }
    return result.value as T;
  };
  await call('profiles.create', { displayName: 'Rita Rep' });
  await call('vault.create', { passphrase: PASSPHRASE });
  const ack = await call<{ content: { policyHash: string } }>('policy.acknowledgment');
  await call('policy.acknowledge', { policyHash: ack.content.policyHash });
  const tone = Int16Array.from({ length: RATE * 20 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 300 * i) / RATE)));
  const file = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone, tone] }));
  const imported = await call<{ imported: boolean; recordingId: string }>('recordings.import', {
    file,
    call: { callType: 'discovery', account: 'Initech', meetingTitle: 'Rollout check-in', participants: [PARTICIPANT] },
    consent: { method: 'verbal', consentDate: '2026-11-20', attestedBy: 'Rita Rep' },
  });
  if (!imported.imported) {
    throw new Error('the fixture call was not imported');
  }
  const { recordingId } = imported;
  const vault = session.requireVault();
  vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T00:00:00Z', createdBy: 'Rita Rep', engine: 'hand-written', language: 'en', segments });
  const audit = (name: string) => vault.audit.entries().filter((e) => e.event === name);
  return { home, session, services, dispatch, call, vault, recordingId, audit, emitted, vaultDir: vault.profile.vaultDir };
}
