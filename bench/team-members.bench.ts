// Team of 200 (issue #14): 200 members enrol (invitation, key upload with proof), sign in, and
// then all 200 at once read the member directory and list their inboxes on loopback, after one
// rep has shared a clip with all 199 managers of the team (four shares of up to 50 recipients, the
// manifest's limit). p50/p99 latency and error counts per phase. PGlite by default;
// BENCH_DATABASE_URL=postgres://… runs it on a PostgreSQL server. BENCH_MEMBERS to change 200.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compose, defaultConfig } from '../server/src/compose';
import { buildApp, DEFAULT_HTTP } from '../server/src/http/build-app';
import { createInvitation } from '../server/src/services/members';
import { buildShare, Member, upload, type HttpReply } from '../tests/server/helpers/team-client';
import { median, report, round } from './bench-util';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 200);
const RECIPIENTS_PER_SHARE = 50;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-members-bench-'));
const ctx = await compose(defaultConfig(dataDir, { databaseUrl: process.env.BENCH_DATABASE_URL, auditKeyHex: undefined }));
// Loopback: every member comes from 127.0.0.1, so the per-identity limits are lifted for the bench.
const app = buildApp(ctx, { ...DEFAULT_HTTP, memberRequestsPerMinute: 1_000_000, anonymousRequestsPerMinute: 1_000_000 });
const base = await app.listen({ host: '127.0.0.1', port: 0 });

const percentile = (values: readonly number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
async function timed<T>(work: () => Promise<T>, into: number[]): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    into.push(performance.now() - t0);
  }
}
const figures = (ms: number[], errors: number) => ({ p50Ms: round(median(ms)), p99Ms: round(percentile(ms, 99)), errors });

// Invitations are an admin's job (the CLI); enrolment, 200 at once, is the members' apps.
const codes: { role: 'rep' | 'manager'; code: string }[] = [];
for (let i = 0; i < MEMBERS; i += 1) {
  const role = i === 0 ? 'rep' : 'manager';
  codes.push({ role, code: (await createInvitation(ctx, { email: `member${String(i)}@bench.example`, role, team: 'bench' }, 'bench')).code });
}
const enrolMs: number[] = [];
let enrolErrors = 0;
const enrolStart = performance.now();
const members = (
  await Promise.all(
    codes.map(({ code }) =>
      timed(() => new Member(base).enroll(code), enrolMs).catch(() => {
        enrolErrors += 1;
        return undefined;
      }),
    ),
  )
).filter((m): m is Member => m !== undefined);
const enrolWallMs = performance.now() - enrolStart;

const signInMs: number[] = [];
let signInErrors = 0;
await Promise.all(
  members.map((m) =>
    timed(() => m.signIn(), signInMs).catch(() => {
      signInErrors += 1;
    }),
  ),
);

async function everyone(pathName: string): Promise<{ ms: number[]; errors: number }> {
  const ms: number[] = [];
  let errors = 0;
  await Promise.all(
    members.map(async (m) => {
      const reply: HttpReply = await timed(() => m.get(pathName), ms);
      if (reply.status !== 200) {
        errors += 1;
      }
    }),
  );
  return { ms, errors };
}
// Warm-up, then measured rounds.
await everyone('/v1/directory');
const directory = { ms: [] as number[], errors: 0 };
for (let round_ = 0; round_ < 3; round_ += 1) {
  const r = await everyone('/v1/directory');
  directory.ms.push(...r.ms);
  directory.errors += r.errors;
}

const [rep, ...managers] = members;
const shareMs: number[] = [];
let shareErrors = 0;
const clip = new Uint8Array(256 * 1024).fill(7);
for (let i = 0; i < managers.length; i += RECIPIENTS_PER_SHARE) {
  const built = buildShare(rep!, managers.slice(i, i + RECIPIENTS_PER_SHARE), clip, { policyHash: ctx.policy.hash });
  const reply = await timed(() => upload(rep!, built.body), shareMs);
  if (reply.status !== 200) {
    shareErrors += 1;
  }
}
const inboxes = { ms: [] as number[], errors: 0 };
for (let round_ = 0; round_ < 3; round_ += 1) {
  const r = await everyone('/v1/inbox');
  inboxes.ms.push(...r.ms);
  inboxes.errors += r.errors;
}

report('team-members', {
  backend: ctx.db.kind,
  members: members.length,
  enrol: { ...figures(enrolMs, enrolErrors), wallMs: round(enrolWallMs) },
  signIn: figures(signInMs, signInErrors),
  directoryX200: figures(directory.ms, directory.errors),
  shareTo50: { ...figures(shareMs, shareErrors), shares: shareMs.length },
  inboxX200: figures(inboxes.ms, inboxes.errors),
});
await app.close();
await ctx.db.close();
fs.rmSync(dataDir, { recursive: true, force: true });
