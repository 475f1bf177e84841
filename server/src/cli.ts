import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InvitationCreate } from '../../src/shared/team/api';
import { compose, defaultConfig, type ServerConfig } from './compose';
import { lockDataDir } from './data-lock';
import { buildApp, DEFAULT_HTTP } from './http/build-app';
import { createInvitation } from './services/members';
import { nextOrgKeyPath, orgKeyPath, writeNewSeed } from './org-key-file';
import { rotateOrgKey, type Rotation } from './services/org-key-rotation';
import { sweepExpired } from './services/shares';

const USAGE = `Usage:
  callvault-server start [--data DIR] [--port N] [--host ADDR] [--tls-cert FILE --tls-key FILE] [--policy FILE]
  callvault-server invite --role R [--team T] [--from FILE] [--data DIR]   (the email on stdin, or in FILE)
  callvault-server audit verify [--data DIR]
  callvault-server org-key rotate [--data DIR] [--new-key-file FILE]   (FILE: where the new key goes when CALLVAULT_ORG_KEY holds the current one)

The database is embedded PGlite in DIR (default ./callvault-server-data) unless DATABASE_URL names
a PostgreSQL server. Plain HTTP is served only on a loopback address; any other needs TLS.
An invitee's email is personal data, so it never goes on the command line (where the process
list and shell history would keep it): give it on standard input or in a file with --from.
Roles: rep, manager, sales-leadership, enablement, product-and-marketing, hr-and-legal, admin.`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

class UsageError extends Error {}

function config(values: { data?: string | undefined; policy?: string | undefined }): ServerConfig {
  const dataDir = path.resolve(values.data ?? 'callvault-server-data');
  return defaultConfig(dataDir, values.policy === undefined ? {} : { policyFile: path.resolve(values.policy) });
}

/** Takes the PGlite lock when the database is embedded; a PostgreSQL server needs none. */
function lockIfEmbedded(cfg: ServerConfig): () => void {
  fs.mkdirSync(cfg.dataDir, { recursive: true, mode: 0o700 });
  return cfg.databaseUrl === undefined ? lockDataDir(cfg.dataDir, cfg.clock) : () => undefined;
}

async function start(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      policy: { type: 'string' },
      'sweep-seconds': { type: 'string' },
    },
  });
  const host = values.host ?? '127.0.0.1';
  const port = Number(values.port ?? '7787');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError('--port takes a number from 0 to 65535.');
  }
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    throw new UsageError('Give both --tls-cert and --tls-key, or neither.');
  }
  const tls = values['tls-cert'] === undefined || values['tls-key'] === undefined ? undefined : { cert: fs.readFileSync(values['tls-cert']), key: fs.readFileSync(values['tls-key']) };
  if (tls === undefined && !LOOPBACK.has(host)) {
    throw new UsageError(`Refusing to serve plain HTTP on ${host}: members' tokens and keys would cross the network in clear. Give --tls-cert and --tls-key, or bind a loopback address behind a TLS-terminating proxy.`);
  }
  const cfg = config(values);
  const unlock = lockIfEmbedded(cfg);
  const ctx = await compose(cfg);
  const app = buildApp(ctx, { ...DEFAULT_HTTP, tls, logger: { level: process.env.CALLVAULT_SERVER_LOG_LEVEL ?? 'info' } });
  const sweepMs = Number(values['sweep-seconds'] ?? '60') * 1000;
  const sweep = setInterval(() => {
    sweepExpired(ctx).catch((error: unknown) => {
      app.log.error({ err: error }, 'expiry sweep failed');
    });
  }, sweepMs);
  await sweepExpired(ctx);
  const address = await app.listen({ host, port });
  const stop = () => {
    clearInterval(sweep);
    void app
      .close()
      .then(() => ctx.db.close())
      .finally(() => {
        unlock();
        process.exit(0);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Only now: whoever waits for this line may signal at once, and a signal before the handlers were
  // in place would end the process without closing (and without chaining the audit entries waiting).
  process.stdout.write(`callvault-server listening on ${address} (${ctx.db.kind})\n`);
}

/** The invitee's email from --from FILE or standard input: one line, at most 320 characters. */
async function readEmail(from: string | undefined): Promise<string> {
  let text: string;
  if (from !== undefined && from !== '-') {
    const stat = fs.statSync(from);
    if (!stat.isFile() || stat.size > 4096) {
      throw new UsageError('--from names a small text file holding the email.');
    }
    text = fs.readFileSync(from, 'utf8');
  } else {
    if (process.stdin.isTTY) {
      process.stderr.write('Email of the invitee: ');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const buffer = Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > 4096) {
        throw new UsageError('Standard input holds more than an email.');
      }
      chunks.push(buffer);
      if (process.stdin.isTTY && buffer.includes(10)) {
        break;
      }
    }
    text = Buffer.concat(chunks).toString('utf8');
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length !== 1 || lines[0] === undefined) {
    throw new UsageError('Give exactly one email, on standard input or in the --from file.');
  }
  return lines[0];
}

async function invite(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, role: { type: 'string' }, team: { type: 'string' }, from: { type: 'string' } } });
  const email = await readEmail(values.from);
  const input = InvitationCreate.safeParse({ email, role: values.role, team: values.team ?? null });
  if (!input.success) {
    throw new UsageError(`invite needs an email (stdin or --from), --role and (for reps and managers) --team: ${input.error.issues.map((i) => i.path.join('.')).join(', ')} not valid`);
  }
  const cfg = config(values);
  const unlock = lockIfEmbedded(cfg);
  try {
    const ctx = await compose(cfg);
    try {
      const { code, expiresAt, invitation, orgKey } = await createInvitation(ctx, input.data, 'cli');
      process.stdout.write(
        `Invitation (one use, until ${expiresAt}), to give the member for the app: ${invitation}\n` +
          `(server code ${code}; organisation key ${orgKey}, fingerprint ${ctx.crypto.fingerprint('signing', ctx.org.publicKey)})\n`,
      );
    } finally {
      await ctx.db.close();
    }
  } finally {
    unlock();
  }
}

