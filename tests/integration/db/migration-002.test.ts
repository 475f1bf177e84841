import { describe, expect, it } from 'vitest';
import { createCallRepo } from '../../../src/platform/db/call-repo';
import { runMigrations } from '../../../src/platform/db/migrations';
import { createRecordingReader } from '../../../src/platform/db/recording-repo';
import { databaseAtVersion, openMigrated } from '../../helpers/migration-db';

const OLD = '0b0b0b0b-0000-4000-8000-000000000001';
const NEW = '0b0b0b0b-0000-4000-8000-000000000002';
const CALL = '0c0c0c0c-0000-4000-8000-000000000001';

describe('migration 002: calls, consent records, approvals, acknowledgments, notes, bookmarks', () => {
  it('keeps version-1 recordings whole, gives them the new columns\' defaults, and makes consent append-only', async () => {
    const { file, db } = databaseAtVersion(1);
    db.prepare('INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(OLD, 'Before calls existed', 'demo', '2026-02-01T15:00:00.000Z', 42_000, 'complete', 1, Buffer.alloc(73, 7), '2026-02-01T15:00:00.000Z');
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('theme', 'dark');
    expect(runMigrations(db, 2)).toBe(2);

    const row = db.prepare<[string], Record<string, unknown>>('SELECT * FROM recordings WHERE id = ?').get(OLD);
    expect(row).toMatchObject({ title: 'Before calls existed', duration_ms: 42_000, key_epoch: 1, policy_hash: '', call_id: null, channels: 2, recovered_at_ms: null });
    expect(Buffer.from(row?.wrapped_key as Buffer)).toEqual(Buffer.alloc(73, 7));
    expect(db.prepare("SELECT value FROM settings WHERE key = 'theme'").pluck().get()).toBe('dark');

    // A version-2 vault's call with its consent, written through version 2's SQL.
    db.prepare(
      `INSERT INTO calls (id, call_type, account, meeting_title, participants, policy_hash, script_id, script_version, consent_scope, state, recording_id, created_at, ended_at)
       VALUES (?, 'discovery', 'Acme', 'Acme intro', ?, 'ph', 'default', 3, 'all', 'ended', ?, '2026-02-02T10:00:00.000Z', '2026-02-02T10:30:00.000Z')`,
    ).run(CALL, JSON.stringify([{ name: 'Dana Buyer', email: 'dana@acme.example', region: 'US-CA' }]), NEW);
    db.prepare(
      `INSERT INTO consent_records (call_id, participant_name, participant_email, at, script_id, script_version, policy_hash, outcome, method, recorded_by)
       VALUES (?, 'Dana Buyer', 'dana@acme.example', '2026-02-02T10:01:00.000Z', 'default', 3, 'ph', 'granted', 'verbal', 'rep (vault owner)')`,
    ).run(CALL);
    db.prepare('INSERT INTO call_notes (call_id, body, updated_at) VALUES (?, ?, ?)').run(CALL, 'Follow up on pricing', '2026-02-02T10:31:00.000Z');
    db.prepare('INSERT INTO bookmarks (recording_id, at_ms, note, created_at) VALUES (?, ?, ?, ?)').run(NEW, 61_000, 'budget', '2026-02-02T10:02:00.000Z');
    expect(() => db.prepare("UPDATE consent_records SET outcome = 'declined'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM consent_records').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO consent_records (call_id, participant_name, participant_email, at, script_id, script_version, policy_hash, outcome, recorded_by) VALUES (?, 'x', 'x@y', 'a', 's', 1, 'p', 'maybe', 'r')").run(CALL)).toThrow(/CHECK/);
    db.close();

    // Opened the app's way: 013 seals the notes and bookmark under their keys; the repository opens them.
    const { db: migrated, sealer } = await openMigrated(file);
    try {
      expect(createRecordingReader(migrated).get(OLD)).toMatchObject({ title: 'Before calls existed', policyHash: '', callId: null, recoveredAtMs: null });
      const calls = createCallRepo(migrated, sealer);
      expect(calls.get(CALL)).toMatchObject({
        account: 'Acme',
        participants: [{ name: 'Dana Buyer', email: 'dana@acme.example', region: 'US-CA' }],
        scriptVersion: 3,
        consentScope: 'all',
        state: 'ended',
        recordingId: NEW,
        endedAt: '2026-02-02T10:30:00.000Z',
      });
      expect(calls.consents(CALL)).toEqual([expect.objectContaining({ participantEmail: 'dana@acme.example', outcome: 'granted', method: 'verbal', note: '' })]);
      expect(calls.notes(CALL)).toBe('Follow up on pricing');
      expect(calls.bookmarks(NEW)).toEqual([{ atMs: 61_000, note: 'budget' }]);
    } finally {
      migrated.close();
    }
  });
});
