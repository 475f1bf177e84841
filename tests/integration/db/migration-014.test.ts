import { describe, expect, it } from 'vitest';
import { createCallRepo } from '../../../src/platform/db/call-repo';
import { createRecordingWriter } from '../../../src/platform/db/recording-repo';
import { databaseAtVersion, openMigrated } from '../../helpers/migration-db';

const REC = '55555555-5555-4555-8555-555555555555';
const CALL = 'call-014';
const digest = (field: string, value: string): string => `erased:${field}:${String(value.length)}`;

describe('migration 014: call erasure', () => {
  it('migrates a call with consent records: rows intact; only an erased call of a destroyed recording may have its personal fields replaced, once', async () => {
    const { file, db } = databaseAtVersion(12);
    db.prepare(
      `INSERT INTO calls (id, call_type, account, meeting_title, participants, policy_hash, script_id, script_version, consent_scope, state, recording_id, created_at, ended_at)
       VALUES (?, 'discovery', 'Globex', 'Renewal talk', ?, 'ph', 'script', 2, 'all', 'ended', ?, '2026-01-02T10:00:00.000Z', '2026-01-02T11:00:00.000Z')`,
    ).run(CALL, JSON.stringify([{ name: 'Hortensia Quill', email: 'hq@globex.example', region: 'US-CA' }]), REC);
    db.prepare(
      `INSERT INTO consent_records (call_id, participant_name, participant_email, at, script_id, script_version, policy_hash, outcome, method, recorded_by, note)
       VALUES (?, 'Hortensia Quill', 'hq@globex.example', '2026-01-02T10:01:00.000Z', 'script', 2, 'ph', 'granted', 'verbal', 'Rita', 'said yes twice')`,
    ).run(CALL);
    db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, 'Renewal talk', 'discovery', '2026-01-02T10:00:00.000Z', 60000, 'complete', 0, ?, '2026-01-02T10:00:00.000Z', 'ph', ?, NULL, 121)`,
    ).run(REC, Buffer.alloc(73, 3), CALL);
    db.close();

    // Opened the app's way: 013 (between 12 and 14) seals with the vault's keys.
    const { db: migrated, sealer } = await openMigrated(file);
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(14);
      const calls = createCallRepo(migrated, sealer);
      expect(calls.get(CALL)).toMatchObject({ account: 'Globex', erasedAt: null, participants: [{ name: 'Hortensia Quill' }] });
      expect(calls.consents(CALL)).toMatchObject([{ participantName: 'Hortensia Quill', outcome: 'granted', note: 'said yes twice' }]);
      expect(calls.callOfRecording(REC)).toBe(CALL);

      // While the recording exists nothing is erased, by the repository or by hand.
      expect(calls.erase(CALL, digest, '2026-06-01T00:00:00.000Z')).toBe(0);
      expect(calls.get(CALL)?.erasedAt).toBeNull();
      expect(() => migrated.prepare("UPDATE calls SET erased_at = 'now' WHERE id = ?").run(CALL)).toThrow(/only once its recordings are gone/);
      // Consent records of a call not erased stay append-only, even "erasing" them.
      expect(() => migrated.prepare("UPDATE consent_records SET participant_name = 'erased:x', participant_email = 'erased:y', note = 'erased:z'").run()).toThrow(/append-only/);
      expect(() => migrated.prepare('DELETE FROM consent_records').run()).toThrow(/append-only/);

      expect(createRecordingWriter(migrated).destroy(REC)).toBe(true);
      expect(calls.erase(CALL, digest, '2026-06-01T00:00:00.000Z')).toBe(1);
      expect(calls.get(CALL)).toMatchObject({
        account: 'erased:account:6',
        meetingTitle: 'erased:meeting-title:12',
        participants: [{ name: 'erased:participant-name:15', email: 'erased:participant-email:17', region: 'US-CA' }],
        policyHash: 'ph',
        erasedAt: '2026-06-01T00:00:00.000Z',
      });
      // The evidence stays: when, which script, which policy, the outcome and method, who recorded it.
      expect(calls.consents(CALL)).toEqual([
        { seq: 1, callId: CALL, participantName: 'erased:participant-name:15', participantEmail: 'erased:participant-email:17', at: '2026-01-02T10:01:00.000Z', scriptId: 'script', scriptVersion: 2, policyHash: 'ph', outcome: 'granted', method: 'verbal', recordedBy: 'Rita', note: 'erased:consent-note:14' },
      ]);

      // Erased is final: no second erasure, no change to the evidence, no un-erasing.
      expect(calls.erase(CALL, digest, '2026-07-01T00:00:00.000Z')).toBe(0);
      expect(() => migrated.prepare("UPDATE consent_records SET outcome = 'declined'").run()).toThrow(/append-only/);
      expect(() => migrated.prepare("UPDATE consent_records SET at = '2020-01-01', participant_name = 'erased:a', participant_email = 'erased:b', note = 'erased:c'").run()).toThrow(/append-only/);
      expect(() => migrated.prepare("UPDATE consent_records SET participant_email = 'hq@globex.example'").run()).toThrow(/append-only/);
      expect(() => migrated.prepare("UPDATE calls SET account = 'Globex' WHERE id = ?").run(CALL)).toThrow(/erased call is final/);
      expect(() => migrated.prepare('UPDATE calls SET erased_at = NULL WHERE id = ?').run(CALL)).toThrow(/erased call is final/);
    } finally {
      migrated.close();
    }
  });
});
