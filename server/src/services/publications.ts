import { materialFingerprint } from '../../../src/core/policy/material-change';
import { PolicyPublicationBody, RosterBody, type SignedPublication } from '../../../src/shared/team/api';
import { publicationMessage } from '../../../src/shared/team/signing';
import { bytesOf, type Queryable } from '../db/db';
import type { ServerContext } from './context';
import { memberView, type MemberRow } from './members';
import { organisationId, requireCurrentSigningKey, signingKeyInForce } from './org-key';

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

function signedBy(ctx: ServerContext, key: Uint8Array, kind: Kind, row: Row): boolean {
  return ctx.crypto.verifySignature(bytesOf(row.signature), publicationMessage(kind, row.body), key);
}

async function write(ctx: ServerContext, tx: Queryable, kind: Kind, version: number, body: string, at: Date): Promise<SignedPublication> {
  // A process whose key `org-key rotate` retired must not sign: members who followed the
  // rotation would refuse it, and those who had not would take it over the current key's.
  await requireCurrentSigningKey(ctx, tx);
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
    organisation: await organisationId(tx),
  };
  return write(ctx, tx, 'roster', body.version, JSON.stringify(body), at);
}

/** False for a roster signed before rosters named the organisation (migration 010). */
function namesOrganisation(row: Row): boolean {
  try {
    const body = RosterBody.safeParse(JSON.parse(row.body));
    return body.success && body.data.organisation !== undefined;
  } catch {
    return false;
  }
}

/**
 * The newest roster, signed (published now if there is none yet, the admin key changed, or it
 * does not name the organisation yet). One signed by the key in force is served as it is, even
 * by a process whose own key was retired.
 */
export async function currentRoster(ctx: ServerContext): Promise<SignedPublication> {
  const row = await latest(ctx.db, 'roster');
  if (row !== undefined && signedBy(ctx, await signingKeyInForce(ctx, ctx.db), 'roster', row) && namesOrganisation(row)) {
    return asReply(row);
  }
  return ctx.db.transaction((tx) => publishRoster(ctx, tx, ctx.clock.now()));
}

/**
 * The publication of the policy this process serves: the stored one when it names this policy
 * and verifies under the key in force, else a new version (material change judged against the
 * previous version's material fingerprint).
 */
export async function currentPolicyPublication(ctx: ServerContext): Promise<SignedPublication> {
  const row = await latest(ctx.db, 'policy');
  if (row !== undefined && fits(ctx, await signingKeyInForce(ctx, ctx.db), row)) {
    return asReply(row);
  }
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK.policy]);
    const previous = await latest(tx, 'policy');
    if (previous !== undefined && fits(ctx, await signingKeyInForce(ctx, tx), previous)) {
      return asReply(previous);
    }
    return publishPolicy(ctx, tx, previous, ctx.clock.now());
  });
}

function fits(ctx: ServerContext, key: Uint8Array, row: Row): boolean {
  if (!signedBy(ctx, key, 'policy', row)) {
    return false;
  }
  const body = PolicyPublicationBody.safeParse(JSON.parse(row.body));
  return body.success && body.data.policyHash === ctx.policy.hash;
}

/** Signs the served policy as the next version; the caller holds the policy lock. */
async function publishPolicy(ctx: ServerContext, tx: Queryable, previous: Row | undefined, at: Date): Promise<SignedPublication> {
  const fingerprint = materialFingerprint(ctx.policy.policy);
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
}

/**
 * Signs the roster and the policy publication again, as new versions, with `ctx.org` (the new
 * key, in the transaction of a rotation that already recorded its statement), so members' apps
 * find publications their followed chain verifies. The policy publication keeps what it named
 * (the policy the running server serves, which the rotating command need not have loaded): same
 * hash and fingerprint, so not a material change.
 */
export async function republishAll(ctx: ServerContext, tx: Queryable, at: Date): Promise<void> {
  await publishRoster(ctx, tx, at);
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK.policy]);
  const previous = await latest(tx, 'policy');
  const before = previous === undefined ? undefined : PolicyPublicationBody.safeParse(JSON.parse(previous.body));
  if (previous === undefined || before?.success !== true) {
    return; // Nothing members could have accepted: the server publishes its policy when first asked.
  }
  const body: PolicyPublicationBody = { ...before.data, version: Number(previous.version) + 1, materialChange: false, publishedAt: at.toISOString() };
  await ctx.audit.append(tx, at, 'policy.published', { version: body.version, material: false });
  await write(ctx, tx, 'policy', body.version, JSON.stringify(body), at);
}
