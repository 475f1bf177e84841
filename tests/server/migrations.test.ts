import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/db';
import { listMigrations, migrate } from '../../server/src/db/migrate';
import { openPostgres } from '../../server/src/db/pg-db';
import { openPglite } from '../../server/src/db/pglite-db';
import { tempDir } from '../helpers/temp-dir';
import { freshPostgresDatabase } from './helpers/test-server';

async function tables(db: Db): Promise<string[]> {
  return (await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).map((r) => r.table_name);
}

const EXPECTED_TABLES = ['audit_head', 'audit_log', 'blobs', 'challenges', 'invitations', 'members', 'performance_requests', 'schema_migrations', 'sessions', 'share_recipients', 'shares', 'teams'];

describe('server migrations', () => {
  it('are numbered without gaps', () => {
    expect(listMigrations().map((m) => m.version)).toEqual(listMigrations().map((_, i) => i + 1));
  });

  it('build the same schema on PGlite, apply once, and keep rows on a second run', async () => {
    const db = await openPglite(path.join(tempDir('callvault-migrate-'), 'pgdata'));
    try {
      expect(await migrate(db)).toEqual([1]);
      expect(await tables(db)).toEqual(EXPECTED_TABLES);
      await db.query("INSERT INTO teams (name, created_at) VALUES ('alpha', now())");
      expect(await migrate(db)).toEqual([]);
      expect(await db.query('SELECT name FROM teams')).toEqual([{ name: 'alpha' }]);
    } finally {
      await db.close();
    }
  });

  it('let several API processes start at once on one PostgreSQL: each migration is applied exactly once', async () => {
    const url = await freshPostgresDatabase();
    const pools = [openPostgres(url), openPostgres(url), openPostgres(url)];
    try {
      const applied = await Promise.all(pools.map((db) => migrate(db)));
      expect(applied.flat()).toEqual([1]);
      expect(await tables(pools[0]!)).toEqual(EXPECTED_TABLES);
    } finally {
      await Promise.all(pools.map((db) => db.close()));
    }
  });
});
