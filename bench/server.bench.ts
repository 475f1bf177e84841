// Team server (issue #14): upload and download of a 10-minute clip end to end (encrypt with
// secretstream, seal the key, sign the manifest, upload, the server verifies and stores it in
// one transaction, download, verify, decrypt) against a plain HTTP copy of the same bytes
// (POST into memory, GET back) on loopback in the same run. PGlite by default;
// BENCH_DATABASE_URL=postgres://… runs it on a PostgreSQL server.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { compose, defaultConfig } from '../server/src/compose';
import { buildApp, DEFAULT_HTTP } from '../server/src/http/build-app';
import { createInvitation } from '../server/src/services/members';
import { buildShare, Member, receive, upload } from '../tests/server/helpers/team-client';
import { median, mib, report, round } from './bench-util';

const runs = Number(process.env.BENCH_RUNS ?? 5);
// 10 minutes of the vault's audio format: 16 kHz, two channels, 4-bit IMA ADPCM = 16,000 bytes/s.
const CLIP_BYTES = 10 * 60 * 16_000;
const clip = new Uint8Array(CLIP_BYTES);
for (let i = 0; i < clip.length; i += 1) {
  clip[i] = (i * 2654435761) >>> 24;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-server-bench-'));
const ctx = await compose(defaultConfig(dataDir, { databaseUrl: process.env.BENCH_DATABASE_URL, auditKeyHex: undefined }));
const app = buildApp(ctx, { ...DEFAULT_HTTP, memberRequestsPerMinute: 1_000_000 });
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const join = async (role: 'rep' | 'manager', email: string) => {
  const member = await new Member(base).enroll((await createInvitation(ctx, { email, role, team: 'bench' }, 'bench')).code);
  return member.signIn();
};
const rep = await join('rep', 'rep@bench.example');
const manager = await join('manager', 'manager@bench.example');

// The baseline: the same bytes through a bare Node HTTP server that keeps the last body.
let kept = Buffer.alloc(0);
const plain = http.createServer((request, response) => {
  if (request.method === 'POST') {
    const parts: Buffer[] = [];
    request.on('data', (d: Buffer) => parts.push(d));
    request.on('end', () => {
      kept = Buffer.concat(parts);
      response.end('{}');
    });
  } else {
    response.end(kept);
  }
});
await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
const plainAddress = plain.address();
const plainBase = `http://127.0.0.1:${typeof plainAddress === 'object' && plainAddress !== null ? plainAddress.port : 0}`;

async function sharedRoundTrip(): Promise<{ uploadMs: number; downloadMs: number; wireBytes: number }> {
  const t0 = performance.now();
  const built = buildShare(rep, [manager], clip, { policyHash: ctx.policy.hash });
  const reply = await upload(rep, built.body);
  if (reply.status !== 200) {
    throw new Error(`upload failed: ${JSON.stringify(reply.json)}`);
  }
  const t1 = performance.now();
  const got = await receive(manager, built.shareId);
  const t2 = performance.now();
  if (got.plaintext.length !== clip.length) {
    throw new Error('the clip came back wrong');
  }
  return { uploadMs: t1 - t0, downloadMs: t2 - t1, wireBytes: built.body.length };
}

async function plainRoundTrip(): Promise<{ uploadMs: number; downloadMs: number }> {
  const t0 = performance.now();
  await (await fetch(`${plainBase}/`, { method: 'POST', body: Buffer.from(clip) })).arrayBuffer();
  const t1 = performance.now();
  const back = new Uint8Array(await (await fetch(`${plainBase}/`)).arrayBuffer());
  const t2 = performance.now();
  if (back.length !== clip.length) {
    throw new Error('the plain copy came back wrong');
  }
  return { uploadMs: t1 - t0, downloadMs: t2 - t1 };
}

await sharedRoundTrip(); // warm-up
await plainRoundTrip();
const shared: Awaited<ReturnType<typeof sharedRoundTrip>>[] = [];
const baseline: Awaited<ReturnType<typeof plainRoundTrip>>[] = [];
for (let i = 0; i < runs; i += 1) {
  shared.push(await sharedRoundTrip());
  baseline.push(await plainRoundTrip());
}
const up = median(shared.map((r) => r.uploadMs));
const down = median(shared.map((r) => r.downloadMs));
const plainUp = median(baseline.map((r) => r.uploadMs));
const plainDown = median(baseline.map((r) => r.downloadMs));
report('server-clip-10min', {
  database: ctx.db.kind,
  runs,
  clipMiB: mib(CLIP_BYTES),
  wireMiB: mib(shared[0]?.wireBytes ?? 0),
  endToEndMs: { upload: round(up), download: round(down), total: round(up + down) },
  baselinePlainHttpMs: { upload: round(plainUp), download: round(plainDown), total: round(plainUp + plainDown) },
  ratioToPlainHttp: round((up + down) / (plainUp + plainDown)),
});
await app.close();
await ctx.db.close();
plain.close();
fs.rmSync(dataDir, { recursive: true, force: true });
