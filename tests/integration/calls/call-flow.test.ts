import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecordingAudio } from '../../../src/app/recording/recording-audio';
import { callFixture, customer, stereoTone } from '../../helpers/call-fixture';
import { correlation } from '../../helpers/speech';
import { allFiles, tempDir } from '../../helpers/temp-dir';

type CallView = { id: string; state: string; gate: { open: boolean }; recordingId: string | null };
type Prepared = { allowed: true; call: CallView } | { allowed: false; reasons: { code: string; rule: string; message: string }[] };
type Capture = { recordingId: string; state: string; recordedMs: number; chunksWritten: number };

const discovery = { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme discovery', participants: [customer] };

function recordingFiles(home: string): string[] {
  const dirs = fs.readdirSync(path.join(home, 'profiles'));
  return dirs.flatMap((d) => {
    const dir = path.join(home, 'profiles', d, 'vault', 'recordings');
    return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  });
}

function tmpEntries(): Set<string> {
  return new Set(fs.readdirSync(os.tmpdir()));
}

describe('policy gates before anything is captured', () => {
  it('refuses to set up a call before the policy is acknowledged, then after acknowledging allows it', async () => {
    const { dispatch, acknowledge } = await callFixture();
    expect(await dispatch('calls.prepare', discovery)).toMatchObject({ ok: false, error: { code: 'POLICY_NOT_ACKNOWLEDGED' } });
    await acknowledge();
    expect(await dispatch('calls.prepare', discovery)).toMatchObject({ ok: true, value: { allowed: true } });
    const ack = await dispatch('policy.acknowledgment', {});
    expect(ack).toMatchObject({ ok: true, value: { needed: false, content: { purpose: expect.stringMatching(/coaching/) as unknown } } });
  });

  it('blocks a do-not-record title, names the rule, and refuses an approval-gated call on a personal install, whatever approval is typed', async () => {
    const { call, dispatch, acknowledge, session } = await callFixture();
    await acknowledge();
    const privileged = await call<Prepared>('calls.prepare', { ...discovery, meetingTitle: 'PRIVILEGED: pricing strategy' });
    expect(privileged).toMatchObject({ allowed: false, reasons: [{ code: 'do-not-record-keyword' }] });
    const legal = { ...discovery, callType: 'legal-discussion' };
    const refused = await call<Prepared>('calls.prepare', legal);
    expect(refused).toMatchObject({ allowed: false, reasons: [{ code: 'approval-unavailable', message: expect.stringMatching(/team server/) as unknown }] });
    // An approval typed by the rep is not an approval: the contract has no field for one.
    const typed = await dispatch('calls.prepare', { ...legal, approval: { approvedBy: 'Lee Legal', approverRole: 'hr-and-legal', reason: 'Contract review' } });
    expect(typed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const events = session.requireVault().audit.entries().map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['call.blocked', 'policy.acknowledged']));
    expect(events).not.toContain('call.approval_recorded');
  });

  it('says what already blocks a call while it is being typed, without storing or auditing anything', async () => {
    const { call, acknowledge, session } = await callFixture();
    await acknowledge();
    const audited = session.requireVault().audit.entries().length;
    const typing = { callType: 'discovery', account: '', meetingTitle: '', participants: [] };
    expect(await call('calls.check', typing)).toEqual([]);
    const privileged = await call<{ code: string; message: string }[]>('calls.check', { ...typing, meetingTitle: 'Privileged strategy' });
    expect(privileged.map((r) => r.code)).toEqual(['do-not-record-keyword']);
    expect(privileged[0]?.message).not.toMatch(/doNotRecord|titleKeywords/);
    const legal = await call<{ code: string }[]>('calls.check', { ...typing, callType: 'legal-discussion' });
    expect(legal.map((r) => r.code)).toEqual(['approval-unavailable']);
    // Half-typed is not blocked: no participants and an empty title are for Continue to check.
    expect(await call('calls.check', { ...typing, participants: [customer] })).toEqual([]);
    expect(session.requireVault().audit.entries()).toHaveLength(audited);
  });

  it('blocks recording when the policy is missing or invalid, and says why', async () => {
    const broken = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(broken, 'purpose: [unterminated');
    const { dispatch } = await callFixture({ CALLVAULT_POLICY: broken });
    const overview = await dispatch('policy.overview', {});
    expect(overview).toMatchObject({ ok: true, value: { ok: false, message: expect.stringMatching(/blocked/) as unknown } });
    expect(await dispatch('calls.prepare', discovery)).toMatchObject({ ok: true, value: { allowed: false, reasons: [{ code: 'policy-unavailable', message: expect.stringMatching(/invalid/) as unknown }] } });
    const missing = await callFixture({ CALLVAULT_POLICY: path.join(tempDir(), 'nope.yaml') });
    expect(await missing.dispatch('policy.acknowledgment', {})).toMatchObject({ ok: false, error: { code: 'POLICY_UNAVAILABLE' } });
  });
});

