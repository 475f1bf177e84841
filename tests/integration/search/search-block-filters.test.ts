// The block filters of migration 024 (`platform/db/search-bloom.ts`), on real SipHash-2-4 hashes
// from libsodium under a fixed key: no false negative for terms that share a block, a scope
// whose terms are only in different blocks skipped, and anything unknown or malformed read as
// "probe" (slower, never a missed hit).
import { describe, expect, it } from 'vitest';
import { createCrypto } from '../../../src/platform/crypto/sodium-crypto';
import { BLOCK_ROWS, blockFiltersOf, someBlockHasAll } from '../../../src/platform/db/search-bloom';

describe('search block filters', () => {
  it('find every pair of terms that share a block, skip pairs that never do, and read anything unknown as "probe"', async () => {
    const crypto = await createCrypto();
    const key = new Uint8Array(16).fill(24); // fixed, so the 1% of false positives falls the same way every run
    const hash = (term: string): Uint8Array => crypto.shortHash(key, new TextEncoder().encode(term));
    // 38 blocks (a one-hour call's 600 segments) of 150 distinct terms each; term `b<i>-<j>` only in block i.
    const blocks = Array.from({ length: 38 }, (_, i) => new Set(Array.from({ length: 150 }, (_, j) => hash(`b${i}-${j}`))));
    const filters = blockFiltersOf(blocks);
    expect(filters[0]).toBe(1); // the format byte
    expect(filters.readUInt16LE(2)).toBe(BLOCK_ROWS);
    // No false negative: every pair within a block passes.
    for (let i = 0; i < 38; i += 1) {
      for (let j = 0; j < 150; j += 7) {
        expect(someBlockHasAll(filters, [hash(`b${i}-${j}`), hash(`b${i}-${(j + 1) % 150}`)])).toBe(true);
      }
    }
    // Pairs from two different blocks: nearly all skipped (each block filter has about 1% false positives per term).
    let passed = 0;
    for (let i = 0; i < 200; i += 1) {
      if (someBlockHasAll(filters, [hash(`b${i % 38}-${i % 150}`), hash(`b${(i + 1) % 38}-${(i * 3) % 150}`)])) {
        passed += 1;
      }
    }
    expect(passed).toBeLessThan(40);
    // Terms in no block at all.
    expect(someBlockHasAll(filters, [hash('absent-one'), hash('absent-two')])).toBe(false);

    const twoApart = [hash('b0-1'), hash('b5-2')];
    expect(someBlockHasAll(filters, twoApart)).toBe(false);
    // Unknown or malformed: probed. No filters (before 024), another format, truncated, a header that lies about its size.
    expect(someBlockHasAll(null, twoApart)).toBe(true);
    const otherFormat = Buffer.from(filters);
    otherFormat[0] = 2;
    expect(someBlockHasAll(otherFormat, twoApart)).toBe(true);
    expect(someBlockHasAll(filters.subarray(0, filters.length - 1), twoApart)).toBe(true);
    expect(someBlockHasAll(filters.subarray(0, 5), twoApart)).toBe(true);
    const lying = Buffer.from(filters);
    lying.writeUInt32LE(0, 8);
    expect(someBlockHasAll(lying, twoApart)).toBe(true);
    lying.writeUInt32LE(3, 8);
    expect(someBlockHasAll(lying, twoApart)).toBe(true);
    // The filters hold no term and no hash: none of a block's 8-byte hashes appears in them.
    expect([...blocks[0] ?? []].some((h) => filters.includes(Buffer.from(h)))).toBe(false);
  });
});
