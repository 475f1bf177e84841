// Team inbox (issue #14): one manager holding 10,000 shared clips (2,000 of them revoked), the
// app's team client listing the inbox on loopback (sign-in once, then GET /v1/inbox, parsed with
// the API's schemas), against a plain HTTP GET of the same reply bytes in the same run.
// PGlite by default; BENCH_DATABASE_URL=postgres://… runs it on a PostgreSQL server.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { compose, defaultConfig } from '../server/src/compose';
import { buildApp, DEFAULT_HTTP } from '../server/src/http/build-app';
import { createInvitation } from '../server/src/services/members';
import { TeamClient } from '../src/platform/team/team-client';
import { Member } from '../tests/server/helpers/team-client';
import { median, report, round } from './bench-util';

const CLIPS = Number(process.env.BENCH_CLIPS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-inbox-bench-'));
const ctx = await compose(defaultConfig(dataDir, { databaseUrl: process.env.BENCH_DATABASE_URL, auditKeyHex: undefined }));
const app = buildApp(ctx, { ...DEFAULT_HTTP, memberRequestsPerMinute: 1_000_000 });
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const join = async (role: 'rep' | 'manager', email: string) => new Member(base).enroll((await createInvitation(ctx, { email, role, team: 'bench' }, 'bench')).code);
const rep = await join('rep', 'rep@bench.example');
const manager = await (await join('manager', 'manager@bench.example')).signIn();

// The rows a year of sharing leaves (no blobs: listing never reads them).
await ctx.db.query(
  `INSERT INTO shares (share_id, sender_id, manifest, signature, purpose, recording_ref, ciphertext_sha256, ciphertext_bytes, created_at, expires_at, revoked_at)
   SELECT gen_random_uuid(), $1, '{}', '\\x00'::bytea, 'coaching', gen_random_uuid(), repeat('0', 64), 100000,
          now() - (i || ' minutes')::interval, now() + interval '30 days', CASE WHEN i % 5 = 0 THEN now() ELSE NULL END
   FROM generate_series(1, ${String(CLIPS)}) AS i`,
  [rep.id],
);
await ctx.db.query('INSERT INTO share_recipients (share_id, member_id, created_at, expires_at, withdrawn_at) SELECT share_id, $1, created_at, expires_at, revoked_at FROM shares', [manager.id]);
await ctx.db.query('ANALYZE');

const client = new TeamClient(base);
const token = manager.token!;
const first = await client.inbox(token);
const replyBytes = Buffer.from(JSON.stringify(first));

const plain = http.createServer((_request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(replyBytes);
});
await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
const address = plain.address();
const plainUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;

const percentile = (values: readonly number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
const inboxMs: number[] = [];
const plainMs: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const t0 = performance.now();
  await client.inbox(token);
  const t1 = performance.now();
  await (await fetch(plainUrl)).json();
  const t2 = performance.now();
  inboxMs.push(t1 - t0);
  plainMs.push(t2 - t1);
}
report('team-inbox', {
  backend: ctx.db.kind,
  clips: CLIPS,
  listed: first.shares.length,
  withdrawnIds: first.withdrawnShareIds.length,
  replyKiB: round(replyBytes.length / 1024, 1),
  runs: RUNS,
  inboxP50Ms: round(median(inboxMs)),
  inboxP99Ms: round(percentile(inboxMs, 99)),
  plainP50Ms: round(median(plainMs)),
  plainP99Ms: round(percentile(plainMs, 99)),
  ratioP50: round(median(inboxMs) / median(plainMs), 1),
});
plain.close();
await app.close();
await ctx.db.close();
fs.rmSync(dataDir, { recursive: true, force: true });
