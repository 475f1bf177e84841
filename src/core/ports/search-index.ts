/**
 * The full-text index of one vault, as the app uses it (`app/search`); `platform/db/search-index-repo.ts`
 * implements it in the vault's encrypted database (migrations 007, 017: keyed term hashes and
 * sealed snippets, no plaintext). The index is derived: a
 * recording's rows are a function of what the vault stores (`core/search/search-document.ts`), so a
 * recording can always be rebuilt, and one listed as stale must be before a search answers for it.
 *
 * Everything that passes through here (indexed text, queries, filters, hits) is transcript text or
 * a customer's details: it stays in the vault database and is never logged.
 */
import type { SearchRow, SearchSource } from '../search/search-document';
import type { SearchQuery } from '../search/search-query';

export interface SearchIndexWriter {
  /** Replaces everything indexed for the recording (rows from before migration 007 stay) and marks it up to date. */
  replaceRecording(recordingId: string, rows: readonly SearchRow[]): void;
  /** Adds one piece of text; the next rebuild of the recording replaces it. */
  add(recordingId: string, text: string, source?: SearchSource): void;
  /** Recordings whose rows must be rebuilt before the index can answer for them. */
  staleRecordings(): string[];
  /** Whether the recording's rows must be rebuilt. */
  isStale(recordingId: string): boolean;
  /** For a source no trigger watches: rebuild this recording before the next search. */
  markStale(recordingId: string): void;
  /** Forgets a stale entry for a recording that no longer exists. */
  dropStale(recordingId: string): void;
}

export interface SearchFilters {
  readonly callType?: string | undefined;
  /** ISO times; the call started at or after `from`, before `to`. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly speaker?: string | undefined;
  /** A tag's label (any case). */
  readonly tag?: string | undefined;
  /** Part of a participant's name or email, or of the account (any case). */
  readonly person?: string | undefined;
}

/** One indexed piece that matched, with the recording it belongs to. */
export interface SearchHitRow {
  readonly rowId: number;
  readonly recordingId: string;
  /** `legacy`: a row indexed before migration 007, kept as it was written. */
  readonly source: SearchSource | 'legacy';
  readonly segment: number | null;
  readonly startMs: number | null;
  readonly speaker: string | null;
  readonly text: string;
  readonly title: string;
  readonly callType: string;
  readonly startedAt: string;
  readonly callId: string | null;
}

export interface SearchIndexReader {
  /** Recordings with a row holding every word of `text` (read as the search box reads it), newest call first. */
  find(text: string): string[];
  /**
   * The first `limit` rows holding every phrase of the query (read by `core/search/search-query.ts`),
   * within the filters: newest call first, then in the order the recording's rows were indexed.
   * `text` is the row's text, opened for the hit only. A row altered or moved in the database is
   * refused (INTEGRITY); one whose key was destroyed is never a hit.
   */
  query(query: SearchQuery, filters: SearchFilters, limit: number): SearchHitRow[];
}
