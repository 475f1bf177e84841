// Team inbox (issue #14): one manager holding 10,000 shared clips (2,000 of them revoked), the
// app's team client syncing the inbox on loopback (sign-in once, then GET /v1/inbox, parsed with
// the API's schemas), against a plain HTTP GET of the same reply bytes in the same run:
//   (a) the first page of a first sync (no cursor: 200 live shares);
//   (b) an incremental sync from the kept cursor after BENCH_NEW (default 20) new shares and one
//       revocation: every page until the server says it is complete.
// Sequential requests from one client after BENCH_WARMUP (default 50) untimed ones; BENCH_RUNS
// (default 100; 2,000 for a robust p99) timed ones of each. The load average is reported with the
// figures, and the p99 ratio against the same-run plain copy, which the machine's load cancels from.
// Backends: see bench/team-bench-server.ts (PGlite; BENCH_POSTGRES=1; BENCH_DATABASE_URL).
import http from 'node:http';
import os from 'node:os';
import { createInvitation } from '../server/src/services/members';
import { TeamClient } from '../src/platform/team/team-client';
import { Member } from '../tests/server/helpers/team-client';
import { seedShares } from '../tests/server/helpers/seed-shares';
import { median, report, round } from './bench-util';
import { percentile, startBenchServer } from './team-bench-server';

const CLIPS = Number(process.env.BENCH_CLIPS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const NEW = Number(process.env.BENCH_NEW ?? 20);
/** Untimed requests before each measured series (connections, prepared statements, JIT). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const loadAtStart = os.loadavg().map((n) => round(n, 1));

const server = await startBenchServer('inbox');
const { ctx, base } = server;
const join = async (role: 'rep' | 'manager', email: string) => new Member(base).enroll((await createInvitation(ctx, { email, role, team: 'bench' }, 'bench')).code);
const rep = await join('rep', 'rep@bench.example');
const manager = await (await join('manager', 'manager@bench.example')).signIn();

// The rows a year of sharing leaves, with their change sequence (no blobs: listing never reads them).
await seedShares(ctx.db, rep.id, manager.id, CLIPS, 5);
await ctx.db.query('ANALYZE');

const client = new TeamClient(base);
const token = manager.token!;

/** A plain server that answers every GET with the bytes it was last given. */
let plainBytes = Buffer.alloc(0);
const plain = http.createServer((_request, response) => {
  response.setHeader('content-type', 'application/json');
  response.end(plainBytes);
});
await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
const address = plain.address();
const plainUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;
const plainGet = async () => (await fetch(plainUrl)).json();

// The app's first sync, complete, to get the cursor incremental syncs start from.
async function syncFrom(cursor: string | undefined): Promise<{ cursor: string; shares: number; withdrawn: number; pages: number; bytes: number }> {
  let shares = 0;
  let withdrawn = 0;
  let bytes = 0;
  for (let pages = 1; ; pages += 1) {
    const page = await client.inbox(token, cursor);
    shares += page.shares.length;
    withdrawn += page.withdrawnShareIds.length;
    bytes += JSON.stringify(page).length;
    cursor = page.cursor;
    if (!page.more) {
      return { cursor, shares, withdrawn, pages, bytes };
    }
  }
}
const firstSyncStart = performance.now();
const firstSync = await syncFrom(undefined);
const firstSyncMs = performance.now() - firstSyncStart;

// (a) First page.
const firstPage = await client.inbox(token);
plainBytes = Buffer.from(JSON.stringify(firstPage));
const firstPageBytes = plainBytes.length;
for (let i = 0; i < WARMUP; i += 1) {
  await client.inbox(token);
  await plainGet();
}
const pageMs: number[] = [];
const pagePlainMs: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const t0 = performance.now();
  await client.inbox(token);
  const t1 = performance.now();
  await plainGet();
  pageMs.push(t1 - t0);
  pagePlainMs.push(performance.now() - t1);
}

// (b) Incremental sync after NEW new shares and a revocation (those writes are not timed).
let cursor = firstSync.cursor;
const liveIds = (await ctx.db.query<{ share_id: string }>('SELECT share_id FROM share_recipients WHERE member_id = $1 AND withdrawn_at IS NULL LIMIT $2', [manager.id, RUNS + 1])).map((r) => r.share_id);
for (let i = 0; i < WARMUP; i += 1) {
  await syncFrom(cursor);
}
const deltaMs: number[] = [];
const deltaPlainMs: number[] = [];
let deltaShape = { shares: 0, withdrawn: 0, pages: 0, bytes: 0 };
for (let i = 0; i < RUNS; i += 1) {
  await seedShares(ctx.db, rep.id, manager.id, NEW);
  await ctx.db.transaction(async (tx) => {
    const [tick] = await tx.query<{ seq: string }>('UPDATE inbox_clock SET seq = seq + 1 WHERE id = 1 RETURNING seq');
    await tx.query('UPDATE shares SET revoked_at = now() WHERE share_id = $1', [liveIds[i]!]);
    await tx.query('UPDATE share_recipients SET withdrawn_at = now(), change_seq = $2 WHERE share_id = $1', [liveIds[i]!, tick!.seq]);
  });
  const t0 = performance.now();
  const synced = await syncFrom(cursor);
  const t1 = performance.now();
  cursor = synced.cursor;
  deltaShape = { shares: synced.shares, withdrawn: synced.withdrawn, pages: synced.pages, bytes: synced.bytes };
  plainBytes = Buffer.from(JSON.stringify({ pad: 'x'.repeat(Math.max(0, synced.bytes - 10)) }));
  // The plain baseline: as many GETs as the sync took pages, of the same total size.
  const t2 = performance.now();
  for (let p = 0; p < synced.pages; p += 1) {
    await plainGet();
  }
  deltaMs.push(t1 - t0);
  deltaPlainMs.push(performance.now() - t2);
}

/** p50/p99/max of a series against its same-run plain baseline; the p99 ratio is what the machine's load cancels out of. */
const versus = (ms: number[], plainMs: number[]) => ({
  p50Ms: round(median(ms)),
  p99Ms: round(percentile(ms, 99)),
  maxMs: round(Math.max(...ms)),
  plainP50Ms: round(median(plainMs)),
  plainP99Ms: round(percentile(plainMs, 99)),
  plainMaxMs: round(Math.max(...plainMs)),
  ratioP50: round(median(ms) / median(plainMs), 1),
  ratioP99: round(percentile(ms, 99) / percentile(plainMs, 99), 1),
});

report('team-inbox', {
  backend: ctx.db.kind,
  clips: CLIPS,
  runs: RUNS,
  firstSync: { pages: firstSync.pages, shares: firstSync.shares, withdrawnIds: firstSync.withdrawn, ms: round(firstSyncMs) },
  firstPage: {
    items: firstPage.shares.length + firstPage.withdrawnShareIds.length,
    replyKiB: round(firstPageBytes / 1024, 1),
    ...versus(pageMs, pagePlainMs),
  },
  incremental: {
    newShares: NEW,
    lastSync: deltaShape,
    inboxAtEnd: CLIPS + RUNS * NEW,
    ...versus(deltaMs, deltaPlainMs),
  },
  loadAverage: { start: loadAtStart, end: os.loadavg().map((n) => round(n, 1)) },
});
plain.close();
await server.close();
