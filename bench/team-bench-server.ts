// The team server for the team benchmarks, in this process on loopback. Backends:
//   PGlite in a temp directory (default);
//   BENCH_DATABASE_URL=postgres://… : that PostgreSQL server (a fresh database is not made: give an empty one);
//   BENCH_POSTGRES=1 : a throwaway PostgreSQL cluster started the way the server tests start theirs
//     (Debian's `postgresql` package, initdb in a temp directory, a free loopback port), stopped at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { compose, defaultConfig } from '../server/src/compose';
import { buildApp, DEFAULT_HTTP } from '../server/src/http/build-app';
import type { ServerContext } from '../server/src/services/context';
import { startCluster } from '../tests/server/helpers/postgres-cluster';

export interface BenchServer {
  readonly ctx: ServerContext;
  readonly app: FastifyInstance;
  readonly base: string;
  close(): Promise<void>;
}

export async function startBenchServer(name: string): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `callvault-${name}-bench-`));
  let databaseUrl = process.env.BENCH_DATABASE_URL;
  let stopCluster: (() => void) | undefined;
  if (databaseUrl === undefined && process.env.BENCH_POSTGRES === '1') {
    const cluster = await startCluster();
    stopCluster = () => {
      cluster.stop();
    };
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    databaseUrl = cluster.url.replace(/\/postgres$/, '/bench');
  }
  const ctx = await compose(defaultConfig(dataDir, { databaseUrl, auditKeyHex: undefined }));
  // Loopback: every member comes from 127.0.0.1, so the per-identity limits are lifted for the bench.
  const app = buildApp(ctx, { ...DEFAULT_HTTP, memberRequestsPerMinute: 1_000_000_000, anonymousRequestsPerMinute: 1_000_000_000 });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    ctx,
    app,
    base,
    async close() {
      await app.close();
      await ctx.db.close();
      stopCluster?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const percentile = (values: readonly number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0;
