// Incremental inbox sync (#14, server migration 005): a signed cursor over each member's change
// stream, pages of at most 400 items. On PGlite and on PostgreSQL: nothing is missed or sent
// twice across pages while shares arrive and are revoked, withdrawn ids arrive after the cursor,
// a cursor is good only for the member it was issued to, and altered, forged, malformed,
// another database's or restored-past cursors are refused with a JSON error code.
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from './helpers/test-server';
import { buildShare, errorCode, syncInbox, upload, type Member } from './helpers/team-client';
import { seedShares } from './helpers/seed-shares';

const clip = new TextEncoder().encode('redacted clip text and muted audio');

interface Page {
  shares: { shareId: string }[];
  withdrawnShareIds: string[];
  cursor: string;
  more: boolean;
}

async function page(member: Member, query: Record<string, string> = {}): Promise<Page> {
  const search = new URLSearchParams(query).toString();
  const reply = await member.get(`/v1/inbox${search === '' ? '' : `?${search}`}`);
  expect(reply.status, JSON.stringify(reply.json)).toBe(200);
  return reply.json as Page;
}

function payloadOf(cursor: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(cursor.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
function withPayload(cursor: string, change: Record<string, unknown>, key?: Uint8Array): string {
  const text = Buffer.from(JSON.stringify({ ...payloadOf(cursor), ...change })).toString('base64url');
  const tag = key === undefined ? cursor.split('.')[2]! : createHmac('sha256', key).update(`callvault-inbox-cursor-v1\n${text}`).digest('base64url');
  return `c1.${text}.${tag}`;
}

describe.each(BACKENDS)('inbox cursor on %s', (backend) => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  async function team() {
    server = await startTestServer(backend);
    const rep = await server.member('rep', 'alpha');
    const manager = await server.member('manager', 'alpha');
    return { rep, manager, policyHash: server.ctx.policy.hash };
  }

  it('pages a first sync and the syncs after it with nothing missed or sent twice while shares arrive and are revoked', async () => {
    const { rep, manager, policyHash } = await team();
    const seeded = await seedShares(server.ctx.db, rep.id, manager.id, 60, 10);
    const revokedAtStart = seeded.filter((_, i) => (i + 1) % 10 === 0);
    const delivered: string[] = [];
    const withdrawnSeen: string[] = [];
    const uploaded: string[] = [];
    const revokedDuring: string[] = [];
    // Page by 7 while the rep shares 12 clips and revokes 3 seeded ones and 2 new ones.
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const p = await page(manager, { limit: '7', ...(cursor === undefined ? {} : { cursor }) });
      pages += 1;
      expect(p.shares.length + p.withdrawnShareIds.length).toBeLessThanOrEqual(7);
      delivered.push(...p.shares.map((s) => s.shareId));
      withdrawnSeen.push(...p.withdrawnShareIds);
      cursor = p.cursor;
      if (pages <= 12) {
        const built = buildShare(rep, [manager], clip, { policyHash });
        expect((await upload(rep, built.body)).status).toBe(200);
        uploaded.push(built.shareId);
      }
      if (pages >= 3 && pages <= 7) {
        // Seeded ones before and after the pages reached them, and new ones.
        const target = pages % 2 === 1 ? seeded[pages * 7 + 2]! : uploaded[pages - 3]!;
        expect((await rep.del(`/v1/shares/${target}`)).status).toBe(200);
        revokedDuring.push(target);
      }
      if (!p.more) {
        break;
      }
    }
    expect(pages).toBeGreaterThanOrEqual(9);
    // Then a later sync after the rest of the activity.
    const more = buildShare(rep, [manager], clip, { policyHash });
    expect((await upload(rep, more.body)).status).toBe(200);
    uploaded.push(more.shareId);
    const later = await syncInbox(manager, cursor, 5);
    delivered.push(...later.shares.map((s) => s.shareId));
    withdrawnSeen.push(...later.withdrawnShareIds);

    // No share twice; every share ever live was delivered unless it was withdrawn first; never one revoked at the start.
    expect(new Set(delivered).size).toBe(delivered.length);
    const revoked = new Set([...revokedAtStart, ...revokedDuring]);
    const live = [...seeded, ...uploaded].filter((id) => !revoked.has(id));
    expect(delivered).toEqual(expect.arrayContaining(live));
    for (const id of revokedAtStart) {
      expect(delivered).not.toContain(id);
    }
    // A share revoked after it was delivered is withdrawn in a later page or sync; the app ends with exactly the live set.
    for (const id of revokedDuring.filter((x) => delivered.includes(x))) {
      expect(withdrawnSeen).toContain(id);
    }
    const app = new Set<string>();
    for (const id of delivered) {
      app.add(id);
    }
    for (const id of withdrawnSeen) {
      app.delete(id);
    }
    expect([...app].sort()).toEqual([...live].sort());
    // Nothing changed since: an empty page, complete, with a cursor that still works.
    const quiet = await page(manager, { cursor: later.cursor });
    expect(quiet).toMatchObject({ shares: [], withdrawnShareIds: [], more: false });
    expect((await page(manager, { cursor: quiet.cursor })).more).toBe(false);
  });

  it('another member cannot read an inbox with its cursor, and refuses altered, forged and malformed cursors with a JSON error code', async () => {
    const { rep, manager, policyHash } = await team();
    const other = await server.member('manager', 'alpha');
    const built = buildShare(rep, [manager], clip, { policyHash });
    expect((await upload(rep, built.body)).status).toBe(200);
    const first = await page(manager);
    expect(first.shares.map((s) => s.shareId)).toEqual([built.shareId]);
    const done = await page(manager, { cursor: first.cursor });
    expect(done.more).toBe(false);
    // Another member holding this member's cursors sees nothing of this inbox.
    for (const stolen of [first.cursor, done.cursor, withPayload(first.cursor, { s: '0' })]) {
      const reply = await other.get(`/v1/inbox?cursor=${encodeURIComponent(stolen)}`);
      expect([reply.status, errorCode(reply)]).toEqual([400, 'CURSOR_INVALID']);
      expect(JSON.stringify(reply.json)).not.toContain(built.shareId);
    }
    // Re-signed for the other member under a key that is not the server's: refused too.
    const forged = withPayload(first.cursor, { m: other.id, s: '0' }, new Uint8Array(32).fill(9));
    expect(errorCode(await other.get(`/v1/inbox?cursor=${encodeURIComponent(forged)}`))).toBe('CURSOR_INVALID');
    // Altered by the member it was issued to (back to the start of a delta, to read withdrawn history): refused.
    const altered = withPayload(done.cursor, { s: '0', u: '0' });
    const bad = [altered, 'garbage', 'c1..', `c1.${'A'.repeat(40)}.${'B'.repeat(43)}`, done.cursor.slice(0, -2), `${done.cursor}x`, 'c1.e30.' + 'A'.repeat(43)];
    for (const cursor of bad) {
      const reply = await manager.get(`/v1/inbox?cursor=${encodeURIComponent(cursor)}`);
      expect([reply.status, errorCode(reply)], cursor).toEqual([400, 'CURSOR_INVALID']);
      expect((reply.json as { error: { message: string } }).error.message).toMatch(/list the inbox without a cursor/);
    }
    // Too long, pages of 500 or more, and non-numbers: refused by the schema.
    for (const query of [`cursor=${'A'.repeat(600)}`, 'limit=500', 'limit=0', 'limit=x', 'unknown=1']) {
      const reply = await manager.get(`/v1/inbox?${query}`);
      expect([reply.status, errorCode(reply)], query).toEqual([400, 'BAD_REQUEST']);
    }
    expect((await page(manager, { limit: '400' })).shares).toHaveLength(1);
  });

  it('a cursor from another or a restored database is refused with CURSOR_RESET, and a sync from the start works again', async () => {
    const { rep, manager, policyHash } = await team();
    await seedShares(server.ctx.db, rep.id, manager.id, 5);
    const synced = await syncInbox(manager);
    expect(synced.shares).toHaveLength(5);
    // Restored from a backup taken before this cursor: the clock is behind it.
    await server.ctx.db.query('UPDATE inbox_clock SET seq = seq - 3');
    const restored = await manager.get(`/v1/inbox?cursor=${encodeURIComponent(synced.cursor)}`);
    expect([restored.status, errorCode(restored)]).toEqual([410, 'CURSOR_RESET']);
    await server.ctx.db.query('UPDATE inbox_clock SET seq = seq + 3');
    expect((await page(manager, { cursor: synced.cursor })).more).toBe(false);
    // Another database (or this one reset): another epoch.
    await server.ctx.db.query('UPDATE inbox_clock SET epoch = gen_random_uuid()');
    const reset = await manager.get(`/v1/inbox?cursor=${encodeURIComponent(synced.cursor)}`);
    expect([reset.status, errorCode(reset)]).toEqual([410, 'CURSOR_RESET']);
    const built = buildShare(rep, [manager], clip, { policyHash });
    expect((await upload(rep, built.body)).status).toBe(200);
    expect((await syncInbox(manager)).shares).toHaveLength(6);
  });

  it('pages hold at most the limit (200 by default), walk an index, and the OpenAPI document names the cursor', async () => {
    const { rep, manager } = await team();
    await seedShares(server.ctx.db, rep.id, manager.id, 450, 9);
    const first = await page(manager);
    expect(first.shares).toHaveLength(200);
    expect(first.more).toBe(true);
    const all = await syncInbox(manager);
    expect(all.shares).toHaveLength(400);
    expect(all.pages).toBe(4);
    await server.ctx.db.query('ANALYZE');
    for (const full of [true, false]) {
      const plan = (
        await server.ctx.db.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT r.share_id FROM share_recipients r WHERE r.member_id = $1 ${full ? 'AND r.withdrawn_at IS NULL' : ''} AND (r.change_seq, r.share_id) > (0::bigint, '00000000-0000-0000-0000-000000000000'::uuid) ORDER BY r.change_seq, r.share_id LIMIT 200`,
          [manager.id],
        )
      )
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).toMatch(full ? /share_recipients_live_changes/ : /share_recipients_changes/);
      expect(plan).not.toMatch(/Sort/);
    }
    const document = (await manager.get('/v1/openapi.json')).json as { paths: Record<string, { get?: { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> } }> };
    const inbox = document.paths['/v1/inbox']!.get!;
    expect(inbox.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'cursor', in: 'query' }), expect.objectContaining({ name: 'limit', in: 'query' })]));
    expect(JSON.stringify(inbox.responses)).toMatch(/"more"/);
  });

  it.runIf(backend === 'postgres')('a share committed late behind the clock is not skipped by a sync that ran meanwhile', async () => {
    const { rep, manager, policyHash } = await team();
    const before = await syncInbox(manager);
    // A writer takes the next change sequence and holds its transaction open; a real upload queues behind it.
    const writer = new pg.Client({ connectionString: server.config.databaseUrl });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      const [late] = (
        await writer.query<{ share_id: string }>(
          `WITH c AS (UPDATE inbox_clock SET seq = seq + 1 WHERE id = 1 RETURNING seq),
           s AS (INSERT INTO shares (share_id, sender_id, manifest, signature, purpose, recording_ref, ciphertext_sha256, ciphertext_bytes, created_at, expires_at)
                 VALUES (gen_random_uuid(), $1, '{}', '\\x00'::bytea, 'coaching', gen_random_uuid(), repeat('0', 64), 1, now(), now() + interval '1 day') RETURNING share_id, created_at, expires_at)
           INSERT INTO share_recipients (share_id, member_id, created_at, expires_at, change_seq) SELECT s.share_id, $2, s.created_at, s.expires_at, c.seq FROM s, c RETURNING share_id`,
          [rep.id, manager.id],
        )
      ).rows;
      const built = buildShare(rep, [manager], clip, { policyHash });
      const uploading = upload(rep, built.body);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Meanwhile the manager syncs: neither is visible yet, and the cursor must not pass them.
      const during = await syncInbox(manager, before.cursor);
      expect(during.shares).toEqual([]);
      await writer.query('COMMIT');
      expect((await uploading).status).toBe(200);
      const after = await syncInbox(manager, during.cursor);
      expect(after.shares.map((s) => s.shareId).sort()).toEqual([late!.share_id, built.shareId].sort());
    } finally {
      await writer.end();
    }
  });
});
