// Server migration 004 (#15): team holds and organisation-wide deletion requests, applied to a
// database that already has members (as a deployed server would), then used with real rows: the
// constraints that keep a request's status honest and rows tied to real members hold.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../server/src/db/migrate';
import { openPglite } from '../../server/src/db/pglite-db';
import { tempDir } from '../helpers/temp-dir';

const MEMBER = '11111111-1111-4111-8111-111111111111';
const HOLD = '22222222-2222-4222-8222-222222222222';
const REQUEST = '33333333-3333-4333-8333-333333333333';

describe('server migration 004', () => {
  it('adds holds and deletion requests to a database with members, and refuses rows that break its rules', async () => {
    const db = await openPglite(path.join(tempDir('callvault-migrate-'), 'pgdata'));
    try {
      await db.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL)');
      for (const m of listMigrations().filter((x) => x.version < 4)) {
        await db.exec(m.sql);
        await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      await db.query(
        `INSERT INTO members (member_id, email, role, team, signing_key, box_key, signing_fpr, box_fpr, enrolled_at) VALUES ($1, 'legal@example.test', 'hr-and-legal', NULL, '\\x01'::bytea, '\\x02'::bytea, 'a', 'b', now())`,
        [MEMBER],
      );
      expect(await migrate(db)).toEqual(listMigrations().filter((x) => x.version >= 4).map((x) => x.version));

      await db.query("INSERT INTO team_holds (hold_id, issuer_id, exemption_id, grant_text, grant_signature, created_at) VALUES ($1, $2, 'legal-hold', '{}', '\\x00'::bytea, now())", [HOLD, MEMBER]);
      await db.query('INSERT INTO team_hold_members (hold_id, member_id) VALUES ($1, $2)', [HOLD, MEMBER]);
      await db.query("INSERT INTO org_deletion_requests (request_id, filed_by, created_at, filer_copy) VALUES ($1, $2, now(), '\\x00'::bytea)", [REQUEST, MEMBER]);
      await db.query("INSERT INTO org_deletion_targets (request_id, member_id, sealed, signature, status) VALUES ($1, $2, '\\x00'::bytea, '\\x00'::bytea, 'pending')", [REQUEST, MEMBER]);
      expect(await db.query("SELECT count(*)::int AS n FROM org_deletion_targets WHERE member_id = $1 AND status = 'pending'", [MEMBER])).toEqual([{ n: 1 }]);

      await expect(db.query("UPDATE org_deletion_targets SET status = 'half-done'")).rejects.toThrow(/check constraint/);
      await expect(db.query('INSERT INTO team_hold_members (hold_id, member_id) VALUES ($1, gen_random_uuid())', [HOLD])).rejects.toThrow(/foreign key/);
      await expect(db.query("INSERT INTO org_deletion_targets (request_id, member_id, sealed, signature, status) VALUES ($1, $2, '\\x00'::bytea, '\\x00'::bytea, 'pending')", [REQUEST, MEMBER])).rejects.toThrow(/duplicate key/);
      await expect(db.query("INSERT INTO team_holds (hold_id, issuer_id, exemption_id, grant_text, grant_signature, created_at) VALUES (gen_random_uuid(), $1, 'legal-hold', '{}', NULL, now())", [MEMBER])).rejects.toThrow(/null value/);
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
