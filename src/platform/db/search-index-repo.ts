import type { SearchIndexReader, SearchIndexWriter, SearchSource } from '../../core/search/search-index';
import type { Db } from './connection';

/** Writes to the full-text index, which is encrypted with the rest of the database. */
export function createSearchIndexWriter(db: Db): SearchIndexWriter {
  const insert = db.prepare('INSERT INTO search_index (recording_id, source, body) VALUES (?, ?, ?)');
  const remove = db.prepare('DELETE FROM search_index WHERE recording_id = ? AND source = ?');
  return {
    add(recordingId: string, body: string, source: SearchSource = 'notes'): void {
      insert.run(recordingId, source, body);
    },
    replace(recordingId: string, source: SearchSource, bodies: readonly string[]): void {
      db.transaction(() => {
        remove.run(recordingId, source);
        for (const body of bodies) {
          insert.run(recordingId, source, body);
        }
      })();
    },
  };
}

export function createSearchIndexReader(db: Db): SearchIndexReader {
  // Plain text columns: recording ids only, checked as strings by the row type SQLite returns.
  const search = db.prepare<[string], { recording_id: string }>(
    'SELECT recording_id FROM search_index WHERE search_index MATCH ? GROUP BY recording_id ORDER BY min(rank)',
  );
  return {
    find(query: string): string[] {
      const phrase = `"${query.replaceAll('"', '""')}"`;
      return search.all(phrase).map((r) => r.recording_id);
    },
  };
}
