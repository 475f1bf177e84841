import type { Db } from './connection';
import type { SearchPart } from './search-index-repo';

/** One scope as a query walks them: its recording's start and call type (for the filters) and its filters. */
export interface ListedScope {
  readonly id: number;
  readonly recordingId: string;
  readonly part: SearchPart;
  readonly startedAt: string;
  readonly callType: string;
  /** The scope filter (`search-bloom.ts`); empty while the scope is being written. */
  readonly bloom: Buffer;
  /** The block filters; null for a scope written before migration 024 (probed whenever its scope filter passes). */
  readonly blocks: Buffer | null;
}

export interface ScopeList {
  /** Every scope of the vault, newest call first (then by recording and scope id), as the database holds them now. */
  current(): readonly ListedScope[];
  /** How many scopes are kept in memory (the tests' view of the cache). */
  readonly cached: number;
}

/**
 * The vault's search scopes in query order, kept in memory between queries instead of listed and
 * sorted per query. A scope is written once and never changed, with ids never reused
 * (AUTOINCREMENT), and a recording's start and call type never change; so the set of scopes is
 * known by its count and highest id: any scope written (a higher id) or removed (retention, a
 * deleted recording, a rebuild: a smaller count, or a higher id when replaced) changes that pair,
 * and the list is read again before the next query uses it, whichever code or connection wrote.
 * The filters are loaded once per scope (by id) and dropped with their scope. Nothing here is key
 * material: a filter says nothing without its scope's search key (those are kept by the reader and
 * dropped whenever the sealer drops keys), and the list goes with the vault at lock.
 */
export function createScopeList(db: Db): ScopeList {
  const fingerprint = db.prepare<[], { n: number; top: number }>('SELECT count(*) AS n, coalesce(max(id), 0) AS top FROM search_scopes');
  const listing = db.prepare<[], { id: number; recording_id: string; part: SearchPart; started_at: string; call_type: string }>(`
    SELECT s.id, s.recording_id, s.part, rec.started_at, rec.call_type
    FROM search_scopes AS s JOIN recordings AS rec ON rec.id = s.recording_id
    ORDER BY rec.started_at DESC, s.recording_id, s.id`);
  const filtersAfter = db.prepare<[number], { id: number; bloom: Buffer; blocks: Buffer | null }>('SELECT id, bloom, blocks FROM search_scopes WHERE id > ? ORDER BY id');
  const filters = new Map<number, { bloom: Buffer; blocks: Buffer | null }>();
  let loadedUpTo = 0;
  let list: readonly ListedScope[] = [];
  let listedAs = '';
  return {
    current() {
      // Inside a transaction the scopes may yet be rolled back (and their ids reused): list them
      // without keeping anything, so the cache only ever holds committed scopes.
      const keep = !db.inTransaction;
      const now = fingerprint.get();
      const as = `${now?.n ?? 0}:${now?.top ?? 0}`;
      if (keep && as === listedAs) {
        return list;
      }
      const known = keep ? filters : new Map(filters);
      let upTo = loadedUpTo;
      for (const row of filtersAfter.iterate(upTo)) {
        known.set(row.id, { bloom: row.bloom, blocks: row.blocks });
        upTo = Math.max(upTo, row.id);
      }
      const rows = listing.all();
      const fresh = rows.flatMap((r) => {
        const f = known.get(r.id);
        return f === undefined ? [] : [{ id: r.id, recordingId: r.recording_id, part: r.part, startedAt: r.started_at, callType: r.call_type, bloom: f.bloom, blocks: f.blocks }];
      });
      if (!keep) {
        return fresh;
      }
      const live = new Set(rows.map((r) => r.id));
      for (const id of filters.keys()) {
        if (!live.has(id)) {
          filters.delete(id);
        }
      }
      loadedUpTo = upTo;
      list = fresh;
      listedAs = as;
      return list;
    },
    get cached() {
      return list.length;
    },
  };
}
