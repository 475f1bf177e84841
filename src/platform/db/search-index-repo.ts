import type { Db } from './connection';

/** Writes to the full-text index, which is encrypted with the rest of the database. */
export function createSearchIndexWriter(db: Db) {
  const insert = db.prepare('INSERT INTO search_index (recording_id, body) VALUES (?, ?)');
  return {
    add(recordingId: string, body: string): void {
      insert.run(recordingId, body);
    },
  };
}

export function createSearchIndexReader(db: Db) {
  const search = db.prepare<[string], { recording_id: string }>(
    'SELECT DISTINCT recording_id FROM search_index WHERE search_index MATCH ? ORDER BY rank',
  );
  return {
    /** `query` is passed as one quoted phrase, so FTS syntax in user input cannot inject operators. */
    find(query: string): string[] {
      const phrase = `"${query.replaceAll('"', '""')}"`;
      return search.all(phrase).map((r) => r.recording_id);
    },
  };
}
