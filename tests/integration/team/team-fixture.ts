import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import type { StoredSegment } from '../../../src/core/transcription/transcript';
import { encodeWav } from '../../../src/platform/audio/wav';
import type { RedactionReviewView, TeamStatusView, UsageRulesView } from '../../../src/shared/contract';
import { callFixture } from '../../helpers/call-fixture';
import { allFiles, tempDir } from '../../helpers/temp-dir';
import { timedSegment } from '../../helpers/timed-segment';
import { openPglite } from '../../../server/src/db/pglite-db';
import { dumpTables } from '../../server/helpers/dump-tables';
import { freePort } from '../../server/helpers/postgres-cluster';
import { runCli, startServerProcess, type ServerProcess } from '../../server/helpers/server-process';
import { Member } from '../../server/helpers/team-client';
import { freshPgliteDataDir } from '../../server/helpers/test-server';

/**
 * A real team server (`callvault-server start`, PGlite in a temp directory, loopback) and real
 * app vaults enrolled with it through the contract, as a rep's and a manager's apps would be.
 */

/** Words of the call that must reach the manager, and never the server, in any encoding. */
export const CANARY = 'Zanzibarquokka';
export const CARD_WORDS = 'four one one one one one one one one one one one one one one one';
const RATE = 16_000;

export const SEGMENTS: StoredSegment[] = [
  timedSegment('rep', 0, 4_000, `Thanks for calling about the ${CANARY} renewal today.`),
  timedSegment('customer', 4_500, 12_000, `Sure, put it on my card ${CARD_WORDS} please.`),
  timedSegment('rep', 12_500, 16_000, 'Great, I will send the order form after this call.'),
  timedSegment('customer', 16_500, 20_000, 'Perfect, talk to you next week then.'),
];

export type App = Awaited<ReturnType<typeof callFixture>>;

