import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Clock } from '../../../src/core/ports/clock';
import { compose, defaultConfig, type ServerConfig } from '../../../server/src/compose';
import { migrate } from '../../../server/src/db/migrate';
import { openPglite } from '../../../server/src/db/pglite-db';
import { buildApp, DEFAULT_HTTP, type HttpOptions } from '../../../server/src/http/build-app';
import type { ServerContext } from '../../../server/src/services/context';
import { createInvitation } from '../../../server/src/services/members';
import type { RoleId } from '../../../src/shared/team/roles';
import { tempDir } from '../../helpers/temp-dir';
import { Member } from './team-client';

export type Backend = 'pglite' | 'postgres';
/** Every server test runs on both databases. */
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

/** A fresh, empty database on the suite's PostgreSQL cluster. */
export async function freshPostgresDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  const name = `cv_${randomUUID().replaceAll('-', '')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return inject('postgresUrl').replace(/\/postgres$/, `/${name}`);
}

let template: Promise<string> | undefined;

/**
 * Creating a PGlite cluster costs tens of seconds on a loaded machine; copying a migrated one
 * costs a few. Each test server gets its own copy of one migrated template.
 */
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-pglite-template-'));
    process.once('exit', () => {
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const db = await openPglite(path.join(dir, 'pgdata'));
    await migrate(db);
    await db.close();
    return path.join(dir, 'pgdata');
  })();
  return template;
}

export async function freshPgliteDataDir(): Promise<string> {
  const dataDir = tempDir('callvault-server-');
  fs.cpSync(await pgliteTemplate(), path.join(dataDir, 'pgdata'), { recursive: true });
  return dataDir;
}

/** A clock the test moves. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestServer {
  readonly base: string;
  readonly ctx: ServerContext;
  readonly clock: TestClock;
  readonly config: ServerConfig;
  invite(role: RoleId, team: string | null): Promise<string>;
  member(role: RoleId, team: string | null): Promise<Member>;
  close(): Promise<void>;
}

/**
 * The real server (compose + Fastify) listening on a loopback port, in this process. `reuse`: the
 * config of a closed test server, to start again on its data (with other overrides, such as a key).
 */
export async function startTestServer(backend: Backend, http: Partial<HttpOptions> = {}, reuse?: ServerConfig): Promise<TestServer> {
  const clock = reuse?.clock instanceof TestClock ? reuse.clock : new TestClock();
  const config =
    reuse ??
    defaultConfig(backend === 'pglite' ? await freshPgliteDataDir() : tempDir('callvault-server-'), {
      databaseUrl: backend === 'postgres' ? await freshPostgresDatabase() : undefined,
      auditKeyHex: undefined,
      clock,
    });
  const ctx = await compose(config);
  const app = buildApp(ctx, { ...DEFAULT_HTTP, memberRequestsPerMinute: 100_000, anonymousRequestsPerMinute: 100_000, ...http });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  let count = 0;
  const invite = async (role: RoleId, team: string | null) => (await createInvitation(ctx, { email: `member${++count}.${role}@example.test`, role, team }, 'test')).code;
  return {
    base,
    ctx,
    clock,
    config,
    invite,
    async member(role, team) {
      const member = new Member(base);
      await member.enroll(await invite(role, team));
      return member.signIn();
    },
    async close() {
      await app.close();
      await ctx.db.close();
    },
  };
}
