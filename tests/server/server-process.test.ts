import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPglite } from '../../server/src/db/pglite-db';
import type { Db } from '../../server/src/db/db';
import { openPostgres } from '../../server/src/db/pg-db';
import { allFiles } from '../helpers/temp-dir';
import { BACKENDS, freshPgliteDataDir, freshPostgresDatabase, type Backend } from './helpers/test-server';
import { runCli, startServerProcess, type ServerProcess } from './helpers/server-process';
import { buildShare, call, Member, receive, upload } from './helpers/team-client';
import { tempDir } from '../helpers/temp-dir';
import { dumpTables } from './helpers/dump-tables';

/**
 * The server as it is deployed: `callvault-server` child processes on loopback, the test
 * playing every member's app.
 */

const CANARY_WORDS = ['Zanzibarquokka', 'Philippa Quenneville', 'philippa.quenneville@canary-corp.example', 'account number 4417 9923'];
const AUDIO = Buffer.alloc(48_000);
for (let i = 0; i < AUDIO.length; i += 2) {
  AUDIO.writeInt16LE(Math.round(12_000 * Math.sin(i / 7.3)), i);
}

function clipPlaintext(): Uint8Array {
  const transcript = `Rep: thanks ${CANARY_WORDS[1]}, I will mail ${CANARY_WORDS[2]} the ${CANARY_WORDS[0]} proposal; ${CANARY_WORDS[3]}.`;
  const header = Buffer.from(JSON.stringify({ transcript }));
  return Buffer.concat([header, AUDIO]);
}

/** Each canary in the encodings a careless store or log would use. */
function canaryNeedles(): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  for (const word of CANARY_WORDS) {
    const raw = Buffer.from(word);
    out.push({ name: word, bytes: raw }, { name: `${word} (hex)`, bytes: Buffer.from(raw.toString('hex')) }, { name: `${word} (base64)`, bytes: Buffer.from(raw.toString('base64').replace(/=+$/, '')) });
  }
  const audio = AUDIO.subarray(1000, 1064);
  out.push({ name: 'audio samples', bytes: audio }, { name: 'audio samples (hex)', bytes: Buffer.from(audio.toString('hex')) }, { name: 'audio samples (base64)', bytes: Buffer.from(audio.toString('base64').slice(0, 60)) });
  return out;
}

interface Setup {
  readonly dataDir: string;
  readonly env: Record<string, string>;
  readonly backend: Backend;
}

async function setup(backend: Backend): Promise<Setup> {
  const dataDir = backend === 'pglite' ? await freshPgliteDataDir() : tempDir('callvault-server-');
  const env: Record<string, string> = backend === 'postgres' ? { DATABASE_URL: await freshPostgresDatabase() } : {};
  return { dataDir, env, backend };
}

/** Invites the admin on the command line, then the rest through the admin API. */
async function enrolTeam(s: Setup, server: ServerProcess, adminCode: string) {
  const admin = await new Member(server.base).enroll(adminCode);
  await admin.signIn();
  const join = async (role: string, team: string | null, email: string) => {
    const reply = await admin.post('/v1/admin/invitations', { email, role, team });
    expect(reply.status).toBe(200);
    const member = await new Member(server.base).enroll((reply.json as { code: string }).code);
    return member.signIn();
  };
  const rep = await join('rep', 'alpha', 'rep@members.example');
  const manager = await join('manager', 'alpha', 'manager@members.example');
  const policy = (await rep.get('/v1/policy')).json as { hash: string };
  return { admin, rep, manager, policyHash: policy.hash };
}

function inviteAdmin(s: Setup): string {
  const result = runCli(['invite', '--data', s.dataDir, '--role', 'admin'], s.env, 'admin@members.example\n');
  expect(result.status, result.stderr).toBe(0);
  const code = /(cv1-[a-z2-7]{32})/.exec(result.stdout)?.[1];
  expect(code).toBeDefined();
  return code!;
}

