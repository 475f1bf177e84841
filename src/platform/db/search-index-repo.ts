import { ftsExpression, parseSearchQuery } from '../../core/search/search-query';
import { searchBody } from '../../core/search/search-text';
import type { SearchRow, SearchSource } from '../../core/search/search-document';
import type { SearchFilters, SearchHitRow, SearchIndexReader, SearchIndexWriter } from '../../core/ports/search-index';
import type { Db } from './connection';

/**
 * The full-text index (migration 007): `search_rows` holds each indexed piece as written,
 * `search_index` (FTS5, contentless) the normalised terms of each, under the same rowid. Both are
 * in the encrypted database. Triggers list a recording in `search_stale` when something it
 * indexes changes; `app/search/search-index-sync.ts` rebuilds those before a search.
 */
export function createSearchIndexWriter(db: Db): SearchIndexWriter {
  const insertRow = db.prepare<[string, string, number | null, number | null, string | null, string]>(
    'INSERT INTO search_rows (recording_id, source, segment, start_ms, speaker, text) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertTerms = db.prepare<[number | bigint, string]>('INSERT INTO search_index (rowid, body) VALUES (?, ?)');
  const removeTerms = db.prepare<[string]>("DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_rows WHERE recording_id = ? AND source <> 'legacy')");
  const removeRows = db.prepare<[string]>("DELETE FROM search_rows WHERE recording_id = ? AND source <> 'legacy'");
  const stale = db.prepare<[], string>('SELECT recording_id FROM search_stale ORDER BY recording_id').pluck();
  const isStale = db.prepare<[string], number>('SELECT 1 FROM search_stale WHERE recording_id = ?').pluck();
  const markStale = db.prepare<[string]>('INSERT OR IGNORE INTO search_stale (recording_id) VALUES (?)');
  const markFresh = db.prepare<[string]>('DELETE FROM search_stale WHERE recording_id = ?');
  const add = (recordingId: string, row: SearchRow): void => {
    const { lastInsertRowid } = insertRow.run(recordingId, row.source, row.segment, row.startMs, row.speaker, row.text);
    insertTerms.run(lastInsertRowid, searchBody(row.text));
  };
  return {
    /** Replaces everything indexed for the recording (legacy rows stay) and marks it up to date. */
    replaceRecording(recordingId: string, rows: readonly SearchRow[]): void {
      db.transaction(() => {
        removeTerms.run(recordingId);
        removeRows.run(recordingId);
        for (const row of rows) {
          add(recordingId, row);
        }
        markFresh.run(recordingId);
      })();
    },
    /** Adds one piece of text (a test's or a later source's); the next rebuild of the recording replaces it. */
    add(recordingId: string, text: string, source: SearchSource = 'notes'): void {
      add(recordingId, { source, text, segment: null, startMs: null, speaker: null });
    },
    /** Recordings whose rows must be rebuilt before the index can answer for them. */
    staleRecordings(): string[] {
      return stale.all();
    },
    /** Whether the recording's rows must be rebuilt. */
    isStale(recordingId: string): boolean {
      return isStale.get(recordingId) !== undefined;
    },
    /** For a source the triggers do not watch (tags, until their table has a trigger): rebuild this recording. */
    markStale(recordingId: string): void {
      markStale.run(recordingId);
    },
    /** A stale entry for a recording that no longer exists. */
    dropStale(recordingId: string): void {
      markFresh.run(recordingId);
    },
  };
}

interface HitRow {
  row_id: number;
  recording_id: string;
  source: SearchHitRow['source'];
  segment: number | null;
  start_ms: number | null;
  speaker: string | null;
  text: string;
  title: string;
  call_type: string;
  started_at: string;
  call_id: string | null;
}

/** Queries matching fewer places than this are ranked by relevance (bm25); others newest first. */
export const RANKED_MATCHES = 5_000;

export function createSearchIndexReader(db: Db): SearchIndexReader {
  // `match` is built by core/search/search-query.ts from normalised terms only (quoted letters
  // and digits); every filter is a bound parameter.
  const select = (order: string) =>
    db.prepare<Record<string, string | number | null>, HitRow>(`
    SELECT r.id AS row_id, r.recording_id, r.source, r.segment, r.start_ms, r.speaker, r.text,
           rec.title, rec.call_type, rec.started_at, rec.call_id
    FROM search_index
    JOIN search_rows AS r ON r.id = search_index.rowid
    JOIN recordings AS rec ON rec.id = r.recording_id
    WHERE search_index MATCH @match
      AND (@callType IS NULL OR rec.call_type = @callType)
      AND (@from IS NULL OR rec.started_at >= @from)
      AND (@to IS NULL OR rec.started_at < @to)
      AND (@speaker IS NULL OR r.speaker = @speaker)
      AND (@tag IS NULL OR EXISTS (
        SELECT 1 FROM search_rows AS t WHERE t.recording_id = r.recording_id AND t.source = 'tag' AND lower(t.text) = lower(@tag)))
      AND (@person IS NULL OR EXISTS (
        SELECT 1 FROM search_rows AS p WHERE p.recording_id = r.recording_id AND p.source IN ('participant', 'account') AND instr(lower(p.text), lower(@person)) > 0))
    ORDER BY ${order}
    LIMIT @limit`);
  // Ranking needs a score for every match: cheap for a few thousand, seconds for a query of the
  // most common words over thousands of hours. Past RANKED_MATCHES, hits stream newest-indexed
  // first, which SQLite stops reading as soon as it has enough.
  const ranked = select('bm25(search_index), rec.started_at DESC, r.segment');
  const streamed = select('search_index.rowid DESC');
  const matches = db.prepare<[string, number], number>('SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ? LIMIT ?)').pluck();
  const recordings = db.prepare<[string], string>(
    `SELECT recording_id FROM (
       SELECT r.recording_id, bm25(search_index) AS score FROM search_index JOIN search_rows AS r ON r.id = search_index.rowid WHERE search_index MATCH ? LIMIT -1
     ) GROUP BY recording_id ORDER BY min(score)`,
  ).pluck();
  return {
    /** Recordings with a row holding every word of `text` (read as the search box reads it), best first. */
    find(text: string): string[] {
      return recordings.all(ftsExpression(parseSearchQuery(text)));
    },
    /** The best `limit` rows matching `match` (an FTS5 expression from search-query.ts) and the filters. */
    query(match: string, filters: SearchFilters, limit: number): SearchHitRow[] {
      const statement = (matches.get(match, RANKED_MATCHES) ?? 0) < RANKED_MATCHES ? ranked : streamed;
      return statement
        .all({
          match,
          callType: filters.callType ?? null,
          from: filters.from ?? null,
          to: filters.to ?? null,
          speaker: filters.speaker ?? null,
          tag: filters.tag ?? null,
          person: filters.person ?? null,
          limit,
        })
        .map((r) => ({
          rowId: r.row_id,
          recordingId: r.recording_id,
          source: r.source,
          segment: r.segment,
          startMs: r.start_ms,
          speaker: r.speaker,
          text: r.text,
          title: r.title,
          callType: r.call_type,
          startedAt: r.started_at,
          callId: r.call_id,
        }));
    },
  };
}

/**
 * After a salvage copy: the index is derived, so it is rebuilt rather than copied. Legacy rows
 * are indexed as written; every recording is marked stale so its rows are rebuilt at the next search.
 */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    db.exec("DELETE FROM search_rows WHERE source <> 'legacy'");
    db.exec("INSERT INTO search_index (search_index) VALUES ('delete-all')");
    db.exec('INSERT INTO search_index (rowid, body) SELECT id, text FROM search_rows');
    db.exec('INSERT OR IGNORE INTO search_stale (recording_id) SELECT id FROM recordings');
  })();
}