async function auditVerify(args: string[]): Promise<boolean> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' } } });
  const cfg = config(values);
  const unlock = lockIfEmbedded(cfg);
  try {
    const ctx = await compose(cfg);
    try {
      const verdict = await ctx.audit.verify(ctx.db);
      // Downloads recorded but not chained yet (a server chains them within a second, or at its next start).
      const waiting = await ctx.audit.waiting(ctx.db);
      const note = waiting === 0 ? '' : ` ${waiting} more recorded, waiting to be chained (a running server chains them within a second; else at its next start).`;
      if (verdict.ok) {
        process.stdout.write(`Audit log intact: ${verdict.entries} entries.${note}\n`);
        return true;
      }
      process.stdout.write(`Audit log BROKEN (${verdict.entries} entries):\n${verdict.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return false;
    } finally {
      await ctx.db.close();
    }
  } finally {
    unlock();
  }
}

/**
 * Replaces the organisation key: the statement signed by the current key, the roster and policy
 * publication signed by the new one (services/org-key-rotation.ts). In file mode the new seed
 * replaces `org-signing.key` once the database committed; with CALLVAULT_ORG_KEY the new seed
 * goes to --new-key-file for the operator to put into every process's environment.
 */
async function orgKeyRotate(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, 'new-key-file': { type: 'string' } } });
  const cfg = config(values);
  const fromEnv = cfg.orgKeyHex !== undefined;
  const newKeyFile = values['new-key-file'];
  if (fromEnv && newKeyFile === undefined) {
    throw new UsageError('CALLVAULT_ORG_KEY holds the current organisation key, so give --new-key-file FILE: the new key is written there (owner-only) for you to put into CALLVAULT_ORG_KEY of every server process.');
  }
  if (!fromEnv && newKeyFile !== undefined) {
    throw new UsageError(`--new-key-file is for a key kept in CALLVAULT_ORG_KEY; this deployment keeps it in ${orgKeyPath(cfg.dataDir)}, which the rotation replaces.`);
  }
  const unlock = lockIfEmbedded(cfg);
  try {
    const ctx = await compose(cfg);
    try {
      const target = newKeyFile === undefined ? nextOrgKeyPath(cfg.dataDir) : path.resolve(newKeyFile);
      if (newKeyFile === undefined) {
        // Left by a rotation that did not commit (one that did was finished by compose): unused.
        fs.rmSync(target, { force: true });
      } else if (fs.existsSync(target)) {
        throw new UsageError(`${target} exists already; name a new file for the new key.`);
      }
      const next = ctx.crypto.orgSigner(writeNewSeed(ctx.crypto, target));
      let rotation: Rotation;
      try {
        rotation = await rotateOrgKey(ctx, next);
      } catch (error) {
        fs.rmSync(target, { force: true });
        throw error;
      }
      if (newKeyFile === undefined) {
        fs.renameSync(target, orgKeyPath(cfg.dataDir));
      }
      process.stdout.write(
        `Organisation key rotated (key-change statement ${rotation.sequence}).\n` +
          `  retired key: ${rotation.previousKeyFingerprint}\n  new key:     ${rotation.newKeyFingerprint}\n` +
          "The roster and policy are signed again with the new key; members' apps follow the statement at their next sync.\n" +
          (newKeyFile === undefined
            ? `The new key replaced ${orgKeyPath(cfg.dataDir)}.\n`
            : `The new key is in ${target}: put its contents into CALLVAULT_ORG_KEY for every server process and restart them (a process with the old key refuses to sign), then delete the file.\n`),
      );
    } finally {
      await ctx.db.close();
    }
  } finally {
    unlock();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'start':
        await start(rest);
        return -1; // keeps running
      case 'invite':
        await invite(rest);
        return 0;
      case 'audit':
        if (rest[0] !== 'verify') {
          throw new UsageError('audit takes one subcommand: verify.');
        }
        return (await auditVerify(rest.slice(1))) ? 0 : 1;
      case 'org-key':
        if (rest[0] !== 'rotate') {
          throw new UsageError('org-key takes one subcommand: rotate.');
        }
        await orgKeyRotate(rest.slice(1));
        return 0;
      case undefined:
      default:
        process.stdout.write(`${USAGE}\n`);
        return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
    }
  } catch (error) {
    process.stderr.write(`callvault-server: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