async function withDb<T>(s: Setup, work: (db: Db) => Promise<T>): Promise<T> {
  const db = s.backend === 'pglite' ? await openPglite(path.join(s.dataDir, 'pgdata')) : openPostgres(s.env.DATABASE_URL!);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** PGlite's database cannot be read while the server holds it: the kill comes this long after it listens. */
const KILL_AFTER_MS = 100;

/** Every row of every table as PostgreSQL prints it (bytea as \x hex). */
describe.each(BACKENDS)('the server process on %s', (backend) => {
  const running: ServerProcess[] = [];
  afterEach(async () => {
    for (const server of running.splice(0)) {
      if (server.child.exitCode === null) {
        await server.kill9();
      }
    }
  });

  it('stores and logs no word, name, email or audio sample of a shared clip', async () => {
    const s = await setup(backend);
    const adminCode = inviteAdmin(s);
    const server = await startServerProcess(s.dataDir, s.env);
    running.push(server);
    const { rep, manager, policyHash } = await enrolTeam(s, server, adminCode);

    const kept = buildShare(rep, [manager], clipPlaintext(), { policyHash });
    expect((await upload(rep, kept.body)).status).toBe(200);
    expect(Buffer.from((await receive(manager, kept.shareId)).plaintext)).toEqual(Buffer.from(clipPlaintext()));
    const revoked = buildShare(rep, [manager], clipPlaintext(), { policyHash });
    expect((await upload(rep, revoked.body)).status).toBe(200);
    expect((await rep.del(`/v1/shares/${revoked.shareId}`)).status).toBe(200);
    expect((await manager.post('/v1/performance-requests', { shareId: kept.shareId, use: 'performance-review' })).status).toBe(200);
    await server.stop();

    const dump = await withDb(s, dumpTables);
    // The dump really covers the shares: the kept share, its manifest and its ciphertext are there.
    expect(dump).toContain(kept.shareId);
    expect(dump).toContain(Buffer.from(kept.ciphertext.subarray(0, 32)).toString('hex'));
    const haystacks: { where: string; bytes: Buffer }[] = [
      { where: 'table dump', bytes: Buffer.from(dump) },
      { where: 'server log', bytes: Buffer.from(server.log()) },
    ];
    expect(server.log()).toContain('/v1/shares');
    if (backend === 'pglite') {
      for (const file of allFiles(s.dataDir)) {
        haystacks.push({ where: path.relative(s.dataDir, file.file), bytes: file.bytes });
      }
    } else {
      const pgDump = spawnSync(path.join(inject('postgresBin'), 'pg_dump'), ['--dbname', s.env.DATABASE_URL!], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
      expect(pgDump.status, pgDump.stderr.toString()).toBe(0);
      expect(pgDump.stdout.toString()).toContain(kept.shareId);
      haystacks.push({ where: 'pg_dump', bytes: pgDump.stdout });
    }
    const found: string[] = [];
    for (const needle of canaryNeedles()) {
      for (const hay of haystacks) {
        if (hay.bytes.includes(needle.bytes)) {
          found.push(`${needle.name} in ${hay.where}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('a server killed during an upload shows no half clip after restart, and loses nothing committed', async () => {
    const s = await setup(backend);
    const adminCode = inviteAdmin(s);
    let server = await startServerProcess(s.dataDir, s.env);
    running.push(server);
    const { rep, manager, policyHash } = await enrolTeam(s, server, adminCode);
    const before = buildShare(rep, [manager], clipPlaintext(), { policyHash });
    expect((await upload(rep, before.body)).status).toBe(200);

    // A 12 MiB upload, half sent, then the server is killed with SIGKILL.
    const big = buildShare(rep, [manager], Buffer.alloc(12 * 1024 * 1024, 7), { policyHash });
    const url = new URL('/v1/shares', server.base);
    const request = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${rep.token!}`, 'content-type': 'application/vnd.callvault.share', 'content-length': big.body.length } });
    const outcome = new Promise<string>((resolve) => {
      request.on('error', (error) => { resolve(error.message); });
      request.on('response', (response) => { resolve(`status ${response.statusCode ?? 0}`); });
    });
    request.write(big.body.subarray(0, big.body.length / 2));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await server.kill9();
    expect(await outcome).not.toMatch(/^status/);

    server = await startServerProcess(s.dataDir, s.env);
    running.push(server);
    await rep.signInAt(server.base);
    await manager.signInAt(server.base);
    const inbox = (await manager.get('/v1/inbox')).json as { shares: { shareId: string }[] };
    expect(inbox.shares.map((x) => x.shareId)).toEqual([before.shareId]);
    expect((await manager.get(`/v1/shares/${big.shareId}`)).status).toBe(404);
    expect(Buffer.from((await receive(manager, before.shareId)).plaintext)).toEqual(Buffer.from(clipPlaintext()));
    expect((await call(server.base, 'GET', '/v1/health')).status).toBe(200);
    await server.stop();
    await withDb(s, async (db) => {
      expect((await db.query('SELECT share_id FROM shares')).map((r) => r.share_id)).toEqual([before.shareId]);
      expect((await db.query('SELECT blob_id FROM blobs')).map((r) => r.blob_id)).toEqual([before.shareId]);
    });
    // The audit chain survived the crash intact.
    const verify = runCli(['audit', 'verify', '--data', s.dataDir], s.env);
    expect(verify.stdout).toMatch(/Audit log intact: \d+ entries/);
    expect(verify.status).toBe(0);
  });

  it('a server killed while it chains waiting audit entries leaves a verifiable chain; after a restart each is chained exactly once', async () => {
    const s = await setup(backend);
    inviteAdmin(s);
    // What a crash under load leaves: downloads recorded (each in its download's transaction) and not chained yet.
    const backlog = 20_000;
    await withDb(s, async (db) => {
      await db.query(
        `INSERT INTO audit_pending (at, event, detail) SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'share.downloaded', json_build_object('n', i)::text FROM generate_series(1, $1::int) AS i`,
        [backlog],
      );
    });
    const counts = (db: Db) =>
      db.query<{ chained: string | number; waiting: string | number }>(
        `SELECT (SELECT count(*) FROM audit_log WHERE event = 'share.downloaded') AS chained, (SELECT count(*) FROM audit_pending) AS waiting`,
      );
    // The server chains the backlog from its start, batch after batch; it is killed in the middle.
    let server = await startServerProcess(s.dataDir, s.env);
    running.push(server);
    if (backend === 'postgres') {
      await withDb(s, async (db) => {
        for (let i = 0; i < 600; i += 1) {
          if (Number((await counts(db))[0]!.chained) > 0) {
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      });
    } else {
      await new Promise((resolve) => setTimeout(resolve, KILL_AFTER_MS));
    }
    await server.kill9();
    const afterKill = await withDb(s, counts);
    const chained = Number(afterKill[0]!.chained);
    const waiting = Number(afterKill[0]!.waiting);
    // Killed part-way: some batches committed, the rest wait; none half-chained, none lost.
    expect(chained).toBeGreaterThan(0);
    expect(waiting).toBeGreaterThan(0);
    expect(chained + waiting).toBe(backlog);
    const verify = runCli(['audit', 'verify', '--data', s.dataDir], s.env);
    expect(verify.stdout).toMatch(new RegExp(`Audit log intact: \\d+ entries\\. ${waiting} more recorded, waiting to be chained`));
    expect(verify.status).toBe(0);

    // Restarted and stopped: the rest is chained, each entry exactly once.
    server = await startServerProcess(s.dataDir, s.env);
    running.push(server);
    await server.stop();
    await withDb(s, async (db) => {
      const rows = await db.query<{ detail: string }>(`SELECT detail FROM audit_log WHERE event = 'share.downloaded' ORDER BY seq`);
      const ns = rows.map((r) => (JSON.parse(r.detail) as { n: number }).n);
      expect(ns).toHaveLength(backlog);
      expect(new Set(ns).size).toBe(backlog);
      expect(Number((await counts(db))[0]!.waiting)).toBe(0);
    });
    const after = runCli(['audit', 'verify', '--data', s.dataDir], s.env);
    expect(after.stdout).toMatch(/Audit log intact: \d+ entries\.\n$/);
    expect(after.status).toBe(0);
  });

  it('audit verify reports an edited log and exits 1', async () => {
    const s = await setup(backend);
    inviteAdmin(s);
    await withDb(s, async (db) => {
      await db.query(`UPDATE audit_log SET detail = '{"by":"someone-else"}' WHERE seq = 1`);
    });
    const verify = runCli(['audit', 'verify', '--data', s.dataDir], s.env);
    expect(verify.stdout).toMatch(/BROKEN[\s\S]*entry 1 was edited/);
    expect(verify.status).toBe(1);
  });
});

describe('callvault-server start', () => {
  it('refuses plain HTTP on a non-loopback address and a data directory another server holds', () => {
    const dataDir = tempDir('callvault-server-');
    const open = runCli(['start', '--data', dataDir, '--host', '0.0.0.0', '--port', '0']);
    expect(open.status).toBe(2);
    expect(open.stderr).toMatch(/Refusing to serve plain HTTP on 0\.0\.0\.0/);
    fs.writeFileSync(path.join(dataDir, 'server.lock'), String(process.pid));
    const held = runCli(['invite', '--data', dataDir, '--role', 'admin'], {}, 'a@members.example\n');
    expect(held.status).toBe(1);
    expect(held.stderr).toMatch(/in use by process/);
  });
});
