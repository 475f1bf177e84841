import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { createSearchIndexReader, createSearchIndexWriter } from '../../../src/platform/db/search-index-repo';
import { databaseAtVersion, MIGRATION_TEST_KEY, openAtVersion, openMigrated } from '../../helpers/migration-db';
import { tempDir } from '../../helpers/temp-dir';
import { latestSchemaVersion } from '../../../src/platform/db/migrations';

const REC = '17171717-1717-4717-8717-171717171717';
const SPOKEN = 'Glorpendax';
const ACCOUNT = 'Snarfwell';
const LEGACY = 'Blimpquist';
const SUMMARY = 'Frobnitzel';
const CANARIES = [SPOKEN, ACCOUNT, LEGACY, SUMMARY];

/** A schema-16 vault database whose search index holds canaries in every source, as that app wrote it. */
function schema16WithCanaries(): string {
  const { file, db } = databaseAtVersion(16);
  db.prepare(
    `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
     VALUES (?, 'Quarterly review', 'discovery', '2026-09-01T10:00:00.000Z', 60000, 'complete', 0, ?, '2026-09-01T10:00:00.000Z', 'p', NULL, NULL, 1)`,
  ).run(REC, Buffer.alloc(73, 4));
  // A wrapped key of migration 013 (its bytes must survive the table's rebuild unchanged).
  db.prepare("INSERT INTO artifact_keys (owner, artifact, key_epoch, wrapped_key) VALUES (?, 'tags', 0, ?)").run(REC, Buffer.alloc(89, 7));
  const row = db.prepare('INSERT INTO search_rows (id, recording_id, source, segment, start_ms, speaker, text) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const terms = db.prepare('INSERT INTO search_index (rowid, body) VALUES (?, ?)');
  const rows: [number, string, number | null, string | null, string][] = [
    [5, 'legacy', null, null, `Ask about the ${LEGACY} review`],
    [6, 'transcript', 0, 'customer', `We chose ${SPOKEN} last quarter`],
    [7, 'account', null, null, `${ACCOUNT} Industries`],
    [8, 'summary-draft', null, null, `Send the ${SUMMARY} quote`],
  ];
  for (const [id, source, segment, speaker, text] of rows) {
    row.run(id, REC, source, segment, segment === null ? null : 0, speaker, text);
    terms.run(id, text.toLowerCase());
  }
  db.prepare('DELETE FROM search_stale').run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

/** The database file decrypted page by page (a scratch copy rekeyed to no cipher), free pages included. */
function decrypted(file: string): Buffer {
  const scratch = path.join(tempDir(), 'plain.db');
  fs.copyFileSync(file, scratch);
  if (fs.existsSync(`${file}-wal`)) {
    fs.copyFileSync(`${file}-wal`, `${scratch}-wal`);
  }
  const db = new Database(scratch);
  db.pragma(`cipher='chacha20'`);
  db.pragma(`key="x'${Buffer.from(MIGRATION_TEST_KEY).toString('hex')}'"`);
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey=''`);
  db.close();
  const plain = fs.readFileSync(scratch);
  expect(plain.subarray(0, 15).toString()).toBe('SQLite format 3');
  return plain;
}

const holds = (plain: Buffer, word: string): boolean =>
  [word, word.toLowerCase()].some((w) => plain.includes(Buffer.from(w)) || plain.includes(Buffer.from(w, 'utf16le')) || plain.includes(Buffer.from(Buffer.from(w).toString('hex'))));

describe('migration 017: the hashed search index', () => {
  it('is refused without the vault\'s keys when legacy rows must be sealed, and changes nothing', () => {
    const file = schema16WithCanaries();
    expect(() => openEncryptedDatabase(file, MIGRATION_TEST_KEY, { create: false })).toThrow(/needs the unlocked vault/);
    const db = openAtVersion(file, 16);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(16);
      expect(db.prepare('SELECT count(*) FROM search_rows').pluck().get()).toBe(4);
    } finally {
      db.close();
    }
  });

  it('drops the plaintext index, seals and hashes the legacy rows, lists the recording stale, keeps keys and the summary triggers, and leaves no canary in the file', async () => {
    const file = schema16WithCanaries();
    expect(CANARIES.every((c) => holds(decrypted(file), c))).toBe(true); // control: the scan reads them before

    const { db, sealer } = await openMigrated(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search_index%'").pluck().get()).toBe(0);
      expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('search_rows')).toEqual(['id', 'recording_id', 'source', 'segment', 'start_ms', 'speaker', 'sealed']);
      // Derived rows are gone (rebuilt from the vault's own rows at the next build); the legacy row keeps its id, sealed.
      expect(db.prepare('SELECT id, source FROM search_rows').all()).toEqual([{ id: 5, source: 'legacy' }]);
      expect(db.prepare('SELECT part FROM search_scopes').pluck().all()).toEqual(['legacy']);
      expect(db.prepare('SELECT length(hash) FROM search_terms').pluck().all()).toEqual([8, 8, 8, 8, 8]); // ask, about, the, blimpquist, review: hashes only
      const writer = createSearchIndexWriter(db, sealer);
      const reader = createSearchIndexReader(db, sealer);
      expect(writer.staleRecordings()).toEqual([REC]);
      expect(reader.find(LEGACY)).toEqual([REC]);
      expect(reader.find(`${LEGACY} about`)).toEqual([REC]);
      expect(reader.find(SPOKEN)).toEqual([]);
      // The key table took the new artifact and kept the old wrapped key byte for byte.
      expect(db.prepare("SELECT hex(wrapped_key) FROM artifact_keys WHERE owner = ? AND artifact = 'tags'").pluck().get(REC)).toBe(Buffer.alloc(89, 7).toString('hex').toUpperCase());
      // A rebuild (what search-index-sync does) indexes every source again, under each source's key.
      writer.replaceRecording(REC, [
        { source: 'transcript', text: `We chose ${SPOKEN} last quarter`, segment: 0, startMs: 0, speaker: 'customer' },
        { source: 'account', text: `${ACCOUNT} Industries`, segment: null, startMs: null, speaker: null },
        { source: 'summary', text: `Send the ${SUMMARY} quote`, segment: null, startMs: null, speaker: null },
      ]);
      expect(reader.find(SPOKEN)).toEqual([REC]);
      expect(reader.find(`${ACCOUNT} industries`)).toEqual([REC]);
      expect(reader.find(LEGACY)).toEqual([REC]); // the legacy row survives rebuilds
      expect(db.prepare("SELECT part FROM search_scopes ORDER BY part").pluck().all()).toEqual(['legacy', 'metadata', 'summary', 'transcript']);
      expect(db.prepare("SELECT artifact FROM artifact_keys WHERE owner = ? ORDER BY artifact").pluck().all(REC)).toEqual(['metadata', 'notes', 'summary', 'tags', 'transcript']);
      // Migration 016's triggers (a summary version added or removed lists its recording) and 007's stay; the forget trigger is new.
      expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search_%' ORDER BY name").pluck().all()).toEqual([
        'search_forget_recording', 'search_stale_on_call_change', 'search_stale_on_notes_insert', 'search_stale_on_notes_update', 'search_stale_on_recording',
        'search_stale_on_recording_change', 'search_stale_on_summary', 'search_stale_on_summary_delete', 'search_stale_on_transcript',
      ]);
      // Deleting the recording forgets its scopes, hashes and rows.
      db.prepare('DELETE FROM recordings WHERE id = ?').run(REC);
      expect(db.prepare('SELECT (SELECT count(*) FROM search_rows) + (SELECT count(*) FROM search_scopes) + (SELECT count(*) FROM search_terms)').pluck().get()).toBe(0);
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    // The migrated file, decrypted with the database key (free pages included): no canary of any source.
    const plain = decrypted(file);
    expect(CANARIES.filter((c) => holds(plain, c))).toEqual([]);
  });

  it('finds every one of 400 distinct words of one scope (no Bloom filter false negative) and none absent', async () => {
    const { file, db: fresh } = databaseAtVersion(17);
    fresh.close();
    const { db, sealer } = await openMigrated(file);
    try {
      db.prepare(
        `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
         VALUES (?, 'Bloom', 'discovery', '2026-09-01T10:00:00.000Z', 60000, 'complete', 0, ?, '2026-09-01T10:00:00.000Z', 'p', NULL, NULL, 1)`,
      ).run(REC, Buffer.alloc(73, 4));
      const words = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}x${((i * 7919) % 997).toString(36)}`);
      const writer = createSearchIndexWriter(db, sealer);
      writer.replaceRecording(REC, Array.from({ length: 40 }, (_, s) => ({ source: 'transcript' as const, text: words.slice(s * 10, s * 10 + 10).join(' '), segment: s, startMs: s * 1_000, speaker: 'customer' })));
      const reader = createSearchIndexReader(db, sealer);
      expect(words.filter((w) => reader.find(w).length !== 1)).toEqual([]);
      expect(reader.find('absentword')).toEqual([]);
      expect(reader.find(`${words[0] ?? ''} ${words[1] ?? ''}`)).toEqual([REC]); // same segment
      expect(reader.find(`${words[0] ?? ''} ${words[10] ?? ''}`)).toEqual([]); // two segments: every word must be in one row
    } finally {
      db.close();
    }
  });
});
