/**
 * Search across calls: the rep's query (read by core/search/search-query.ts: words and quoted
 * phrases only, numbers matched however they were written) over the index of every recording's
 * latest transcript version, title, account, participants, notes and tags, with filters. The
 * index is brought up to date first (search-index-sync.ts), so a new transcript version or a
 * changed note is found, and a destroyed call is not. Results carry the text as written and the
 * matched ranges in it; nothing here builds markup.
 */
import { highlightRanges, parseSearchQuery, SearchQueryError, snippetOf } from '../../core/search/search-query';
import type { SearchHitRow } from '../../core/ports/search-index';
import type { SearchInput, SearchResultView } from '../../shared/contract';
import type { OpenVault } from '../vault/open-vault';
import { refreshStaleRecordings } from './search-index-sync';

const DEFAULT_LIMIT = 50;

export function searchCalls(vault: OpenVault, input: SearchInput): SearchResultView {
  const query = parseSearchQuery(input.query);
  const from = input.from === undefined ? undefined : instant(input.from, 'start');
  const to = input.to === undefined ? undefined : instant(input.to, 'end');
  if (from !== undefined && to !== undefined && to <= from) {
    throw new SearchQueryError('The date range ends before it starts; give a "from" date before the "to" date.');
  }
  refreshStaleRecordings(vault);
  const limit = input.limit ?? DEFAULT_LIMIT;
  // The terms reach the index only as keyed hashes: there is no query language for it to refuse.
  // A snippet altered in the database is refused (INTEGRITY) with its own message.
  const rows: SearchHitRow[] = vault.search.query(query, { callType: input.callType, tag: input.tag, person: input.person, speaker: input.speaker, from, to }, limit + 1);
  return {
    more: rows.length > limit,
    hits: rows.slice(0, limit).map((row) => ({
      recordingId: row.recordingId,
      callId: row.callId,
      title: row.title,
      callType: row.callType,
      startedAt: row.startedAt,
      source: row.source,
      segment: row.segment,
      startMs: row.startMs,
      speaker: row.speaker,
      snippet: snippetOf(row.text, highlightRanges(row.text, query)),
    })),
  };
}

/** An ISO date is a whole (UTC) day: "from" its start, "to" the end of it. */
function instant(value: string, edge: 'start' | 'end'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    return edge === 'start' ? day.toISOString() : new Date(day.getTime() + 86_400_000).toISOString();
  }
  return new Date(value).toISOString();
}
