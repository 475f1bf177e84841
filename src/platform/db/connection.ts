import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { sqliteOpenOptions } from './native-binding';
import { findDamagedTables } from './damage-report';
import { runMigrations, type MigrationKeys } from './migrations';
import { CallVaultError } from '../../shared/callvault-error';

export type Db = Database.Database;

export class DatabaseIntegrityError extends CallVaultError {
  override readonly name = 'DatabaseIntegrityError';
  constructor(
    message: string,
    /** Tables (or indexes) whose pages cannot be read, when that could be found out. */
    readonly damagedTables: readonly string[] = [],
    /** The integrity check found pages it could not read (damaged or altered), not a broken structure. */
    readonly pagesUnreadable = false,
  ) {
    super('INTEGRITY', message);
  }
}

export class DatabaseKeyError extends CallVaultError {
  override readonly name = 'DatabaseKeyError';

  constructor(message: string) {
    super('VAULT_CORRUPT', message);
  }
}

/** The only cipher the vault accepts: ChaCha20-Poly1305 authenticates every page. */
const REQUIRED_CIPHER = 'chacha20';

function sqliteCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Opens (or creates) an encrypted vault database with a raw 32-byte key, checks every page,
 * and migrates it forward. Refuses any cipher but chacha20: the CBC ciphers SQLite3MC also
 * offers would turn a flipped bit into silent garbage instead of an error.
 */
export function openEncryptedDatabase(
  file: string,
  key: Uint8Array,
  options: { readonly create: boolean; readonly migrationKeys?: (db: Db) => MigrationKeys; /** Migrate only this far (a salvage copies an old vault's rows at its own schema first). */ readonly upTo?: number },
): Db {
  if (key.length !== 32) {
    throw new DatabaseKeyError('The database key must be 32 bytes.');
  }
  if (options.create && !fs.existsSync(file)) {
    // Made here, owner-only, before SQLite sees it: SQLite gives its -wal and -shm files the
    // database file's mode, so all three start 0600 whatever the process umask is.
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  }
  const db = new Database(file, { fileMustExist: !options.create, ...sqliteOpenOptions() });
  try {
    restrictToOwner(file);
    db.pragma(`cipher='${REQUIRED_CIPHER}'`);
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    const cipher: unknown = db.pragma('cipher', { simple: true });
    if (cipher !== REQUIRED_CIPHER) {
      throw new DatabaseIntegrityError(`The vault database uses cipher "${String(cipher)}"; only ${REQUIRED_CIPHER} is accepted.`);
    }
    checkIntegrity(db);
    db.pragma('journal_mode = WAL');
    // Vaults made before the files were created 0600 are tightened here, before any new write.
    restrictToOwner(file);
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    // Sorts and temporary tables stay in memory: SQLite's temp files are not encrypted.
    db.pragma('temp_store = MEMORY');
    const keysFor = options.migrationKeys;
    runMigrations(db, options.upTo, keysFor && (() => keysFor(db)));
    return db;
  } catch (error) {
    const code = sqliteCode(error);
    const damaged = code === 'SQLITE_CORRUPT' || (error instanceof DatabaseIntegrityError && error.pagesUnreadable) ? damagedTablesOf(db) : [];
    db.close();
    if (error instanceof DatabaseIntegrityError && !error.pagesUnreadable) {
      throw error;
    }
    if (code === 'SQLITE_NOTADB') {
      throw new DatabaseKeyError('The vault database does not open with this key, or its first page is damaged.');
    }
    if (code === 'SQLITE_CORRUPT' || (error instanceof DatabaseIntegrityError && error.pagesUnreadable)) {
      const where = damaged.length > 0 ? `pages of ${damaged.join(', ')} fail their authentication check` : 'a page fails its authentication check';
      throw new DatabaseIntegrityError(`The vault database is damaged: ${where} (altered, or damaged on disk), so it cannot be opened.`, damaged);
    }
    throw error;
  }
}

function damagedTablesOf(db: Db): string[] {
  try {
    return findDamagedTables(db);
  } catch {
    return []; // The diagnosis is a courtesy; the open fails either way.
  }
}

function restrictToOwner(file: string): void {
  if (process.platform === 'win32') {
    return; // NTFS ACLs of the per-user app-data folder apply; chmod does not express them.
  }
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(name, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
  }
}

/** Reads every page, so an altered page is found now rather than on some later query. */
export function checkIntegrity(db: Db): void {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  const problems = rows.map((r) => r.integrity_check).filter((line) => line !== 'ok');
  if (problems.length > 0) {
    // A page that fails its authentication is reported by the check as unreadable (SQLite error
    // 11, SQLITE_CORRUPT) rather than thrown, depending on where the check meets it: the same damage.
    const unreadable = problems.some((line) => /unable to get the page\. error code=11\b/u.test(line));
    throw new DatabaseIntegrityError(`The vault database failed its integrity check: ${problems.slice(0, 3).join('; ')}`, [], unreadable);
  }
}

/** After deleting secrets: empty the WAL so no old page copy survives (secure_delete zeroed the freed cells). */
export function scrubAfterDelete(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
