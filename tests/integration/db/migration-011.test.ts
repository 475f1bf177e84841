import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { createRecordingReader, createRecordingWriter } from '../../../src/platform/db/recording-repo';
import { createRetentionRepo } from '../../../src/platform/db/retention-repo';
import { databaseAtVersion, MIGRATION_TEST_KEY } from '../../helpers/migration-db';

const ID = '44444444-4444-4444-8444-444444444444';

describe('migration 011: retention', () => {
  it('migrates a database with a recording from 008: row intact, deal outcome and holds stored, a held row undeletable until released', () => {
    const { file, db } = databaseAtVersion(8);
    db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, 'Before 011', 'renewal', '2026-03-02T10:00:00.000Z', 60000, 'complete', 0, ?, '2026-03-02T10:00:00.000Z', 'p', NULL, NULL, 121)`,
    ).run(ID, Buffer.alloc(73, 3));
    db.close();

    const migrated = openEncryptedDatabase(file, MIGRATION_TEST_KEY, { create: false });
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(11);
      expect(createRecordingReader(migrated).get(ID)).toMatchObject({ title: 'Before 011', chunkCount: 121 });
      const retention = createRetentionRepo(migrated);
      expect(retention.row(ID)).toEqual({ recordingId: ID, callType: 'renewal', startedAt: '2026-03-02T10:00:00.000Z', deal: undefined, destroyed: new Set() });
      retention.setDealOutcome(ID, 'lost', '2026-04-01', '2026-04-02T00:00:00.000Z');
      expect(retention.row(ID)?.deal).toEqual({ outcome: 'lost', decidedOn: '2026-04-01' });
      retention.addHold({ id: 'h1', recordingId: ID, exemptionId: 'legal-hold', issuerRole: 'hr-and-legal', issuerKeyId: 'legal-1', issuedAt: '2026-04-03T00:00:00.000Z', signedGrant: '{}', releasedAt: null });
      expect(() => createRecordingWriter(migrated).destroy(ID)).toThrow(/held: a hold is in force/);
      expect(retention.releaseHold('h1', '2026-05-01T00:00:00.000Z', 'test')).toBe(true);
      expect(retention.activeHolds().size).toBe(0);
      expect(createRecordingWriter(migrated).destroy(ID)).toBe(true);
      expect(retention.row(ID)).toBeUndefined();
    } finally {
      migrated.close();
    }
  });
});
