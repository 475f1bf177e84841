import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { runMigrations } from '../../src/platform/db/migrations';
import { tempDir } from './temp-dir';

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
