// Migration 024: block filters for the hashed search index. A vault written before it keeps its
// scopes (no block filters: probed whenever their scope filter passes, as before) and finds what it
// found; scopes written after it carry block filters. Real SQLite3MultipleCiphers files, real libsodium.
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../src/platform/db/migrations';
import { createSearchIndexReader, createSearchIndexWriter, indexLegacyRow } from '../../../src/platform/db/search-index-repo';
import { databaseAtVersion, openMigrated, testSealer } from '../../helpers/migration-db';

const REC = '24242424-2424-4424-8424-242424242424';

describe('migration 024: search block filters', () => {
  it('keeps the scopes written before it (no block filters, still found) and gives new scopes block filters', async () => {
    // A schema-22 vault whose index holds scopes as 017's code writes them (here its legacy rows: sealed, hashed, a scope filter, no block filters).
    const { file, db: old } = databaseAtVersion(22);
    old.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, 'Review', 'discovery', '2026-09-01T10:00:00.000Z', 60000, 'complete', 0, ?, '2026-09-01T10:00:00.000Z', 'p', NULL, NULL, 1)`,
    ).run(REC, Buffer.alloc(73, 4));
    const oldSealer = await testSealer(old);
    old.transaction(() => {
      indexLegacyRow(old, oldSealer, 1, REC, 'Ask about the Vexmoor review');
      indexLegacyRow(old, oldSealer, 2, REC, 'Plumtree pricing next week');
    })();
    expect(old.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('search_scopes')).toEqual(['id', 'recording_id', 'part', 'bloom']);
    const oldScopes = old.prepare('SELECT id, hex(bloom) AS bloom FROM search_scopes ORDER BY id').all();
    old.close();

    const { db, sealer } = await openMigrated(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
      expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('search_scopes')).toEqual(['id', 'recording_id', 'part', 'bloom', 'blocks']);
      // The old scopes, byte for byte, with no block filters; still found (probed).
      expect(db.prepare('SELECT id, hex(bloom) AS bloom FROM search_scopes ORDER BY id').all()).toEqual(oldScopes);
      expect(db.prepare('SELECT count(*) FROM search_scopes WHERE blocks IS NOT NULL').pluck().get()).toBe(0);
      const reader = createSearchIndexReader(db, sealer);
      expect(reader.find('vexmoor review')).toEqual([REC]);
      expect(reader.find('plumtree')).toEqual([REC]);
      expect(reader.find('vexmoor plumtree')).toEqual([]); // two rows: every word must be in one
      // A rebuild writes scopes with block filters (format 1, one block per 16 rows); the legacy rows stay as they were.
      const writer = createSearchIndexWriter(db, sealer);
      writer.replaceRecording(REC, Array.from({ length: 40 }, (_, i) => ({ source: 'transcript' as const, text: i === 33 ? 'Gantrell signed the order' : `segment ${i} filler`, segment: i, startMs: i * 1_000, speaker: 'customer' })));
      const scopes = db.prepare<[], { part: string; blocks: Buffer | null }>('SELECT part, blocks FROM search_scopes ORDER BY id').all();
      expect(scopes.map((s) => [s.part, s.blocks === null ? null : [s.blocks[0], s.blocks.readUInt32LE(4)]])).toEqual([['legacy', null], ['legacy', null], ['transcript', [1, 3]]]);
      expect(scopes.some((s) => s.blocks?.includes(Buffer.from('gantrell')) === true)).toBe(false);
      expect(reader.find('gantrell signed')).toEqual([REC]);
      expect(reader.find('vexmoor')).toEqual([REC]);
      // Deleting the recording still forgets every scope, block filters included.
      db.prepare('DELETE FROM recordings WHERE id = ?').run(REC);
      expect(db.prepare('SELECT (SELECT count(*) FROM search_rows) + (SELECT count(*) FROM search_scopes) + (SELECT count(*) FROM search_terms)').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