export interface TeamSetup {
  readonly dataDir: string;
  readonly port: number;
  server: ServerProcess;
  readonly admin: Member;
  /** An invitation code for `role` in `team`, made by the admin through the API. */
  invite(role: string, team: string | null): Promise<string>;
  /** `args`: more `callvault-server start` options, such as `--policy FILE`. */
  restart(args?: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

/** `dataDir`: where the server keeps its data, for a suite that outlives one test (temp dirs go after each). */
export async function startTeam(dataDir?: string): Promise<TeamSetup> {
  const fresh = await freshPgliteDataDir();
  if (dataDir !== undefined) {
    fs.cpSync(fresh, dataDir, { recursive: true });
  } else {
    dataDir = fresh;
  }
  const invited = runCli(['invite', '--data', dataDir, '--role', 'admin'], {}, 'admin@members.example\n');
  expect(invited.status, invited.stderr).toBe(0);
  const adminCode = /(cv1-[a-z2-7]{32})/.exec(invited.stdout)?.[1];
  expect(adminCode).toBeDefined();
  const port = await freePort();
  let server = await startServerProcess(dataDir, {}, port);
  const admin = await new Member(server.base).enroll(adminCode!);
  await admin.signIn();
  let count = 0;
  const setup: TeamSetup = {
    dataDir: dataDir,
    port,
    server,
    admin,
    async invite(role, team) {
      count += 1;
      const reply = await admin.post('/v1/admin/invitations', { email: `member${count}.${role}@members.example`, role, team });
      expect(reply.status, JSON.stringify(reply.json)).toBe(200);
      return (reply.json as { invitation: string }).invitation;
    },
    async restart(args = []) {
      server = await startServerProcess(dataDir, {}, port, args);
      setup.server = server;
    },
    async stop() {
      if (server.child.exitCode === null) {
        await server.stop();
      }
    },
  };
  return setup;
}

/** What the calling file's afterEach cleans up after each test. */
export interface TeamsPerTest {
  /** startTeam(), its server stopped after the test. */
  startTeam(dataDir?: string): Promise<TeamSetup>;
  /** Locks these apps' vaults after the test, before the servers stop. */
  lockAfter(...apps: readonly { readonly session: { lock(): void } }[]): void;
}

/**
 * Registers an afterEach in the calling file (or describe block) that locks the vaults handed to
 * `lockAfter` and then stops every team server started through `startTeam`, so that no server
 * process, vault or timer outlives its test.
 */
export function teamsPerTest(): TeamsPerTest {
  const running: TeamSetup[] = [];
  const locks: (() => void)[] = [];
  afterEach(async () => {
    for (const lock of locks.splice(0)) {
      lock();
    }
    for (const team of running.splice(0)) {
      await team.stop();
    }
  });
  return {
    async startTeam(dataDir) {
      const team = await startTeam(dataDir);
      running.push(team);
      return team;
    },
    lockAfter(...apps) {
      for (const app of apps) {
        locks.push(() => {
          app.session.lock();
        });
      }
    },
  };
}

/** A place where the server keeps something, as bytes, for canary scans. */
export interface Haystack {
  readonly where: string;
  readonly bytes: Buffer;
}

/**
 * Stops the team server and gathers all it kept: every row of every table as text (`dump`), and
 * as haystacks that dump, the server's log and each file under its data directory.
 */
export async function stoppedServerHaystacks(team: TeamSetup): Promise<{ dump: string; haystacks: Haystack[] }> {
  await team.stop();
  const db = await openPglite(path.join(team.dataDir, 'pgdata'));
  let dump: string;
  try {
    dump = await dumpTables(db);
  } finally {
    await db.close();
  }
  const haystacks = [
    { where: 'table dump', bytes: Buffer.from(dump) },
    { where: 'server log', bytes: Buffer.from(team.server.log()) },
    ...allFiles(team.dataDir).map((f) => ({ where: path.relative(team.dataDir, f.file), bytes: f.bytes })),
  ];
  return { dump, haystacks };
}

/** "NAME in WHERE" for each needle some haystack holds (an empty list: none leaked). */
export function needlesFound(needles: readonly { readonly name: string; readonly bytes: Buffer }[], haystacks: readonly Haystack[]): string[] {
  const found: string[] = [];
  for (const needle of needles) {
    for (const hay of haystacks) {
      if (hay.bytes.includes(needle.bytes)) {
        found.push(`${needle.name} in ${hay.where}`);
      }
    }
  }
  return found;
}

/** An app (real vault, real handler table) enrolled with the team server as `role` of `team`; a receiver acknowledges the usage rules unless told not to. */
export async function enrolledApp(team: TeamSetup, role: string, teamName: string | null, options: { acknowledge?: boolean } = {}): Promise<App & { status: TeamStatusView }> {
  const app = await callFixture();
  const code = await team.invite(role, teamName);
  const status = await app.call<TeamStatusView>('team.enrol', { serverUrl: team.server.base, code });
  expect(status).toMatchObject({ enrolled: true, member: { role } });
  if (role !== 'rep' && options.acknowledge !== false) {
    const rules = await app.call<UsageRulesView>('inbox.usageRules', {});
    await app.call('inbox.acknowledgeUsage', { hash: rules.hash });
  }
  return { ...app, status };
}

/** A recording in the app's vault with the hand-written transcript; reviewed unless asked not to be. */
export async function recordingWithTranscript(app: App, options: { reviewed?: boolean } = {}): Promise<string> {
  const vault = app.session.requireVault();
  const tone = Int16Array.from({ length: RATE * 22 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / RATE)));
  const file = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone, tone] }));
  const { recordingId } = importWav(vault, file, inspectImportFile(file), { title: 'Renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
  vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T00:00:00Z', createdBy: 'Rita Rep', engine: 'hand-written', language: 'en', segments: SEGMENTS });
  if (options.reviewed !== false) {
    const view = await app.call<RedactionReviewView>('redaction.review', { recordingId });
    expect(view.findings.map((f) => f.type)).toContain('CARD');
    await app.call('redaction.saveReview', { recordingId, version: 1, added: [], dismissed: [] });
  }
  return recordingId;
}
