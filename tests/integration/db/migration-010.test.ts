import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { createRecordingReader } from '../../../src/platform/db/recording-repo';
import { createTeamRepo } from '../../../src/platform/db/team-repo';
import { databaseAtVersion, MIGRATION_TEST_KEY } from '../../helpers/migration-db';

const RECORDING = '44444444-4444-4444-8444-444444444444';
const SHARE = '55555555-5555-4555-8555-555555555555';
const MEMBER = '66666666-6666-4666-8666-666666666666';

describe('migration 010: team sharing', () => {
  it('migrates a database with recordings: rows intact; enrolment, pinned keys, outbox and inbox stored and read back', () => {
    const { file, db } = databaseAtVersion(8);
    db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, 'Before 010', 'discovery', '2026-01-02T10:00:00.000Z', 60000, 'complete', 0, ?, '2026-01-02T10:00:00.000Z', 'p', NULL, NULL, 121)`,
    ).run(RECORDING, Buffer.alloc(73, 3));
    db.close();

    const migrated = openEncryptedDatabase(file, MIGRATION_TEST_KEY, { create: false });
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(10);
      expect(createRecordingReader(migrated).get(RECORDING)).toMatchObject({ title: 'Before 010', chunkCount: 121 });
      const team = createTeamRepo(migrated);
      expect(team.identity()).toBeUndefined();
      const identity = { serverUrl: 'https://team.example', memberId: MEMBER, email: 'rep@example.test', role: 'rep' as const, team: 'alpha', signingPublic: new Uint8Array(32).fill(1), signingSecret: new Uint8Array(64).fill(2), boxPublic: new Uint8Array(32).fill(3), boxSecret: new Uint8Array(32).fill(4), enrolledAt: '2026-01-03T00:00:00.000Z' };
      team.saveIdentity(identity);
      expect(team.identity()).toEqual(identity);
      team.pinKeys({ memberId: MEMBER, signingFpr: 'a'.repeat(64), boxFpr: 'b'.repeat(64), confirmedAt: 'x' });
      // A new enrolment forgets the keys pinned under the old one.
      team.saveIdentity({ ...identity, role: 'manager' });
      expect(team.knownKeys(MEMBER)).toBeUndefined();

      const entry = { shareId: SHARE, recordingId: RECORDING, recordingRef: MEMBER, fromMs: 0, toMs: 1000, purpose: 'coaching', recipients: [MEMBER], state: 'pending' as const, attempts: 0, lastError: null, createdAt: 'c', expiresAt: 'e', sentAt: null, revokedAt: null };
      team.queue(entry, new Uint8Array([9, 9, 9]));
      expect(team.pendingBody(SHARE)).toEqual(new Uint8Array([9, 9, 9]));
      expect(team.recordingRef(RECORDING)).toBe(MEMBER);
      team.markAttempt(SHARE, 'offline');
      team.settle(SHARE, 'sent', 's', null);
      expect(team.outboxEntry(SHARE)).toMatchObject({ state: 'sent', attempts: 1, lastError: null, sentAt: 's' });
      // Once sent, the ciphertext body is gone from the outbox.
      expect(team.pendingBody(SHARE)).toBeUndefined();
      expect(() => migrated.prepare("UPDATE share_outbox SET state = 'pending' WHERE share_id = ?").run(SHARE)).toThrow(/CHECK constraint/);

      team.saveClip({ shareId: SHARE, senderId: MEMBER, senderKey: new Uint8Array(32).fill(5), purpose: 'coaching', manifest: '{}', signature: new Uint8Array(64), ciphertext: new Uint8Array([1, 2]), receivedAt: 'r', expiresAt: 'e' });
      expect(team.clips()).toEqual([{ shareId: SHARE, senderId: MEMBER, purpose: 'coaching', receivedAt: 'r', expiresAt: 'e' }]);
      expect(team.deleteClip(SHARE)).toBe(true);
      expect(team.clip(SHARE)).toBeUndefined();
    } finally {
      migrated.close();
    }
  });
});
