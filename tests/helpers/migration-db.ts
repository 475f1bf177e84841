import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { runMigrations, type MigrationKeys } from '../../src/platform/db/migrations';
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
  const { crypto, recordingKeys, sealerOf } = await testKeys();
  const db = openEncryptedDatabase(file, MIGRATION_TEST_KEY, { create: false, migrationKeys: (opened) => migrationKeysOf(opened, crypto, recordingKeys, sealerOf) });
  return { db, sealer: sealerOf(db) };
}

/** The vault keys a migration is given, for a test database (the same master key as `openMigrated`). */
export async function testMigrationKeys(): Promise<(db: Database.Database) => MigrationKeys> {
  const { crypto, recordingKeys, sealerOf } = await testKeys();
  return (db) => migrationKeysOf(db, crypto, recordingKeys, sealerOf);
}

/** An artifact sealer on a test database at any schema from 013 on, under the test master key. */
export async function testSealer(db: Database.Database): Promise<ArtifactKeys> {
  return (await testKeys()).sealerOf(db);
}

async function testKeys() {
  const crypto = await createCrypto();
  const master = crypto.keyFromBytes(Uint8Array.from(MIGRATION_TEST_MASTER));
  const recordingKeys = new RecordingKeys(crypto, () => master);
  const sealerOf = (db: Database.Database): ArtifactKeys => new ArtifactKeys(crypto, recordingKeys, createArtifactKeyStore(db), () => 0);
  return { crypto, recordingKeys, sealerOf };
}

function migrationKeysOf(db: Database.Database, crypto: Awaited<ReturnType<typeof createCrypto>>, recordingKeys: RecordingKeys, sealerOf: (db: Database.Database) => ArtifactKeys): MigrationKeys {
  return {
    sealer: sealerOf(db),
    openUnderDataKey: (recording, sealed, ad) => crypto.open(recordingKeys.unwrap(recording), sealed, ad),
  };
}