describe('consent-gated capture', () => {
  it('writes no audio before consent, then records both channels after it', async () => {
    const { call, dispatch, acknowledge, home, session } = await callFixture();
    await acknowledge();
    const tmpBefore = tmpEntries();
    const prepared = await call<Prepared>('calls.prepare', discovery);
    if (!prepared.allowed) {
      throw new Error('expected allowed');
    }
    const callId = prepared.call.id;
    expect(await dispatch('capture.start', { callId, inputSampleRate: 48000 })).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    expect(recordingFiles(home)).toEqual([]);
    expect([...tmpEntries()].filter((e) => !tmpBefore.has(e))).toEqual([]);

    await call('consent.record', { callId, participantEmail: customer.email, outcome: 'granted', method: 'verbal' });
    const started = await call<Capture>('capture.start', { callId, inputSampleRate: 48000 });
    const audio = stereoTone(1.6);
    const half = audio.length / 2;
    await call('capture.append', { recordingId: started.recordingId, pcm: audio.subarray(0, half) });
    await call('capture.append', { recordingId: started.recordingId, pcm: audio.subarray(half) });
    const stopped = await call<Capture>('capture.stop', { recordingId: started.recordingId });
    expect(stopped.recordedMs).toBeGreaterThan(1500);

    const stored = readRecordingAudio(session.requireVault(), started.recordingId);
    expect(stored.report.ok).toBe(true);
    const expected = (ch: number, f: number) => Int16Array.from({ length: 16000 }, (_, i) => Math.round((ch === 0 ? 9000 : 7000) * Math.sin((2 * Math.PI * f * i) / 16000)));
    expect(correlation(stored.channels[0]!.subarray(100, 16000), expected(0, 440).subarray(100))).toBeGreaterThan(0.95);
    expect(correlation(stored.channels[1]!.subarray(100, 16000), expected(1, 700).subarray(100))).toBeGreaterThan(0.95);
    const recordings = await call<{ id: string; status: string }[]>('recordings.list');
    expect(recordings).toMatchObject([{ id: started.recordingId, status: 'complete' }]);
  });

  it('a declined call writes nothing, refuses capture, and keeps encrypted manual notes instead', async () => {
    const { call, dispatch, acknowledge, home } = await callFixture();
    await acknowledge();
    const prepared = await call<Prepared>('calls.prepare', discovery);
    if (!prepared.allowed) {
      throw new Error('expected allowed');
    }
    const callId = prepared.call.id;
    const declined = await call<CallView>('consent.record', { callId, participantEmail: customer.email, outcome: 'declined', method: null });
    expect(declined).toMatchObject({ state: 'declined', gate: { open: false, reason: 'declined' } });
    expect(await dispatch('capture.start', { callId, inputSampleRate: 48000 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/manual notes/) as unknown } });
    expect(recordingFiles(home)).toEqual([]);
    await call('calls.saveNotes', { callId, body: 'NOTES-CANARY-41f2 customer wants pricing by Friday' });
    expect(await call('calls.notes', { callId })).toEqual({ body: 'NOTES-CANARY-41f2 customer wants pricing by Friday' });
    expect(allFiles(home).filter(({ bytes }) => bytes.includes(Buffer.from('NOTES-CANARY-41f2')))).toEqual([]);
  });

  it('pauses for a late joiner until their consent, and drops audio while paused', async () => {
    const { call, dispatch, acknowledge, session } = await callFixture();
    await acknowledge();
    const prepared = await call<Prepared>('calls.prepare', discovery);
    if (!prepared.allowed) {
      throw new Error('expected allowed');
    }
    const callId = prepared.call.id;
    await call('consent.record', { callId, participantEmail: customer.email, outcome: 'granted', method: 'verbal' });
    const { recordingId } = await call<Capture>('capture.start', { callId, inputSampleRate: 48000 });
    await call('capture.append', { recordingId, pcm: stereoTone(1) });
    const joiner = { name: 'Jo Joiner', email: 'jo@acme.example', region: 'DE' };
    await call('calls.addParticipant', { callId, participant: joiner });
    expect(await call('capture.status')).toMatchObject({ state: 'paused', pauseReason: expect.stringMatching(/Jo Joiner/) as unknown });
    expect(await call('capture.append', { recordingId, pcm: stereoTone(1) })).toMatchObject({ accepted: false });
    expect(await dispatch('capture.resume', { recordingId })).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    await call('consent.record', { callId, participantEmail: joiner.email, outcome: 'granted', method: 'verbal' });
    await call('capture.resume', { recordingId });
    expect(await call('capture.append', { recordingId, pcm: stereoTone(1) })).toMatchObject({ accepted: true });
    const stopped = await call<Capture>('capture.stop', { recordingId });
    expect(stopped.recordedMs).toBeGreaterThan(1900);
    expect(stopped.recordedMs).toBeLessThan(2100);
    const consents = session.requireVault().calls.consents(callId);
    expect(consents.map((c) => [c.participantEmail, c.outcome, c.scriptId])).toEqual([
      [customer.email, 'granted', 'seed-record-notes'],
      [joiner.email, 'granted', 'seed-record-notes'],
    ]);
  });

  it('a withdrawal stops capture at once and, under the default policy, destroys what was captured', async () => {
    const { call, acknowledge, home, session } = await callFixture();
    await acknowledge();
    const prepared = await call<Prepared>('calls.prepare', discovery);
    if (!prepared.allowed) {
      throw new Error('expected allowed');
    }
    const callId = prepared.call.id;
    await call('consent.record', { callId, participantEmail: customer.email, outcome: 'granted', method: 'written' });
    const { recordingId } = await call<Capture>('capture.start', { callId, inputSampleRate: 48000 });
    await call('capture.append', { recordingId, pcm: stereoTone(1.2) });
    expect(recordingFiles(home)).toHaveLength(1);
    await call('consent.record', { callId, participantEmail: customer.email, outcome: 'withdrawn', method: null });
    expect(await call('capture.status')).toBeNull();
    expect(recordingFiles(home)).toEqual([]);
    expect(await call('recordings.list')).toEqual([]);
    // The consent record itself stays: it is the proof of what happened.
    expect(session.requireVault().calls.consents(callId).map((c) => c.outcome)).toEqual(['granted', 'withdrawn']);
  });

  it('consent records cannot be rewritten, even through the vault database connection', async () => {
    const { call, acknowledge, session } = await callFixture();
    await acknowledge();
    const prepared = await call<Prepared>('calls.prepare', discovery);
    if (!prepared.allowed) {
      throw new Error('expected allowed');
    }
    await call('consent.record', { callId: prepared.call.id, participantEmail: customer.email, outcome: 'declined', method: null });
    const db = (session.requireVault() as unknown as { db: { exec(sql: string): void } }).db;
    expect(() => { db.exec(`UPDATE consent_records SET outcome = 'granted'`); }).toThrow(/append-only/);
    expect(() => { db.exec('DELETE FROM consent_records'); }).toThrow(/append-only/);
  });
});

