import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { createPeaksRepo } from '../../../src/platform/db/peaks-repo';
import { createRecordingReader, createRecordingWriter } from '../../../src/platform/db/recording-repo';
import { databaseAtVersion, MIGRATION_TEST_KEY } from '../../helpers/migration-db';

const ID = '33333333-3333-4333-8333-333333333333';

describe('migration 008: waveform peaks', () => {
  it('migrates a database with recordings: rows intact, sealed peaks stored per recording and removed with it', () => {
    const { file, db } = databaseAtVersion(5);
    db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, 'Before 008', 'discovery', '2026-01-02T10:00:00.000Z', 60000, 'complete', 0, ?, '2026-01-02T10:00:00.000Z', 'p', NULL, NULL, 121)`,
    ).run(ID, Buffer.alloc(73, 3));
    db.close();

    const migrated = openEncryptedDatabase(file, MIGRATION_TEST_KEY, { create: false });
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(8);
      expect(createRecordingReader(migrated).get(ID)).toMatchObject({ title: 'Before 008', durationMs: 60_000, chunkCount: 121 });
      const peaks = createPeaksRepo(migrated);
      expect(peaks.get(ID)).toBeUndefined();
      peaks.save({ recordingId: ID, format: 1, sourceChunks: 121, sealed: new Uint8Array([1, 2, 3]), computedAt: '2026-01-03T00:00:00.000Z' });
      peaks.save({ recordingId: ID, format: 1, sourceChunks: 122, sealed: new Uint8Array([4, 5]), computedAt: '2026-01-04T00:00:00.000Z' });
      expect(peaks.get(ID)).toEqual({ recordingId: ID, format: 1, sourceChunks: 122, sealed: new Uint8Array([4, 5]), computedAt: '2026-01-04T00:00:00.000Z' });
      // Peaks belong to a recording: none for an unknown one, and they go when it goes.
      expect(() => { peaks.save({ recordingId: 'no-such-recording', format: 1, sourceChunks: 0, sealed: new Uint8Array(1), computedAt: 'x' }); }).toThrow(/FOREIGN KEY/);
      expect(createRecordingWriter(migrated).destroy(ID)).toBe(true);
      expect(peaks.get(ID)).toBeUndefined();
    } finally {
      migrated.close();
    }
  });
});
