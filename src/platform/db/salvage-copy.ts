import Database from 'better-sqlite3-multiple-ciphers';
import { sqliteOpenOptions } from './native-binding';
import { openEncryptedDatabase, type Db } from './connection';
import { latestSchemaVersion, MigrationError, runMigrations, type MigrationKeys } from './migrations';
import { rebuildSearchIndex } from './search-index-repo';

/**
 * Rowids of one table that could not be read: their page failed its check. Gaps between rows
 * that were deleted long ago are included (they cannot be told apart); `to` is Infinity when
 * the damage runs to the end of the table.
 */
export interface LostRange {
  readonly from: number;
  readonly to: number;
}

export interface TableSalvage {
  readonly table: string;
  readonly copied: number;
  readonly lost: readonly LostRange[];
  /** Set when nothing of the table could be read (its root or schema entry is damaged). */
  readonly unreadable: string | undefined;
}

export interface DatabaseSalvage {
  readonly tables: readonly TableSalvage[];
  /** Rows kept although the row they point to was lost (consent records of a lost call, say). */
  readonly orphans: readonly { table: string; rowid: number; parent: string }[];
}

const WINDOW = 512;
/** Windows in a row with nothing readable after which a table of unknown span is taken to end. */
const QUIET_WINDOWS = 64;

function isCorrupt(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Opens a (copy of a) damaged vault database for reading, with no integrity check and no migration. */
function openDamaged(file: string, key: Uint8Array): Db {
  const db = new Database(file, { fileMustExist: true, ...sqliteOpenOptions() });
  db.pragma(`cipher='chacha20'`);
  db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
  return db;
}

// search_terms (WITHOUT ROWID, migration 017) holds keyed hashes only: derived, rebuilt with the
// index. Rows from before migration 007 ('legacy') are copied sealed, but their hashes are not, so
// a salvaged vault no longer finds them (only tests ever wrote such rows).
const DERIVED_TABLES = new Set(['search_index', 'search_stale', 'search_terms']);

/**
 * Copies every row SQLite can still read from a damaged vault database into a new one created by
 * the normal migration path with the same key. Each table is read by rowid ranges; a range that
 * hits a damaged page is split until the unreadable rowids are pinned down, so one bad page
 * loses only the rows stored on it. The source is only read.
 *
 * The new database is made at the source's schema, the rows copied into it as they are, and then
 * migrated forward with the vault's keys (`migrationKeys`), exactly as the old vault would have
 * been at its next unlock: a vault from before migration 013 (plaintext transcripts, notes, tags)
 * ends with the same sealed layout as a migrated one, never with its plaintext copied into the
 * new schema's emptied columns. Without the keys, a source that has rows to seal is refused.
 */
export function copyReadableRows(sourceFile: string, targetFile: string, key: Uint8Array, migrationKeys?: (db: Db) => MigrationKeys): DatabaseSalvage {
  const source = openDamaged(sourceFile, key);
  const version = source.pragma('user_version', { simple: true }) as number;
  if (version > latestSchemaVersion) {
    source.close();
    // Copying into this version's schema would drop what the newer one added.
    throw new MigrationError(`This vault was written by a newer CallVault (schema ${version}); salvage it with that version.`);
  }
  // A source whose schema cannot be read (0) is copied into today's schema, as before.
  const base = version >= 1 ? version : latestSchemaVersion;
  const target = openEncryptedDatabase(targetFile, key, { create: true, upTo: base });
  try {
    // Rows are copied as found; references to lost rows are reported afterwards, not refused.
    target.pragma('foreign_keys = OFF');
    const tables = target
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN (SELECT v.name || s.suffix FROM sqlite_schema v, (SELECT '_data' AS suffix UNION ALL SELECT '_idx' UNION ALL SELECT '_content' UNION ALL SELECT '_docsize' UNION ALL SELECT '_config') s WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%') ORDER BY name",
      )
      .all()
      .map((r) => r.name);
    // The full-text index and its stale list are derived from the rows they index: rebuilt, not
    // copied (copying a recording already lists it as stale, through the trigger).
    const results = tables.filter((table) => !DERIVED_TABLES.has(table)).map((table) => copyTable(source, target, table));
    if (base < latestSchemaVersion) {
      // The rows as the old app wrote them, brought forward the way an unlock would (sealing included).
      runMigrations(target, latestSchemaVersion, migrationKeys && (() => migrationKeys(target)));
    }
    rebuildSearchIndex(target);
    const orphans = target
      .prepare<[], { table: string; rowid: number; parent: string }>('SELECT "table", rowid, parent FROM pragma_foreign_key_check')
      .all();
    target.pragma('foreign_keys = ON');
    target.pragma('wal_checkpoint(TRUNCATE)');
    return { tables: results, orphans };
  } finally {
    target.close();
    source.close();
  }
}

function columnsOf(db: Db, table: string): string[] {
  return db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).map((r) => r.name);
}

