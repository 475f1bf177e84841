import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '../../server/src/db/pglite-db';
import { openPostgres } from '../../server/src/db/pg-db';
import { BACKENDS, startTestServer, type TestServer } from './helpers/test-server';
import { buildShare, upload, type Member } from './helpers/team-client';

// Download auditing (#14): a ciphertext download records its audit entry in its own transaction
// without the audit chain's lock (audit_pending); the server chains waiting entries in batches.
// Every download is audited exactly once, the chain verifies, and shares are not held up behind
// downloads.

const clip = new Uint8Array(32 * 1024).fill(5);

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(BACKENDS)('download auditing on %s', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function team(s: TestServer, managers: number): Promise<{ rep: Member; managers: Member[] }> {
    const rep = await s.member('rep', 'alpha');
    const list: Member[] = [];
    for (let i = 0; i < managers; i += 1) {
      list.push(await s.member('manager', 'alpha'));
    }
    return { rep, managers: list };
  }

  const downloadsIn = async (s: TestServer) =>
    (await s.ctx.audit.entries(s.ctx.db)).filter((e) => e.event === 'share.downloaded').map((e) => JSON.parse(e.detail) as { share: string; member: string });

  it('audits each of many concurrent downloads exactly once, with a share among them, and the chain verifies', async () => {
    server = await startTestServer(backend);
    const s = server;
    const { rep, managers } = await team(s, 8);
    const first = buildShare(rep, managers, clip, { policyHash: s.ctx.policy.hash });
    expect((await upload(rep, first.body)).status).toBe(200);

    // 96 downloads at once (12 per manager) and, among them, the rep's next share.
    const second = buildShare(rep, managers.slice(0, 4), clip, { policyHash: s.ctx.policy.hash });
    const downloads = managers.flatMap((m) => Array.from({ length: 12 }, () => m.get(`/v1/shares/${first.shareId}/ciphertext`)));
    const [replies, shared] = await Promise.all([Promise.all(downloads), upload(rep, second.body)]);
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    expect(shared.status).toBe(200);

    // The server's chainer chains what waits, on its own, within moments.
    await until('every download is chained', async () => (await s.ctx.audit.waiting(s.ctx.db)) === 0);
    const audited = await downloadsIn(s);
    expect(audited).toHaveLength(96);
    expect(audited.every((d) => d.share === first.shareId)).toBe(true);
    const perMember = new Map<string, number>();
    for (const d of audited) {
      perMember.set(d.member, (perMember.get(d.member) ?? 0) + 1);
    }
    expect([...perMember.entries()].sort()).toEqual(managers.map((m) => [m.id, 12] as [string, number]).sort());
    const events = (await s.ctx.audit.entries(s.ctx.db)).map((e) => e.event);
    expect(events.filter((e) => e === 'share.created')).toHaveLength(2);
    expect(await s.ctx.audit.verify(s.ctx.db)).toEqual({ ok: true, entries: events.length });

    // An edited download entry, once chained, is detected like any other.
    await s.ctx.db.query(`UPDATE audit_log SET detail = '{}' WHERE seq = (SELECT max(seq) FROM audit_log WHERE event = 'share.downloaded')`);
    expect((await s.ctx.audit.verify(s.ctx.db)).ok).toBe(false);
  });

  it('records a download without the chain lock; the next chained event chains it first, in order', async () => {
    // No timed pass during the test: only the start pass and chained events chain.
    server = await startTestServer(backend, { auditChainEveryMs: 3_600_000 });
    const s = server;
    const { rep, managers } = await team(s, 1);
    const manager = managers[0]!;
    const built = buildShare(rep, [manager], clip, { policyHash: s.ctx.policy.hash });
    expect((await upload(rep, built.body)).status).toBe(200);

    if (backend === 'postgres') {
      // Another process holds the chain's lock (as one appending a link would): a download still
      // answers, and a share (a chained event) waits for the lock.
      const holder = new pg.Client({ connectionString: s.config.databaseUrl });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT pg_advisory_xact_lock(727275)');
        const download = await Promise.race([manager.get(`/v1/shares/${built.shareId}/ciphertext`), new Promise<'blocked'>((resolve) => setTimeout(() => { resolve('blocked'); }, 10_000))]);
        expect(download === 'blocked' ? 'blocked' : download.status).toBe(200);
        const next = buildShare(rep, [manager], clip, { policyHash: s.ctx.policy.hash });
        let done = false;
        const sharing = upload(rep, next.body).then((reply) => {
          done = true;
          return reply;
        });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(done).toBe(false);
        await holder.query('COMMIT');
        expect((await sharing).status).toBe(200);
      } finally {
        await holder.end();
      }
      expect(await s.ctx.audit.waiting(s.ctx.db)).toBe(0);
      expect((await downloadsIn(s)).map((d) => d.member)).toEqual([manager.id]);
    }

    // A download now waits, recorded, until the next chained event (the revocation) chains it before itself.
    expect((await manager.get(`/v1/shares/${built.shareId}/ciphertext`)).status).toBe(200);
    expect(await s.ctx.audit.waiting(s.ctx.db)).toBe(1);
    const before = (await downloadsIn(s)).length;
    expect((await rep.del(`/v1/shares/${built.shareId}`)).status).toBe(200);
    expect(await s.ctx.audit.waiting(s.ctx.db)).toBe(0);
    const events = (await s.ctx.audit.entries(s.ctx.db)).map((e) => e.event);
    expect(events.slice(-2)).toEqual(['share.downloaded', 'share.revoked']);
    expect((await downloadsIn(s)).length).toBe(before + 1);
    expect(await s.ctx.audit.verify(s.ctx.db)).toEqual({ ok: true, entries: events.length });
  });

  it('chains what waits when the server closes', async () => {
    server = await startTestServer(backend, { auditChainEveryMs: 3_600_000 });
    const s = server;
    const { rep, managers } = await team(s, 1);
    const built = buildShare(rep, managers, clip, { policyHash: s.ctx.policy.hash });
    expect((await upload(rep, built.body)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      expect((await managers[0]!.get(`/v1/shares/${built.shareId}/ciphertext`)).status).toBe(200);
    }
    expect(await s.ctx.audit.waiting(s.ctx.db)).toBe(3);
    server = undefined;
    await s.close();
    // Reopened after the server closed: the chainer chained them on the way out.
    const db = backend === 'pglite' ? await openPglite(path.join(s.config.dataDir, 'pgdata')) : openPostgres(s.config.databaseUrl!);
    try {
      expect(await s.ctx.audit.waiting(db)).toBe(0);
      expect((await s.ctx.audit.entries(db)).filter((e) => e.event === 'share.downloaded')).toHaveLength(3);
      expect((await s.ctx.audit.verify(db)).ok).toBe(true);
    } finally {
      await db.close();
    }
  });
});
