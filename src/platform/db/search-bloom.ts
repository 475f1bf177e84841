/**
 * The Bloom filters of the hashed search index (migrations 017 and 024). Their bits come from the
 * keyed term hashes themselves (SipHash under the scope's search key), so a filter says nothing
 * without that key: destroying the artifact key leaves bits no one can link to a term.
 *
 * - The *scope filter* (`search_scopes.bloom`, 017): every distinct term of the scope. A query
 *   skips a scope whose filter lacks one of its terms.
 * - The *block filters* (`search_scopes.blocks`, 024): the scope's rows in blocks of `BLOCK_ROWS`
 *   consecutive rows, one small filter per block over the terms of that block. A query needs a row
 *   holding every term, so it skips a scope in which no block holds them all, even when the scope
 *   as a whole holds each term (mid-frequency words occur in most one-hour calls, rarely in the same
 *   segment). They reveal no more than `search_terms` already does to whoever can read the
 *   database (how many distinct terms a part of a scope has).
 */

/** Filter bits per distinct term, and bits set per term (about 1% false positives). */
const BITS_PER_TERM = 10;
const PROBES = 4;

/** Consecutive rows of a scope that share one block filter (a transcript's 600 segments: 38 blocks). */
export const BLOCK_ROWS = 16;
/** The format byte of `search_scopes.blocks`; a blob of another format is not used (its scope is probed). */
const BLOCKS_FORMAT = 1;
/** format (1 byte), reserved (1), rows per block (u16 LE), blocks (u32 LE), bits per block filter (u32 LE). */
const BLOCKS_HEADER = 12;

/** Bytes of a filter over `count` distinct terms (at least 64 bits). */
function filterBytes(count: number): number {
  return Math.max(8, Math.ceil((count * BITS_PER_TERM) / 8));
}

/** Bytes `at`..`at + 3` of a hash as an unsigned little-endian integer. */
function word(hash: Uint8Array, at: number): number {
  return ((hash[at] ?? 0) | ((hash[at + 1] ?? 0) << 8) | ((hash[at + 2] ?? 0) << 16) | ((hash[at + 3] ?? 0) << 24)) >>> 0;
}

/** Sets a hash's bits in the filter of `bytes` bytes at `offset` (double hashing from the hash's two halves). */
function setBits(filter: Buffer, offset: number, bytes: number, hash: Uint8Array): void {
  const bits = bytes * 8;
  const h1 = word(hash, 0);
  const h2 = (word(hash, 4) | 1) >>> 0;
  for (let i = 0; i < PROBES; i += 1) {
    const bit = (h1 + i * h2) % bits;
    const at = offset + (bit >>> 3);
    filter[at] = (filter[at] ?? 0) | (1 << (bit & 7));
  }
}

/** Whether every bit of the hash is set in the filter of `bytes` bytes at `offset` (runs per scope, block and term of a query: no allocation). */
function hasBits(filter: Uint8Array, offset: number, bytes: number, hash: Uint8Array): boolean {
  const bits = bytes * 8;
  const h1 = word(hash, 0);
  const h2 = (word(hash, 4) | 1) >>> 0;
  for (let i = 0; i < PROBES; i += 1) {
    const bit = (h1 + i * h2) % bits;
    if (((filter[offset + (bit >>> 3)] ?? 0) & (1 << (bit & 7))) === 0) {
      return false;
    }
  }
  return true;
}

/** The scope filter over a scope's distinct term hashes. */
export function bloomOf(hashes: Iterable<Uint8Array>, count: number): Buffer {
  const bytes = filterBytes(count);
  const bloom = Buffer.alloc(bytes);
  for (const hash of hashes) {
    setBits(bloom, 0, bytes, hash);
  }
  return bloom;
}

/** Whether the scope filter may hold the hash. An empty filter is one being written (inside its transaction): unknown, so yes. */
export function bloomHas(bloom: Uint8Array, hash: Uint8Array): boolean {
  return bloom.length === 0 || hasBits(bloom, 0, bloom.length, hash);
}

/**
 * The block filters of a scope: `blocks[i]` holds the distinct term hashes of rows
 * `i * BLOCK_ROWS` to `(i + 1) * BLOCK_ROWS - 1`. Every block's filter has the size the fullest
 * needs, and they are stored bit-sliced: bit `j` of every block's filter side by side (one bit per
 * block, `ceil(blocks / 8)` bytes per bit), so a query reads the blocks holding a term as the AND
 * of 4 short rows instead of testing each block in turn.
 */
export function blockFiltersOf(blocks: readonly ReadonlySet<Uint8Array>[]): Buffer {
  const bits = filterBytes(Math.max(0, ...blocks.map((b) => b.size))) * 8;
  const rowBytes = Math.ceil(blocks.length / 8);
  const filters = Buffer.alloc(BLOCKS_HEADER + bits * rowBytes);
  filters.writeUInt8(BLOCKS_FORMAT, 0);
  filters.writeUInt16LE(BLOCK_ROWS, 2);
  filters.writeUInt32LE(blocks.length, 4);
  filters.writeUInt32LE(bits, 8);
  blocks.forEach((hashes, block) => {
    for (const hash of hashes) {
      const h1 = word(hash, 0);
      const h2 = (word(hash, 4) | 1) >>> 0;
      for (let i = 0; i < PROBES; i += 1) {
        const at = BLOCKS_HEADER + ((h1 + i * h2) % bits) * rowBytes + (block >>> 3);
        filters[at] = (filters[at] ?? 0) | (1 << (block & 7));
      }
    }
  });
  return filters;
}

/** A query has at most 32 terms (core/search/search-query.ts); a longer list is checked on its first 32, which can only let more scopes through. */
const MAX_TERMS = 32;
const rowStarts = new Int32Array(MAX_TERMS * PROBES);
const EMPTY = new Uint8Array(8);

/**
 * Whether some block may hold every hash. Anything unknown answers yes, so the scope is probed
 * (never a missed hit): no block filters (a scope written before migration 024, or a legacy row),
 * another format, or a malformed blob.
 */
export function someBlockHasAll(filters: Uint8Array | null, hashes: readonly Uint8Array[]): boolean {
  if (filters === null || filters.length < BLOCKS_HEADER || filters[0] !== BLOCKS_FORMAT) {
    return true;
  }
  const blocks = word(filters, 4);
  const bits = word(filters, 8);
  const rowBytes = Math.ceil(blocks / 8);
  if (blocks === 0 || bits === 0 || filters.length !== BLOCKS_HEADER + bits * rowBytes) {
    return true;
  }
  // The start of each hash's 4 bit rows, then, per byte of blocks, those that may hold every hash.
  const count = Math.min(hashes.length, MAX_TERMS);
  for (let t = 0; t < count; t += 1) {
    const hash = hashes[t] ?? EMPTY;
    const h1 = word(hash, 0);
    const h2 = (word(hash, 4) | 1) >>> 0;
    for (let i = 0; i < PROBES; i += 1) {
      rowStarts[t * PROBES + i] = BLOCKS_HEADER + ((h1 + i * h2) % bits) * rowBytes;
    }
  }
  for (let k = 0; k < rowBytes; k += 1) {
    let candidates = 0xff;
    for (let r = 0; r < count * PROBES && candidates !== 0; r += 1) {
      candidates &= filters[(rowStarts[r] ?? 0) + k] ?? 0;
    }
    if (candidates !== 0) {
      return true;
    }
  }
  return false;
}