function copyTable(source: Db, target: Db, table: string): TableSalvage {
  let sourceColumns: string[];
  try {
    sourceColumns = columnsOf(source, table);
  } catch (error) {
    return { table, copied: 0, lost: [], unreadable: error instanceof Error ? error.message : String(error) };
  }
  if (sourceColumns.length === 0) {
    return { table, copied: 0, lost: [], unreadable: undefined }; // A table the old schema did not have.
  }
  const wanted = new Set(sourceColumns);
  const columns = columnsOf(target, table).filter((c) => wanted.has(c));
  const list = columns.map(quote).join(', ');
  const read = source.prepare<[number, number], Record<string, unknown>>(`SELECT rowid AS "cv$rowid", ${list} FROM ${quote(table)} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`);
  // A single row is read by an equality seek, which never steps on to the next page: a range
  // scan would step from the last row of a sound page into a damaged one and fail with it.
  const readOne = source.prepare<[number], Record<string, unknown>>(`SELECT rowid AS "cv$rowid", ${list} FROM ${quote(table)} WHERE rowid = ?`);
  const write = target.prepare(`INSERT INTO ${quote(table)} (rowid, ${list}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})`);
  const lost: LostRange[] = [];
  let copied = 0;

  /** Copies what `from..to` holds; returns how many rows it found (lost ones included as 0). */
  const copyRange = (from: number, to: number): number => {
    let rows: Record<string, unknown>[];
    try {
      rows = from === to ? readOne.all(from) : read.all(from, to);
    } catch (error) {
      if (!isCorrupt(error)) {
        throw error;
      }
      if (from === to) {
        const last = lost.at(-1);
        if (last !== undefined && last.to === from - 1) {
          lost[lost.length - 1] = { from: last.from, to };
        } else {
          lost.push({ from, to });
        }
        return 0;
      }
      const middle = from + Math.floor((to - from) / 2);
      return copyRange(from, middle) + copyRange(middle + 1, to);
    }
    target.transaction(() => {
      for (const row of rows) {
        write.run(row['cv$rowid'], ...columns.map((c) => row[c]));
      }
    })();
    copied += rows.length;
    return rows.length;
  };

  const bounds = rowidBounds(source, table);
  if (bounds === 'empty') {
    return { table, copied: 0, lost: [], unreadable: undefined };
  }
  if (bounds !== 'unknown') {
    for (let from = bounds.from; from <= bounds.to; from += WINDOW) {
      copyRange(from, Math.min(bounds.to, from + WINDOW - 1));
    }
    return { table, copied, lost, unreadable: undefined };
  }
  // An edge page of the table is the damaged one, so its span is unknown: walk up from rowid 1
  // until a long stretch holds nothing readable. A lost stretch that reaches that point is
  // reported as running to the end of the table.
  let quiet = 0;
  let from = 1;
  for (; quiet < QUIET_WINDOWS; from += WINDOW) {
    const found = copyRange(from, from + WINDOW - 1);
    quiet = found > 0 ? 0 : quiet + 1;
  }
  const tail = lost.at(-1);
  const end = from - 1;
  return {
    table,
    copied,
    lost: tail !== undefined && tail.to === end ? [...lost.slice(0, -1), { from: tail.from, to: Number.POSITIVE_INFINITY }] : lost,
    unreadable: undefined,
  };
}

/** The table's rowid span, or 'unknown' when its edge pages are the damaged ones. */
function rowidBounds(db: Db, table: string): { from: number; to: number } | 'empty' | 'unknown' {
  try {
    const row = db.prepare<[], { lo: number | null; hi: number | null }>(`SELECT min(rowid) AS lo, max(rowid) AS hi FROM ${quote(table)}`).get();
    return row === undefined || row.lo === null || row.hi === null ? 'empty' : { from: row.lo, to: row.hi };
  } catch (error) {
    if (!isCorrupt(error)) {
      throw error;
    }
    return 'unknown';
  }
}
