import { materialFingerprint } from '../../../src/core/policy/material-change';
import { PolicyPublicationBody, type RosterBody, type SignedPublication } from '../../../src/shared/team/api';
import { publicationMessage } from '../../../src/shared/team/signing';
import { bytesOf, type Queryable } from '../db/db';
import type { ServerContext } from './context';
import { memberView, type MemberRow } from './members';

/**
 * The organisation's signed publications (issue #14): the roster (members, roles, teams and keys)
 * and the policy publication (policy hash, version, material-change flag), each signed with the
 * admin key. The roster is published again in the transaction of every enrolment and removal, so
 * a member's role is never readable before it is signed. The policy is published when a process
 * serves a policy other than the last published one (a new `--policy` file), and both are signed
 * again, as a new version, when the admin key changed. Members' apps verify both against the admin
 * key they pinned at enrolment and refuse a version older than one they accepted.
 */

type Kind = 'roster' | 'policy';

/** Advisory lock ids (the audit log uses 727275): one writer per kind at a time. */
const LOCK: Readonly<Record<Kind, number>> = { roster: 727276, policy: 727277 };

interface Row {
  version: string | number;
  body: string;
  signature: unknown;
  published_at: unknown;
}

async function latest(db: Queryable, kind: Kind): Promise<Row | undefined> {
  const rows = await db.query<Row & Record<string, unknown>>('SELECT version, body, signature, published_at FROM org_publications WHERE kind = $1', [kind]);
  return rows[0];
}

function signedByCurrentKey(ctx: ServerContext, kind: Kind, row: Row): boolean {
  return ctx.crypto.verifySignature(bytesOf(row.signature), publicationMessage(kind, row.body), ctx.org.publicKey);
}

async function write(ctx: ServerContext, tx: Queryable, kind: Kind, version: number, body: string, at: Date): Promise<SignedPublication> {
  const signature = ctx.org.sign(publicationMessage(kind, body));
  await tx.query(
    `INSERT INTO org_publications (kind, version, body, signature, published_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (kind) DO UPDATE SET version = EXCLUDED.version, body = EXCLUDED.body, signature = EXCLUDED.signature, published_at = EXCLUDED.published_at`,
    [kind, version, body, Buffer.from(signature), at],
  );
  return { body, signature: Buffer.from(signature).toString('base64') };
}

const asReply = (row: Row): SignedPublication => ({ body: row.body, signature: Buffer.from(bytesOf(row.signature)).toString('base64') });

/** Signs and stores a new roster version from the active members; call inside the transaction that changed them. */
export async function publishRoster(ctx: ServerContext, tx: Queryable, at: Date): Promise<SignedPublication> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK.roster]);
  const previous = await latest(tx, 'roster');
  const members = await tx.query<MemberRow & Record<string, unknown>>('SELECT * FROM members WHERE removed_at IS NULL ORDER BY enrolled_at, member_id');
  const body: RosterBody = {
    format: 'callvault-roster-v1',
    version: previous === undefined ? 1 : Number(previous.version) + 1,
    publishedAt: at.toISOString(),
    members: members.map(memberView),
  };
  return write(ctx, tx, 'roster', body.version, JSON.stringify(body), at);
}

/** The newest roster, signed (published now if there is none yet or the admin key changed). */
export async function currentRoster(ctx: ServerContext): Promise<SignedPublication> {
  const row = await latest(ctx.db, 'roster');
  if (row !== undefined && signedByCurrentKey(ctx, 'roster', row)) {
    return asReply(row);
  }
  return ctx.db.transaction((tx) => publishRoster(ctx, tx, ctx.clock.now()));
}

/**
 * The publication of the policy this process serves: the stored one when it names this policy
 * and verifies under the admin key, else a new version (material change judged against the
 * previous version's material fingerprint).
 */
export async function currentPolicyPublication(ctx: ServerContext): Promise<SignedPublication> {
  const fingerprint = materialFingerprint(ctx.policy.policy);
  const fits = (row: Row | undefined): boolean => {
    if (row === undefined || !signedByCurrentKey(ctx, 'policy', row)) {
      return false;
    }
    const body = PolicyPublicationBody.safeParse(JSON.parse(row.body));
    return body.success && body.data.policyHash === ctx.policy.hash;
  };
  const row = await latest(ctx.db, 'policy');
  if (row !== undefined && fits(row)) {
    return asReply(row);
  }
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK.policy]);
    const previous = await latest(tx, 'policy');
    if (previous !== undefined && fits(previous)) {
      return asReply(previous);
    }
    const at = ctx.clock.now();
    const before = previous === undefined ? undefined : PolicyPublicationBody.safeParse(JSON.parse(previous.body));
    const body: PolicyPublicationBody = {
      format: 'callvault-policy-v1',
      version: previous === undefined ? 1 : Number(previous.version) + 1,
      policyHash: ctx.policy.hash,
      materialFingerprint: fingerprint,
      // The first version, and one after an unreadable predecessor, is material: members read it.
      materialChange: before?.success !== true || before.data.materialFingerprint !== fingerprint,
      publishedAt: at.toISOString(),
    };
    await ctx.audit.append(tx, at, 'policy.published', { version: body.version, material: body.materialChange });
    return write(ctx, tx, 'policy', body.version, JSON.stringify(body), at);
  });
}
