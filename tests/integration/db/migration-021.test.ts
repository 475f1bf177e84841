// Migration 021: summaries bind their version in the sealed value's associated data. A vault whose
// summaries were sealed with only the recording bound (013..016) is re-sealed in place at its
// first unlock; afterwards a sealed summary moved onto another version's row does not open
// (INTEGRITY), and a value moved before the migration is not laundered into place.
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { sealedColumn } from '../../../src/platform/db/sealed-columns';
import { databaseAtVersion, MIGRATION_TEST_KEY, openMigrated, testSealer } from '../../helpers/migration-db';

const A = '21212121-0000-4000-8000-00000000000a';
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as { version: number; content: string };

/** A schema-16 vault: one recording with two summary versions sealed as 013..016 sealed them (recording only). */
async function version16Vault(options: { moveBeforeMigration?: boolean } = {}): Promise<string> {
  const { file, db } = databaseAtVersion(16);
  db.prepare(
    `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
     VALUES (?, 'Initech', 'discovery', '2026-05-01T10:00:00.000Z', 60000, 'complete', 0, x'00', '2026-05-01T10:00:00.000Z', 'p', NULL, NULL, 1)`,
  ).run(A);
  db.prepare(
    `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments, speaker_names, sealed)
     VALUES (?, 1, 'machine', 'x', 'rep', 'w', 'en', '', '', x'00')`,
  ).run(A);
  const sealer = await testSealer(db);
  const insert = db.prepare(
    `INSERT INTO summaries (recording_id, version, transcript_version, kind, drafter, reviewed_from, items, dropped, sealed, created_at, created_by)
     VALUES (?, ?, 1, ?, 'extractive', ?, 1, 0, ?, 'x', 'rep')`,
  );
  const sealedOf = (version: number) => Buffer.from(sealer.seal(A, 'summary', sealedColumn.summaryBeforeVersions, encode({ format: 1, recordingId: A, version, content: `summary v${version}` })));
  insert.run(A, 1, 'draft', null, options.moveBeforeMigration === true ? sealedOf(2) : sealedOf(1));
  insert.run(A, 2, 'reviewed', 1, sealedOf(2));
  sealer.wipe();
  db.close();
  return file;
}

const sealedRow = (db: Database.Database, version: number) => new Uint8Array(db.prepare<[number], Buffer>('SELECT sealed FROM summaries WHERE version = ?').pluck().get(version) ?? Buffer.alloc(0));

describe('migration 021: summaries bind their version', () => {
  it('re-seals each summary under its version; the values read the same; a value moved to another version is refused (INTEGRITY)', async () => {
    const file = await version16Vault();
    const { db, sealer } = await openMigrated(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(21);
      expect(decode(sealer.open(A, 'summary', sealedColumn.summary(1), sealedRow(db, 1)))).toMatchObject({ version: 1, content: 'summary v1' });
      expect(decode(sealer.open(A, 'summary', sealedColumn.summary(2), sealedRow(db, 2)))).toMatchObject({ version: 2, content: 'summary v2' });
      // The old, version-less context no longer opens them.
      expect(() => sealer.open(A, 'summary', sealedColumn.summaryBeforeVersions, sealedRow(db, 2))).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      // Versions are immutable again.
      expect(() => db.prepare('UPDATE summaries SET items = 0').run()).toThrow(/immutable/);
      // An attacker drops the trigger and moves version 2's sealed value onto version 1's row.
      db.exec('DROP TRIGGER summaries_no_update');
      db.prepare('UPDATE summaries SET sealed = (SELECT sealed FROM summaries WHERE version = 2) WHERE version = 1').run();
      expect(() => sealer.open(A, 'summary', sealedColumn.summary(1), sealedRow(db, 1))).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    } finally {
      db.close();
    }
  });

  it('leaves a value moved before the migration unconverted, so it is still refused', async () => {
    const file = await version16Vault({ moveBeforeMigration: true });
    const { db, sealer } = await openMigrated(file);
    try {
      expect(() => sealer.open(A, 'summary', sealedColumn.summary(1), sealedRow(db, 1))).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      expect(decode(sealer.open(A, 'summary', sealedColumn.summary(2), sealedRow(db, 2)))).toMatchObject({ version: 2 });
    } finally {
      db.close();
    }
  });

  it('refuses to convert without the vault keys and changes nothing', async () => {
    const file = await version16Vault();
    expect(() => openEncryptedDatabase(file, MIGRATION_TEST_KEY, { create: false })).toThrow(/needs the unlocked vault/);
    const { db } = await openMigrated(file);
    expect(db.prepare('SELECT count(*) FROM summaries').pluck().get()).toBe(2);
    db.close();
  });
});