describe('bookmarks and roles', () => {
  it('puts a bookmark at the moment asked for, never past what was recorded; roles come from the install, not from the rep', async () => {
    const { call, dispatch, acknowledge, session } = await callFixture();
    await acknowledge();
    // A personal install: its owner is a rep who administers this install only.
    expect(await call('profile.roles')).toEqual(['rep', 'admin']);
    expect(await dispatch('profile.setRoles', { roles: ['rep', 'hr-and-legal'] })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await call('profile.roles')).toEqual(['rep', 'admin']);
    const prepared = await call<Prepared>('calls.prepare', discovery);
    if (!prepared.allowed) {
      throw new Error('expected allowed');
    }
    await call('consent.record', { callId: prepared.call.id, participantEmail: customer.email, outcome: 'granted', method: 'verbal' });
    const { recordingId } = await call<Capture>('capture.start', { callId: prepared.call.id, inputSampleRate: 48000 });
    await call('capture.append', { recordingId, pcm: stereoTone(2) });
    expect(await call('capture.bookmark', { recordingId, note: 'pricing objection', atMs: 1000 })).toEqual({ atMs: 1000 });
    const { recordedMs } = await call<Capture>('capture.status');
    expect(await call('capture.bookmark', { recordingId, note: 'future', atMs: 99_000 })).toEqual({ atMs: recordedMs });
    expect(session.requireVault().calls.bookmarks(recordingId)).toEqual([
      { atMs: 1000, note: 'pricing objection' },
      { atMs: recordedMs, note: 'future' },
    ]);
  });
});
