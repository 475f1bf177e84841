// Team of 200 (issue #14): 200 members enrol (invitation, key upload with proof), sign in, and
// then all 200 at once read the member directory and list their inboxes on loopback, after one
// rep has shared a clip with all 199 managers of the team (four shares of up to 50 recipients, the
// manifest's limit). p50/p99 latency and error counts per phase.
// Then sustained load, bounded in time (BENCH_LOAD_SECONDS, default 20): all 200 members loop at
// once, each syncing its inbox from its cursor (GET /v1/inbox, page after page) and fetching the
// ciphertext of a clip it holds, while the rep shares a new 64 KiB clip with the next 50 managers
// every BENCH_SHARE_EVERY_MS (default 1000): requests/s, p50/p99 per route, errors (must be 0).
// Node's fetch (undici), no load-testing dependency. Backends: see bench/team-bench-server.ts
// (PGlite; BENCH_POSTGRES=1 for a throwaway cluster; BENCH_DATABASE_URL). BENCH_MEMBERS to change 200.
import { createInvitation } from '../server/src/services/members';
import { buildShare, Member, upload, type HttpReply } from '../tests/server/helpers/team-client';
import { median, report, round } from './bench-util';
import { percentile, startBenchServer } from './team-bench-server';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 200);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const SHARE_EVERY_MS = Number(process.env.BENCH_SHARE_EVERY_MS ?? 1000);
const RECIPIENTS_PER_SHARE = 50;

const server = await startBenchServer('members');
const { ctx, base } = server;
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

// Sustained load, bounded in time.
interface RouteFigures {
  ms: number[];
  errors: number;
}
const load: Record<'inbox' | 'ciphertext' | 'share', RouteFigures> = { inbox: { ms: [], errors: 0 }, ciphertext: { ms: [], errors: 0 }, share: { ms: [], errors: 0 } };
async function measured(route: keyof typeof load, work: () => Promise<HttpReply>): Promise<HttpReply | undefined> {
  const t0 = performance.now();
  try {
    const reply = await work();
    load[route].ms.push(performance.now() - t0);
    if (reply.status !== 200) {
      load[route].errors += 1;
      return undefined;
    }
    return reply;
  } catch {
    load[route].ms.push(performance.now() - t0);
    load[route].errors += 1;
    return undefined;
  }
}
const loadStart = performance.now();
const deadline = loadStart + LOAD_SECONDS * 1000;
const loadClip = new Uint8Array(64 * 1024).fill(3);
let nextBatch = 0;
async function memberLoop(member: Member): Promise<void> {
  let cursor: string | undefined;
  const held: string[] = [];
  while (performance.now() < deadline) {
    // One sync: pages until the server says it is complete.
    for (;;) {
      const reply = await measured('inbox', () => member.get(cursor === undefined ? '/v1/inbox' : `/v1/inbox?cursor=${encodeURIComponent(cursor)}`));
      if (reply === undefined) {
        break;
      }
      const page = reply.json as { shares: { shareId: string }[]; withdrawnShareIds: string[]; cursor: string; more: boolean };
      held.push(...page.shares.map((share) => share.shareId));
      cursor = page.cursor;
      if (!page.more) {
        break;
      }
    }
    const shareId = held[Math.floor(Math.random() * held.length)];
    if (shareId !== undefined && performance.now() < deadline) {
      await measured('ciphertext', () => member.get(`/v1/shares/${shareId}/ciphertext`));
    }
  }
}
async function repShares(): Promise<void> {
  while (performance.now() + SHARE_EVERY_MS < deadline) {
    const started = performance.now();
    const batch = managers.slice(nextBatch, nextBatch + RECIPIENTS_PER_SHARE);
    nextBatch = nextBatch + RECIPIENTS_PER_SHARE >= managers.length ? 0 : nextBatch + RECIPIENTS_PER_SHARE;
    const built = buildShare(rep!, batch, loadClip, { policyHash: ctx.policy.hash });
    await measured('share', () => upload(rep!, built.body));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, SHARE_EVERY_MS - (performance.now() - started))));
  }
}
await Promise.all([...members.map((m) => memberLoop(m)), repShares()]);
const loadSeconds = (performance.now() - loadStart) / 1000;
const totalRequests = load.inbox.ms.length + load.ciphertext.ms.length + load.share.ms.length;
const loadFigures = (f: RouteFigures) => ({ requests: f.ms.length, perSecond: round(f.ms.length / loadSeconds, 1), ...figures(f.ms, f.errors) });

report('team-members', {
  backend: ctx.db.kind,
  members: members.length,
  enrol: { ...figures(enrolMs, enrolErrors), wallMs: round(enrolWallMs) },
  signIn: figures(signInMs, signInErrors),
  directoryX200: figures(directory.ms, directory.errors),
  shareTo50: { ...figures(shareMs, shareErrors), shares: shareMs.length },
  inboxX200: figures(inboxes.ms, inboxes.errors),
  load: {
    seconds: round(loadSeconds, 1),
    concurrentMembers: members.length,
    requests: totalRequests,
    perSecond: round(totalRequests / loadSeconds, 1),
    errors: load.inbox.errors + load.ciphertext.errors + load.share.errors,
    inbox: loadFigures(load.inbox),
    ciphertext: loadFigures(load.ciphertext),
    share: loadFigures(load.share),
  },
});
await server.close();
