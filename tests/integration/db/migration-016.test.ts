import { describe, expect, it } from 'vitest';
import { createRecordingWriter } from '../../../src/platform/db/recording-repo';
import { createSearchIndexWriter } from '../../../src/platform/db/search-index-repo';
import { createSummaryRepo } from '../../../src/platform/db/summary-repo';
import { databaseAtVersion, openMigrated } from '../../helpers/migration-db';

const ID = '16161616-1616-4616-8616-161616161616';

describe('migration 016: summaries in the search index', () => {
  it('keeps the index rows and their ids, lists recordings with summaries as stale, accepts summary rows, and still forgets a deleted recording', async () => {
    // The schema just before 016 (built after 013, whose sealing of existing content needs the vault's keys).
    const { file, db } = databaseAtVersion(13);
    db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, 'Before 016', 'discovery', '2026-01-02T10:00:00.000Z', 60000, 'complete', 0, ?, '2026-01-02T10:00:00.000Z', 'p', NULL, NULL, 121)`,
    ).run(ID, Buffer.alloc(73, 3));
    db.prepare(
      `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments)
       VALUES (?, 1, 'machine', '2026-01-02T11:00:00.000Z', 'Rita', 'whisper', 'en', '[]')`,
    ).run(ID);
    db.prepare("INSERT INTO search_rows (id, recording_id, source, segment, start_ms, speaker, text) VALUES (41, ?, 'transcript', 0, 0, 'rep', 'rollout plan')").run(ID);
    db.prepare("INSERT INTO search_index (rowid, body) VALUES (41, 'rollout plan')").run();
    db.prepare(
      `INSERT INTO summaries (recording_id, version, transcript_version, kind, drafter, reviewed_from, items, dropped, sealed, created_at, created_by)
       VALUES (?, 1, 1, 'draft', 'extractive', NULL, 1, 0, x'01', '2026-01-03T00:00:00.000Z', 'Rita')`,
    ).run(ID);
    db.prepare('DELETE FROM search_stale').run();
    // Before 016 a summary row is refused by the index.
    expect(() => db.prepare("INSERT INTO search_rows (recording_id, source, text) VALUES (?, 'summary', 'x')").run(ID)).toThrow(/CHECK/);
    db.close();

    // Opened the app's way, with the vault keys: migration 021 re-seals summaries (this one, x'01', opens under no key and is left as it is).
    const { db: migrated } = await openMigrated(file);
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(16);
      expect(migrated.prepare('SELECT id, source, text FROM search_rows').all()).toEqual([{ id: 41, source: 'transcript', text: 'rollout plan' }]);
      expect(migrated.prepare("SELECT rowid FROM search_index WHERE search_index MATCH 'rollout'").pluck().all()).toEqual([41]);
      // The recording with a summary is rebuilt at the next search or background build.
      const index = createSearchIndexWriter(migrated);
      expect(index.staleRecordings()).toEqual([ID]);
      index.replaceRecording(ID, [
        { source: 'summary-draft', text: 'Send the quote', segment: null, startMs: null, speaker: null },
        { source: 'summary', text: 'Reviewed quote', segment: null, startMs: null, speaker: null },
      ]);
      expect(index.staleRecordings()).toEqual([]);
      // A summary version added or removed lists the recording again.
      const summaries = createSummaryRepo(migrated);
      summaries.add({ recordingId: ID, transcriptVersion: 1, kind: 'reviewed', drafter: 'extractive', reviewedFrom: 1, items: 1, dropped: 0, sealed: new Uint8Array([2]), createdAt: '2026-01-04T00:00:00.000Z', createdBy: 'Rita' });
      expect(index.staleRecordings()).toEqual([ID]);
      index.replaceRecording(ID, []);
      migrated.prepare('DELETE FROM summaries WHERE recording_id = ?').run(ID);
      expect(index.staleRecordings()).toEqual([ID]);
      index.replaceRecording(ID, [{ source: 'summary', text: 'Reviewed quote', segment: null, startMs: null, speaker: null }]);
      // The recreated trigger still forgets every row of a deleted recording, leaving nothing stale.
      expect(createRecordingWriter(migrated).destroy(ID)).toBe(true);
      expect(migrated.prepare('SELECT COUNT(*) FROM search_rows').pluck().get()).toBe(0);
      expect(migrated.prepare("SELECT COUNT(*) FROM search_index WHERE search_index MATCH 'quote'").pluck().get()).toBe(0);
      expect(index.staleRecordings()).toEqual([]);
    } finally {
      migrated.close();
    }
  });
});
