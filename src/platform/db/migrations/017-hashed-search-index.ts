import type Database from 'better-sqlite3-multiple-ciphers';
import { MigrationError } from './migration-error';
import type { Migration, MigrationKeys } from './migration';
import { indexLegacyRow } from '../search-index-repo';

/**
 * A search index with no plaintext terms (#15 section 2, step 3). Until now `search_rows.text`
 * held each indexed piece as written and the FTS5 index its terms, inside the encrypted database
 * but under no artifact key: a copy of the vault folder taken before a destruction still showed the
 * destroyed words to whoever had the passphrase. Now:
 *
 * - `search_scopes`: rows of one recording indexed together under one artifact key (the part:
 *   transcript, summary, notes, tags, metadata; `legacy` rows, written before migration 007, are
 *   under the notes key), with a Bloom filter of its term hashes (bits set by the keyed hashes, so
 *   it says nothing without the key) that lets a query skip the scopes that cannot match without
 *   reading their pages. A scope is written once and never changed (ids are never reused), so the
 *   reader may keep its filter in memory;
 * - `search_terms` (WITHOUT ROWID): (scope, keyed hash of a normalised term, row id), the hash
 *   SipHash-2-4 (8 bytes, `ArtifactSealer.shortHash`) under the scope's search key, itself derived
 *   from the scope's artifact key and the scope id (`shortHashKey`): no term, no text;
 * - `search_rows`: the same columns and ids but `sealed` instead of `text` (XChaCha20-Poly1305
 *   under the scope's artifact key, the row's id, source, segment, start and speaker bound in).
 *
 * The FTS5 table goes (bm25 ranking with it: hits come newest call first). `artifact_keys` accepts
 * the new `metadata` artifact. Every derived row is dropped and every recording listed stale, so
 * the background build (or the first search) rebuilds the index from what the vault stores;
 * legacy rows, which have no other copy, are sealed and hashed here with the vault's keys
 * (`convert`), and a vault holding some is refused without them. The summary triggers of 016 and
 * the stale triggers of 007 stay as they are; the trigger that forgets a deleted recording is
 * recreated for the new tables.
 */
export const migration017: Migration = {
  version: 17,
  name: 'hashed search index: keyed term hashes, sealed snippets, no FTS',
  up: `
    CREATE TABLE artifact_keys_017 (
      owner       TEXT NOT NULL,
      artifact    TEXT NOT NULL CHECK (artifact IN ('transcript', 'notes', 'tags', 'summary', 'metadata')),
      key_epoch   INTEGER NOT NULL,
      wrapped_key BLOB NOT NULL,
      PRIMARY KEY (owner, artifact)
    ) STRICT;
    INSERT INTO artifact_keys_017 (owner, artifact, key_epoch, wrapped_key) SELECT owner, artifact, key_epoch, wrapped_key FROM artifact_keys;
    DROP TABLE artifact_keys;
    ALTER TABLE artifact_keys_017 RENAME TO artifact_keys;

    DROP TRIGGER search_forget_recording;
    CREATE TEMP TABLE search_legacy_017 AS SELECT id, recording_id, text FROM search_rows WHERE source = 'legacy' AND recording_id IN (SELECT id FROM recordings);
    DROP TABLE search_index;
    DROP TABLE search_rows;
    CREATE TABLE search_rows (
      id           INTEGER PRIMARY KEY,
      recording_id TEXT NOT NULL,
      source       TEXT NOT NULL CHECK (source IN ('transcript', 'title', 'account', 'participant', 'notes', 'tag', 'legacy', 'summary', 'summary-draft')),
      segment      INTEGER CHECK (segment IS NULL OR segment >= 0),
      start_ms     INTEGER,
      speaker      TEXT,
      sealed       BLOB NOT NULL
    ) STRICT;
    CREATE INDEX search_rows_recording ON search_rows(recording_id, source);
    CREATE TABLE search_scopes (
      id           INTEGER PRIMARY KEY AUTOINCREMENT,
      recording_id TEXT NOT NULL,
      part         TEXT NOT NULL CHECK (part IN ('transcript', 'summary', 'notes', 'tags', 'metadata', 'legacy')),
      bloom        BLOB NOT NULL
    ) STRICT;
    CREATE INDEX search_scopes_recording ON search_scopes(recording_id, part);
    CREATE TABLE search_terms (
      scope  INTEGER NOT NULL,
      hash   BLOB NOT NULL,
      row_id INTEGER NOT NULL,
      PRIMARY KEY (scope, hash, row_id)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER search_forget_recording AFTER DELETE ON recordings
      BEGIN
        DELETE FROM search_terms WHERE scope IN (SELECT id FROM search_scopes WHERE recording_id = old.id);
        DELETE FROM search_scopes WHERE recording_id = old.id;
        DELETE FROM search_rows WHERE recording_id = old.id;
        DELETE FROM search_stale WHERE recording_id = old.id;
      END;
    INSERT OR IGNORE INTO search_stale (recording_id) SELECT id FROM recordings;
  `,
  convert(db, keys) {
    convertLegacyRows(db, keys);
  },
};

function convertLegacyRows(db: Database.Database, keys: MigrationKeys | undefined): void {
  const legacy = db.prepare<[], { id: number; recording_id: string; text: string }>('SELECT id, recording_id, text FROM temp.search_legacy_017 ORDER BY id').all();
  db.exec('DROP TABLE temp.search_legacy_017');
  if (legacy.length === 0) {
    return;
  }
  if (keys === undefined) {
    throw new MigrationError('This vault holds search entries from an old version to seal under their own keys, which needs the unlocked vault: open it with CallVault.');
  }
  for (const row of legacy) {
    indexLegacyRow(db, keys.sealer, row.id, row.recording_id, row.text);
  }
}
