import { describe, expect, it } from 'vitest';
import { createRecordingReader, createRecordingWriter } from '../../../src/platform/db/recording-repo';
import { createSummaryRepo } from '../../../src/platform/db/summary-repo';
import { databaseAtVersion, openMigrated } from '../../helpers/migration-db';

const ID = '44444444-4444-4444-8444-444444444444';

describe('migration 012: summaries', () => {
  it('migrates a database with a transcribed recording: rows intact, summary versions numbered, immutable, and removed with the recording', async () => {
    const { file, db } = databaseAtVersion(8);
    db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, 'Before 012', 'discovery', '2026-01-02T10:00:00.000Z', 60000, 'complete', 0, ?, '2026-01-02T10:00:00.000Z', 'p', NULL, NULL, 121)`,
    ).run(ID, Buffer.alloc(73, 3));
    db.prepare(
      `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments)
       VALUES (?, 1, 'machine', '2026-01-02T11:00:00.000Z', 'Rita', 'whisper', 'en', '[]')`,
    ).run(ID);
    db.close();

    const { db: migrated } = await openMigrated(file);
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(12);
      expect(createRecordingReader(migrated).get(ID)).toMatchObject({ title: 'Before 012' });
      const summaries = createSummaryRepo(migrated);
      const entry = { recordingId: ID, transcriptVersion: 1, kind: 'draft' as const, drafter: 'extractive' as const, reviewedFrom: null, items: 3, dropped: 1, sealed: new Uint8Array([1, 2, 3]), createdAt: '2026-01-03T00:00:00.000Z', createdBy: 'Rita' };
      expect(summaries.add(entry).version).toBe(1);
      expect(summaries.add({ ...entry, kind: 'reviewed', reviewedFrom: 1, dropped: 0 }).version).toBe(2);
      expect(summaries.latest(ID)).toMatchObject({ version: 2, kind: 'reviewed', reviewedFrom: 1 });
      expect(summaries.latest(ID, 'draft')).toEqual({ ...entry, version: 1 });
      // A version is never changed; a reviewed version names its draft; a summary needs its transcript version.
      expect(() => migrated.prepare("UPDATE summaries SET items = 0 WHERE recording_id = ?").run(ID)).toThrow(/immutable/);
      expect(() => summaries.add({ ...entry, kind: 'reviewed' })).toThrow(/CHECK/);
      expect(() => summaries.add({ ...entry, transcriptVersion: 2 })).toThrow(/FOREIGN KEY/);
      expect(createRecordingWriter(migrated).destroy(ID)).toBe(true);
      expect(summaries.versions(ID)).toEqual([]);
    } finally {
      migrated.close();
    }
  });
});
