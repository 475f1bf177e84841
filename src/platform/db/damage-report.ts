import type { Db } from './connection';

function isCorrupt(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB';
}

/**
 * Names what cannot be read in full: each table and index is walked page by page (dbstat), so a
 * page that fails its authentication names its table. SQLite does not report the page number
 * through this driver; the table is what a person can act on.
 */
export function findDamagedTables(db: Db): string[] {
  let names: string[];
  try {
    names = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index') AND rootpage > 0 ORDER BY name").all().map((r) => r.name);
  } catch (error) {
    if (isCorrupt(error)) {
      return ['the schema (first pages)'];
    }
    throw error;
  }
  const probe = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM dbstat WHERE name = ?');
  // Shadow tables of the full-text index are named after it.
  const damaged = names.filter((name) => {
    try {
      probe.get(name);
      return false;
    } catch (error) {
      if (isCorrupt(error)) {
        return true;
      }
      throw error;
    }
  });
  return [...new Set(damaged.map((name) => name.replace(/^sqlite_autoindex_(.+)_\d+$/, 'index of $1').replace(/^(search_index)_(data|idx|content|docsize|config)$/, '$1')))];
}

