import fs from 'node:fs';
import path from 'node:path';
import { hashPolicy } from '../../src/core/policy/policy-hash';
import { parsePolicy } from '../../src/core/policy/parse-policy';
import type { Clock } from '../../src/core/ports/clock';
import { databaseBlobStore } from './blob/blob-store';
import { loadServerCrypto, type OrgSigner } from './crypto/server-crypto';
import { ORG_KEY_FILE, orgSignerInForce } from './org-key-file';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { openPostgres } from './db/pg-db';
import { openPglite } from './db/pglite-db';
import { AuditLog } from './services/audit-log';
import { DEFAULT_LIMITS, type Limits, type LoadedPolicy, type ServerContext } from './services/context';

export const DEFAULT_POLICY_FILE = path.resolve(import.meta.dirname, '..', '..', 'resources', 'policy', 'default-policy.yaml');

export interface ServerConfig {
  /** Data directory: PGlite's database (when no databaseUrl) and the audit key file. */
  readonly dataDir: string;
  /** postgres://… for a PostgreSQL server; undefined for embedded PGlite in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly policyFile: string;
  /** 64 hex digits; several API processes on one database must share it. Else `<data>/audit.key`. */
  readonly auditKeyHex: string | undefined;
  /** The admin key's seed, 64 hex digits; every process of one deployment shares it. Else `<data>/org-signing.key`. */
  readonly orgKeyHex: string | undefined;
  readonly limits: Limits;
  readonly clock: Clock;
}

export function defaultConfig(dataDir: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    dataDir,
    databaseUrl: process.env.DATABASE_URL,
    policyFile: DEFAULT_POLICY_FILE,
    auditKeyHex: process.env.CALLVAULT_AUDIT_KEY,
    orgKeyHex: process.env.CALLVAULT_ORG_KEY,
    limits: DEFAULT_LIMITS,
    clock: { now: () => new Date() },
    ...overrides,
  };
}

export async function openDatabase(config: ServerConfig): Promise<Db> {
  const db = config.databaseUrl === undefined ? await openPglite(path.join(config.dataDir, 'pgdata')) : openPostgres(config.databaseUrl);
  await migrate(db);
  return db;
}

function loadPolicy(file: string): LoadedPolicy {
  const text = fs.readFileSync(file, 'utf8');
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    throw new Error(`The policy file ${file} is not valid: ${parsed.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
  return { policy: parsed.policy, hash: hashPolicy(parsed.policy), text };
}

/** A 32-byte secret from the environment (hex) or from a file in the data directory, made there (mode 0600) on first use. */
async function loadSecret(config: ServerConfig, fromEnv: string | undefined, variable: string, fileName: string): Promise<Uint8Array> {
  if (fromEnv !== undefined) {
    if (!/^[0-9a-f]{64}$/i.test(fromEnv)) {
      throw new Error(`${variable} must be 64 hex digits (32 bytes).`);
    }
    return Buffer.from(fromEnv, 'hex');
  }
  const file = path.join(config.dataDir, fileName);
  if (!fs.existsSync(file)) {
    const crypto = await loadServerCrypto();
    fs.writeFileSync(file, Buffer.from(crypto.randomBytes(32)).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error(`${file} does not hold a 32-byte hex key.`);
  }
  return Buffer.from(hex, 'hex');
}

/** Builds the server's context: database (migrated), crypto, audit log, blob store, policy. */
export async function compose(config: ServerConfig): Promise<ServerContext> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const crypto = await loadServerCrypto();
  const key = crypto.auditKey(await loadSecret(config, config.auditKeyHex, 'CALLVAULT_AUDIT_KEY', 'audit.key'));
  const signer = crypto.orgSigner(await loadSecret(config, config.orgKeyHex, 'CALLVAULT_ORG_KEY', ORG_KEY_FILE));
  const policy = loadPolicy(config.policyFile);
  const db = await openDatabase(config);
  let org: OrgSigner;
  try {
    org = await orgSignerInForce(db, crypto, signer, config.dataDir, config.orgKeyHex !== undefined);
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, crypto, audit: new AuditLog(crypto, key), blobs: databaseBlobStore, clock: config.clock, policy, limits: config.limits, org };
}
