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

const EXPECTED_TABLES = ['audit_head', 'audit_log', 'audit_pending', 'blobs', 'call_approval_copies', 'call_approvals', 'challenges', 'exemption_requests', 'inbox_clock', 'invitations', 'members', 'org_deletion_requests', 'org_deletion_targets', 'org_identity', 'org_key_statements', 'org_publications', 'performance_requests', 'schema_migrations', 'sessions', 'share_recipients', 'shares', 'team_hold_members', 'team_holds', 'teams'];

describe('server migrations', () => {
  it('are numbered without gaps', () => {
    expect(listMigrations().map((m) => m.version)).toEqual(listMigrations().map((_, i) => i + 1));
  });

  it('build the same schema on PGlite, apply once, and keep rows on a second run', async () => {
    const db = await openPglite(path.join(tempDir('callvault-migrate-'), 'pgdata'));
    try {
      expect(await migrate(db)).toEqual(listMigrations().map((m) => m.version));
      expect(await tables(db)).toEqual(EXPECTED_TABLES);
      await db.query("INSERT INTO teams (name, created_at) VALUES ('alpha', now())");
      expect(await migrate(db)).toEqual([]);
      expect(await db.query('SELECT name FROM teams')).toEqual([{ name: 'alpha' }]);
    } finally {
      await db.close();
    }
  });

  it('migration 2 fills the inbox columns of shares made before it, revoked ones as withdrawn', async () => {
    const db = await openPglite(path.join(tempDir('callvault-migrate-'), 'pgdata'));
    try {
      await db.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL)');
      await db.exec(listMigrations()[0]!.sql);
      await db.query("INSERT INTO schema_migrations (version, name) VALUES (1, '001_init.sql')");
      const member = '11111111-1111-4111-8111-111111111111';
      await db.query(
        `INSERT INTO members (member_id, email, role, team, signing_key, box_key, signing_fpr, box_fpr, enrolled_at) VALUES ($1, 'm@example.test', 'manager', NULL, '\\x01'::bytea, '\\x02'::bytea, 'a', 'b', now())`,
        [member],
      );
      const share = (id: string, revoked: string | null) =>
        db.query(
          `INSERT INTO shares (share_id, sender_id, manifest, signature, purpose, recording_ref, ciphertext_sha256, ciphertext_bytes, created_at, expires_at, revoked_at)
           VALUES ($1, $2, '{}', '\\x00'::bytea, 'coaching', gen_random_uuid(), '0', 1, '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', $3)`,
          [id, member, revoked],
        );
      await share('22222222-2222-4222-8222-222222222222', null);
      await share('33333333-3333-4333-8333-333333333333', '2026-01-02T00:00:00Z');
      await db.query('INSERT INTO share_recipients (share_id, member_id) SELECT share_id, $1 FROM shares', [member]);
      expect(await migrate(db)).toEqual(listMigrations().slice(1).map((m) => m.version));
      const rows = await db.query<{ share_id: string; created_at: Date; expires_at: Date; withdrawn_at: Date | null }>('SELECT share_id, created_at, expires_at, withdrawn_at FROM share_recipients ORDER BY share_id');
      expect(rows.map((r) => [r.share_id, r.created_at.toISOString(), r.expires_at.toISOString(), r.withdrawn_at?.toISOString() ?? null])).toEqual([
        ['22222222-2222-4222-8222-222222222222', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', null],
        ['33333333-3333-4333-8333-333333333333', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'],
      ]);
    } finally {
      await db.close();
    }
  });

  it('let several API processes start at once on one PostgreSQL: each migration is applied exactly once', async () => {
    const url = await freshPostgresDatabase();
    const pools = [openPostgres(url), openPostgres(url), openPostgres(url)];
    try {
      const applied = await Promise.all(pools.map((db) => migrate(db)));
      expect(applied.flat().sort((a, b) => a - b)).toEqual(listMigrations().map((m) => m.version));
      expect(await tables(pools[0]!)).toEqual(EXPECTED_TABLES);
    } finally {
      await Promise.all(pools.map((db) => db.close()));
    }
  });
});
