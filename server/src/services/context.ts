import type { Policy } from '../../../src/core/policy/policy-schema';
import type { Clock } from '../../../src/core/ports/clock';
import type { BlobStore } from '../blob/blob-store';
import type { OrgSigner, ServerCrypto } from '../crypto/server-crypto';
import type { Db } from '../db/db';
import type { AuditLog } from './audit-log';

export interface LoadedPolicy {
  readonly policy: Policy;
  readonly hash: string;
  readonly text: string;
}

export interface Limits {
  readonly challengeTtlMs: number;
  readonly sessionTtlMs: number;
  readonly invitationTtlMs: number;
  /** The longest a share may live, in days (the policy's clip retention caps it too). */
  readonly maxShareDays: number;
}

/** Everything a service needs, built once per process (server/src/compose.ts). No state of its own. */
export interface ServerContext {
  readonly db: Db;
  readonly crypto: ServerCrypto;
  readonly audit: AuditLog;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly policy: LoadedPolicy;
  readonly limits: Limits;
  /** The organisation's admin key: signs the roster and the policy publication. */
  readonly org: OrgSigner;
}

export const DEFAULT_LIMITS: Limits = {
  challengeTtlMs: 60_000,
  sessionTtlMs: 15 * 60_000,
  invitationTtlMs: 7 * 24 * 3600_000,
  maxShareDays: 180,
};
