import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3-multiple-ciphers';
import { searchBody } from '../../../src/core/search/search-text';
import { databaseAtVersion, openAtVersion } from '../../helpers/migration-db';

const A = '0f0f0f0f-0000-4000-8000-00000000000a';
const B = '0f0f0f0f-0000-4000-8000-00000000000b';
const segment = (text: string, startMs: number): Record<string, unknown> => ({ speaker: 'customer', startMs, endMs: startMs + 1_000, text, confidence: 0.8, words: [] });

/**
 * The schema-7 index as the app of versions 7 to 16 used it (migration 017 replaced it with keyed
 * hashes and sealed rows, so today's repository no longer reads it: migration-017.test.ts).
 */
function indexAt7(db: Database.Database) {
  return {
    staleRecordings: (): string[] => db.prepare<[], string>('SELECT recording_id FROM search_stale ORDER BY recording_id').pluck().all(),
    replaceRecording(recordingId: string, rows: readonly { source: string; text: string; segment: number | null; startMs: number | null; speaker: string | null }[]): void {
      db.prepare("DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_rows WHERE recording_id = ? AND source <> 'legacy')").run(recordingId);
      db.prepare("DELETE FROM search_rows WHERE recording_id = ? AND source <> 'legacy'").run(recordingId);
      for (const row of rows) {
        const { lastInsertRowid } = db.prepare('INSERT INTO search_rows (recording_id, source, segment, start_ms, speaker, text) VALUES (?, ?, ?, ?, ?, ?)').run(recordingId, row.source, row.segment, row.startMs, row.speaker, row.text);
        db.prepare('INSERT INTO search_index (rowid, body) VALUES (?, ?)').run(lastInsertRowid, searchBody(row.text));
      }
      db.prepare('DELETE FROM search_stale WHERE recording_id = ?').run(recordingId);
    },
    find: (text: string): string[] =>
      db.prepare<[string], string>('SELECT DISTINCT r.recording_id FROM search_index JOIN search_rows AS r ON r.id = search_index.rowid WHERE search_index MATCH ?').pluck().all(`"${searchBody(text)}"`),
  };
}

describe('migration 007: search rows, normalised contentless index, stale list and triggers', () => {
  it('keeps non-transcript rows of the old index, marks every recording stale, and the triggers follow versions and deletions', () => {
    const { file, db } = databaseAtVersion(5);
    const recording = db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, ?, 'discovery', '2026-05-01T10:00:00.000Z', 60000, 'complete', 0, x'01', '2026-05-01T10:00:00.000Z', 'p', NULL, NULL, 120)`,
    );
    recording.run(A, 'Initech');
    recording.run(B, 'Umbrella');
    db.prepare(`INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments) VALUES (?, 1, 'machine', 't', 'rep', 'w', 'en', ?)`)
      .run(A, JSON.stringify([segment('card ends four two four two', 0)]));
    const index = db.prepare('INSERT INTO search_index (recording_id, source, body) VALUES (?, ?, ?)');
    index.run(A, 'transcript', 'card ends four two four two');
    index.run(B, 'notes', 'Ask about the security review');
    db.close();

    const migrated = openAtVersion(file, 7);
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBe(7);
      const writer = indexAt7(migrated);
      const reader = writer;
      // Every recording must be rebuilt (TypeScript normalises; SQL cannot); the old notes row survives as legacy.
      expect(writer.staleRecordings()).toEqual([A, B]);
      expect(reader.find('security review')).toEqual([B]);
      expect(migrated.prepare("SELECT source, text FROM search_rows").all()).toEqual([{ source: 'legacy', text: 'Ask about the security review' }]);

      // A rebuild (what search-index-sync does) indexes normalised terms: "4242" finds the spoken digits.
      writer.replaceRecording(A, [{ source: 'transcript', text: 'card ends four two four two', segment: 0, startMs: 0, speaker: 'customer' }]);
      expect(writer.staleRecordings()).toEqual([B]);
      expect(reader.find('4242')).toEqual([A]);
      // A contentless index: no second copy of the text, only its terms.
      expect(migrated.prepare('SELECT body FROM search_index').pluck().all()).toEqual([null, null]);

      // A new transcript version marks the recording stale; a deleted recording takes its rows and terms with it.
      migrated.prepare(`INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments) VALUES (?, 2, 'correction', 't', 'rep', 'w', 'en', '[]')`).run(A);
      expect(writer.staleRecordings()).toEqual([A, B]);
      migrated.prepare('DELETE FROM recordings WHERE id = ?').run(A);
      expect(writer.staleRecordings()).toEqual([B]);
      expect(reader.find('4242')).toEqual([]);
      expect(migrated.prepare('SELECT count(*) FROM search_rows WHERE recording_id = ?').pluck().get(A)).toBe(0);
    } finally {
      migrated.close();
    }
  });
});
