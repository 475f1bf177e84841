// The hashed index's query path at speed (search p95): scopes walked newest call first in growing
// batches, stopping once the page (plus one, for `more`) is full; a scope probed only when one of its
// blocks of 16 rows may hold every term (migration 024); the scope list kept in memory between
// queries. None of it may change an answer: the first page and `more` equal what a full probe gives,
// every row holding the words is found (checked against the plaintext), and the cached list follows
// every write, deletion and rolled-back transaction. Real SQLite3MultipleCiphers files, real libsodium.
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3-multiple-ciphers';
import { parseSearchQuery } from '../../../src/core/search/search-query';
import { searchTerms } from '../../../src/core/search/search-text';
import type { SearchRow } from '../../../src/core/search/search-document';
import { latestSchemaVersion } from '../../../src/platform/db/migrations';
import { createSearchIndexReader, createSearchIndexWriter } from '../../../src/platform/db/search-index-repo';
import { createScopeList } from '../../../src/platform/db/search-scope-list';
import { databaseAtVersion, openMigrated } from '../../helpers/migration-db';
import { mulberry32 } from '../../../tools/seeded-random';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) {
    db.close();
  }
});

async function vaultDb() {
  const { file, db: fresh } = databaseAtVersion(latestSchemaVersion);
  fresh.close();
  const { db, sealer } = await openMigrated(file);
  open.push(db);
  const insert = db.prepare(
    `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
     VALUES (?, 'Call', ?, ?, 60000, 'complete', 0, ?, '2026-09-01T10:00:00.000Z', 'p', NULL, NULL, 1)`,
  );
  const addRecording = (n: number): string => {
    const id = `24242424-0000-4000-8000-${String(n).padStart(12, '0')}`;
    insert.run(id, n % 2 === 0 ? 'discovery' : 'renewal', new Date(Date.UTC(2026, 8, 1) + n * 3_600_000).toISOString(), Buffer.alloc(73, 4));
    return id;
  };
  return { db, sealer, writer: createSearchIndexWriter(db, sealer), reader: createSearchIndexReader(db, sealer), addRecording };
}

const WORDS = ['amber', 'birch', 'cobalt', 'dune', 'ember', 'fjord', 'garnet', 'harbor', 'indigo', 'juniper', 'kelp', 'lumen'];
const segment = (i: number, text: string): SearchRow => ({ source: 'transcript', text, segment: i, startMs: i * 1_000, speaker: i % 2 === 0 ? 'rep' : 'customer' });

