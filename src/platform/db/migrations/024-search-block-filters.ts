import type { Migration } from './migration';

/**
 * Block filters for the hashed search index (`platform/db/search-bloom.ts`). A query needs one row
 * holding every term; the scope filter of 017 only says that the scope holds each term somewhere,
 * which mid-frequency words do in most one-hour calls, so nearly every transcript scope was probed
 * (a B-tree probe per term, each reading and decrypting a page). `blocks` holds one small Bloom
 * filter per block of 16 consecutive rows, its bits taken from the same keyed term hashes (nothing
 * readable without the scope's key, deleted with the scope); a query probes a scope only when some
 * block may hold every term.
 *
 * Scopes written before this migration keep `blocks` NULL and are probed whenever their scope
 * filter passes, as before: correct, only slower. Nothing is marked stale (a search rebuilds every
 * stale recording before it answers, which would hold the first search for minutes in a large
 * vault); a scope gains block filters when its recording is indexed again.
 */
export const migration024: Migration = {
  version: 24,
  name: 'search block filters',
  up: `
    ALTER TABLE search_scopes ADD COLUMN blocks BLOB;
  `,
};
