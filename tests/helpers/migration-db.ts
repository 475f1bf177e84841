import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { runMigrations } from '../../src/platform/db/migrations';
import { tempDir } from './temp-dir';
import { openEncryptedDatabase } from '../../src/platform/db/connection';
import { createArtifactKeyStore } from '../../src/platform/db/artifact-key-repo';
import { createCrypto } from '../../src/platform/crypto/sodium-crypto';
import { ArtifactKeys } from '../../src/platform/vault/artifact-keys';
import { RecordingKeys } from '../../src/platform/vault/recording-keys';

export const MIGRATION_TEST_KEY = new Uint8Array(32).fill(11);

/**
 * A real encrypted vault database migrated to `version` only, for a test to fill with rows through
 * that version's SQL before it migrates further (close it first, then open it the app's way).
 */
export function databaseAtVersion(version: number): { file: string; db: Database.Database } {
  const file = path.join(tempDir(), `v${version}.db`);
  const db = new Database(file);
  db.pragma(`cipher='chacha20'`);
  db.pragma(`key="x'${Buffer.from(MIGRATION_TEST_KEY).toString('hex')}'"`);
  if (runMigrations(db, version) !== version) {
    throw new Error(`could not build a database at schema ${version}`);
  }
  return { file, db };
}

/** Reopens a test database (keyed as above) and migrates it to `version` only, as an older app would have. */
export function openAtVersion(file: string, version: number): Database.Database {
  const db = new Database(file);
  db.pragma(`cipher='chacha20'`);
  db.pragma(`key="x'${Buffer.from(MIGRATION_TEST_KEY).toString('hex')}'"`);
  if (runMigrations(db, version) !== version) {
    throw new Error(`could not migrate the database to schema ${version}`);
  }
  return db;
}

/** The master key of test databases that migrate past 013 (which seals rows with artifact keys). */
export const MIGRATION_TEST_MASTER = new Uint8Array(32).fill(12);

/**
 * Opens a test database the app's way (every pending migration, 013's sealing included) with a
 * real artifact sealer under a fixed test master key; repositories built on it open what it sealed.
 */
export async function openMigrated(file: string): Promise<{ db: Database.Database; sealer: ArtifactKeys }> {
  const crypto = await createCrypto();
  const master = crypto.keyFromBytes(Uint8Array.from(MIGRATION_TEST_MASTER));
  const recordingKeys = new RecordingKeys(crypto, () => master);
  const sealerOf = (db: Database.Database): ArtifactKeys => new ArtifactKeys(crypto, recordingKeys, createArtifactKeyStore(db), () => 0);
  const db = openEncryptedDatabase(file, MIGRATION_TEST_KEY, {
    create: false,
    migrationKeys: (opened) => ({
      sealer: sealerOf(opened),
      openUnderDataKey: (recording, sealed, ad) => crypto.open(recordingKeys.unwrap(recording), sealed, ad),
    }),
  });
  return { db, sealer: sealerOf(db) };
}
