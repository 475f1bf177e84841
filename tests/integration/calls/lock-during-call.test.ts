// Locking while a call is recorded: idleness never cuts a call off (the idle period starts again
// while the capture runs), and a lock the rep asked for seals the call, which is then queued for
// transcription at the next unlock like any other stopped call.
import { describe, expect, it } from 'vitest';
import type { SessionTimers } from '../../../src/app/vault/vault-session';
import { callFixture, customer, stereoTone } from '../../helpers/call-fixture';
import { PASSPHRASE } from '../../helpers/vault-fixture';

/** Timers fired by hand, so the auto-lock is checked without waiting minutes. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: SessionTimers = {
    setTimeout: (callback) => {
      pending.set(next, callback);
      return next++;
    },
    clearTimeout: (handle) => { pending.delete(handle as number); },
  };
  const fireAll = () => {
    for (const [id, callback] of [...pending]) {
      pending.delete(id);
      callback();
    }
  };
  return { timers, pending, fireAll };
}

type Capture = { recordingId: string; state: string; recordedMs: number };
const discovery = { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme discovery', participants: [customer] };

async function recordingCall(timers: SessionTimers) {
  const fixture = await callFixture({}, timers);
  await fixture.acknowledge();
  // A model named in the settings, so a stopped call is queued without one installed.
  await fixture.call('transcription.setSettings', { threads: 1, language: 'en', model: 'base.en', autoTranscribe: true });
  const prepared = await fixture.call<{ allowed: true; call: { id: string } }>('calls.prepare', discovery);
  await fixture.call('consent.record', { callId: prepared.call.id, participantEmail: customer.email, outcome: 'granted', method: 'verbal' });
  const started = await fixture.call<Capture>('capture.start', { callId: prepared.call.id, inputSampleRate: 48000 });
  await fixture.call('capture.append', { recordingId: started.recordingId, pcm: stereoTone(1.2) });
  return { ...fixture, recordingId: started.recordingId };
}

describe('locking during a call', () => {
  it('does not auto-lock while a call is recorded or paused; the idle period starts again, and after the call it locks', async () => {
    const clock = manualTimers();
    const { session, call, recordingId } = await recordingCall(clock.timers);
    clock.fireAll();
    expect((await session.status()).state).toBe('unlocked');
    expect(clock.pending.size).toBe(1);
    await call('capture.pause', { recordingId });
    clock.fireAll();
    expect((await session.status()).state).toBe('unlocked');
    await call('capture.resume', { recordingId });
    await call('capture.stop', { recordingId });
    clock.fireAll();
    expect((await session.status()).state).toBe('locked');
  });

  it('a lock the rep asked for seals the call, which is queued for transcription at the next unlock', async () => {
    const clock = manualTimers();
    const { dispatch, call, session, recordingId } = await recordingCall(clock.timers);
    expect(await dispatch('vault.lock', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(await dispatch('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } })).toMatchObject({ ok: true });
    const recordings = await call<{ id: string; status: string; durationMs: number }[]>('recordings.list');
    expect(recordings).toEqual([expect.objectContaining({ id: recordingId, status: 'complete' })]);
    expect(recordings[0]?.durationMs).toBeGreaterThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const jobs = await call<{ recordingId: string; model: string }[]>('transcription.jobs');
    expect(jobs).toEqual([expect.objectContaining({ recordingId, model: 'base.en' })]);
    expect(session.requireVault().audit.entries().map((e) => e.event)).toEqual(expect.arrayContaining(['vault.locked', 'transcription.queued']));
  });
});