describe('search paging, block filters and the cached scope list', () => {
  it('gives the first page and `more` a full probe gives, and every row holding the words (checked on the plaintext)', async () => {
    const { reader, writer, addRecording } = await vaultDb();
    const random = mulberry32(24);
    const indexed: { recordingId: string; startedAt: number; rows: SearchRow[] }[] = [];
    // 30 calls of 80 segments (5 blocks each): 4 words a segment from 12, so a pair of words is in most calls and many blocks, but in few rows.
    for (let n = 0; n < 30; n += 1) {
      const recordingId = addRecording(n);
      const rows = [
        { source: 'title' as const, text: `Call ${n}`, segment: null, startMs: null, speaker: null },
        ...Array.from({ length: 80 }, (_, i) => segment(i, Array.from({ length: 4 }, () => WORDS[Math.floor(random() * WORDS.length)] ?? 'amber').join(' '))),
      ];
      writer.replaceRecording(recordingId, rows);
      indexed.push({ recordingId, startedAt: n, rows });
    }
    const newestFirst = [...indexed].sort((a, b) => b.startedAt - a.startedAt);
    const expected = (words: readonly string[]): string[] =>
      newestFirst.flatMap(({ recordingId, rows }) =>
        rows.filter((r) => words.every((w) => searchTerms(r.text).some((t) => t.term === w))).map((r) => `${recordingId}:${r.segment ?? '-'}:${r.text}`),
      );
    const queries = [['amber', 'birch'], ['cobalt', 'lumen', 'kelp'], ['dune'], ['fjord', 'garnet', 'harbor', 'indigo'], ['juniper', 'amber', 'ember']];
    for (const words of queries) {
      const query = parseSearchQuery(words.join(' '));
      const full = reader.query(query, {}, Number.MAX_SAFE_INTEGER).map((h) => `${h.recordingId}:${h.segment ?? '-'}:${h.text}`);
      expect(full).toEqual(expected(words));
      for (const limit of [1, 3, 10, 50, 200]) {
        // What search.calls asks for: limit + 1 rows, `more` when the extra one came.
        const page = reader.query(query, {}, limit + 1).map((h) => `${h.recordingId}:${h.segment ?? '-'}:${h.text}`);
        expect(page.slice(0, limit)).toEqual(full.slice(0, limit));
        expect(page.length > limit).toBe(full.length > limit);
      }
    }
    // The search covers many rows in both answers, or the comparison proves little.
    expect(expected(['amber', 'birch']).length).toBeGreaterThan(60);
    expect(expected(['fjord', 'garnet', 'harbor', 'indigo']).length).toBeLessThan(30);
    // With a filter (every other call) the page is the full answer's page too.
    const filtered = reader.query(parseSearchQuery('amber birch'), { callType: 'renewal' }, 6);
    const fullFiltered = reader.query(parseSearchQuery('amber birch'), { callType: 'renewal' }, Number.MAX_SAFE_INTEGER);
    expect(filtered.map((h) => h.rowId)).toEqual(fullFiltered.slice(0, 6).map((h) => h.rowId));
    expect(new Set(fullFiltered.map((h) => h.callType))).toEqual(new Set(['renewal']));
  });

  it('finds words that share a block only when they share a row, and a call indexed after the last query', async () => {
    const { reader, writer, addRecording } = await vaultDb();
    const older = addRecording(1);
    // Both words in the call, never in one row: the block filters let the probe skip it; no hit either way.
    writer.replaceRecording(older, [segment(0, 'quartzite ledger'), ...Array.from({ length: 40 }, (_, i) => segment(i + 1, `filler words ${i}`)), segment(41, 'obsidian memo')]);
    expect(reader.find('quartzite obsidian')).toEqual([]);
    expect(reader.find('quartzite ledger')).toEqual([older]);
    // Indexed after the list was cached (a higher scope id): found, newest first.
    const newer = addRecording(2);
    writer.replaceRecording(newer, [segment(0, 'quartzite ledger obsidian')]);
    expect(reader.find('quartzite ledger')).toEqual([newer, older]);
    expect(reader.find('quartzite obsidian')).toEqual([newer]);
  });

  it('drops deleted scopes from the list, and keeps nothing listed inside a transaction that is rolled back', async () => {
    const { db, reader, writer, addRecording } = await vaultDb();
    const list = createScopeList(db);
    const a = addRecording(1);
    const b = addRecording(2);
    writer.replaceRecording(a, [{ source: 'title', text: 'Alpha', segment: null, startMs: null, speaker: null }, segment(0, 'tundra lantern')]);
    writer.replaceRecording(b, [segment(0, 'tundra lantern')]);
    expect(list.current().map((s) => [s.recordingId, s.part])).toEqual([[b, 'transcript'], [a, 'metadata'], [a, 'transcript']]);
    expect(list.cached).toBe(3);
    // A deleted recording (its trigger removes its scopes): gone from the list and from the answers.
    db.prepare('DELETE FROM recordings WHERE id = ?').run(a);
    expect(list.current().map((s) => s.recordingId)).toEqual([b]);
    expect(list.cached).toBe(1);
    expect(reader.find('tundra lantern')).toEqual([b]);

    // A call indexed and searched inside a transaction that is then rolled back: its scope id is
    // reused by the next call written, which must be found under its own filters and key.
    const c = addRecording(3);
    expect(() =>
      db.transaction(() => {
        writer.replaceRecording(c, [segment(0, 'saffron beacon')]);
        expect(reader.find('saffron beacon')).toEqual([c]);
        expect(list.current().map((s) => s.recordingId)).toEqual([c, b]);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(list.current().map((s) => s.recordingId)).toEqual([b]);
    const d = addRecording(4);
    writer.replaceRecording(d, [segment(0, 'marigold compass')]);
    expect(reader.find('marigold compass')).toEqual([d]);
    expect(reader.find('saffron beacon')).toEqual([]);
    expect(list.current().map((s) => s.recordingId)).toEqual([d, b]);
  });
});
