// The inbox cursor migration (#14) over a database with shares already received (as a deployed
// server would have): every recipient row gets a change sequence, withdrawn ones after the live
// ones they outlived, the clock starts past them, with a fresh epoch and a 32-byte cursor key.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations, migrate } from '../../server/src/db/migrate';
import { openPglite } from '../../server/src/db/pglite-db';
import { tempDir } from '../helpers/temp-dir';

const REP = '11111111-1111-4111-8111-111111111111';
const MANAGER = '22222222-2222-4222-8222-222222222222';
const OLD = '33333333-3333-4333-8333-333333333333';
const NEW = '44444444-4444-4444-8444-444444444444';

describe('the inbox cursor migration', () => {
  it('numbers the recipient rows a server already has and starts the clock past them', async () => {
    const db = await openPglite(path.join(tempDir('callvault-migrate-'), 'pgdata'));
    const target = listMigrations().find((m) => m.name.endsWith('_inbox_cursor.sql'))!.version;
    try {
      await db.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL)');
      for (const m of listMigrations().filter((x) => x.version < target)) {
        for (const statement of m.sql.split(/;\s*\n/).map((s) => s.replace(/--.*$/gm, '').trim()).filter((s) => s !== '')) {
          await db.query(statement);
        }
        await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      for (const [id, role] of [[REP, 'rep'], [MANAGER, 'manager']] as const) {
        await db.query(`INSERT INTO members (member_id, email, role, team, signing_key, box_key, signing_fpr, box_fpr, enrolled_at) VALUES ($1, $2, $3, NULL, $4, '\\x02'::bytea, 'a', 'b', now())`, [id, `${role}@example.test`, role, Buffer.from(id)]);
      }
      // An old share revoked yesterday, and a newer live one.
      for (const [id, ageDays, revoked] of [[OLD, 3, true], [NEW, 2, false]] as const) {
        await db.query(
          `INSERT INTO shares (share_id, sender_id, manifest, signature, purpose, recording_ref, ciphertext_sha256, ciphertext_bytes, created_at, expires_at, revoked_at)
           VALUES ($1, $2, '{}', '\\x00'::bytea, 'coaching', gen_random_uuid(), repeat('0', 64), 1, now() - ($3 || ' days')::interval, now() + interval '9 days', CASE WHEN $4 THEN now() - interval '1 day' END)`,
          [id, REP, ageDays, revoked],
        );
        await db.query('INSERT INTO share_recipients (share_id, member_id, created_at, expires_at, withdrawn_at) SELECT share_id, $2, created_at, expires_at, revoked_at FROM shares WHERE share_id = $1', [id, MANAGER]);
      }
      expect(await migrate(db)).toEqual(listMigrations().filter((x) => x.version >= target).map((x) => x.version));
      const rows = await db.query<{ share_id: string; change_seq: string | number }>('SELECT share_id, change_seq FROM share_recipients ORDER BY change_seq');
      expect(rows.map((r) => [r.share_id, Number(r.change_seq)])).toEqual([[NEW, 1], [OLD, 2]]);
      const [clock] = await db.query<{ seq: string | number; epoch: string; key_bytes: number }>('SELECT seq, epoch, length(cursor_key) AS key_bytes FROM inbox_clock');
      expect(Number(clock!.seq)).toBe(2);
      expect(clock!.epoch).toMatch(/^[0-9a-f-]{36}$/);
      expect(clock!.key_bytes).toBe(32);
      await expect(db.query('INSERT INTO inbox_clock (id, seq, epoch, cursor_key) VALUES (2, 0, gen_random_uuid(), $1)', [Buffer.alloc(32)])).rejects.toThrow(/check constraint/);
      await expect(db.query('INSERT INTO share_recipients (share_id, member_id, created_at, expires_at) VALUES ($1, $2, now(), now())', [NEW, REP])).rejects.toThrow(/null value/);
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
