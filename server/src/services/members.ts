import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Party } from '../../../src/core/team/share-access';
import { memberInvitation, type EnrollRequest, type InvitationCreate, type MemberView } from '../../../src/shared/team/api';
import type { RoleId } from '../../../src/shared/team/roles';
import { enrollMessage } from '../../../src/shared/team/signing';
import { bytesOf, isoOf, type Queryable } from '../db/db';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';
import { publishRoster } from './publications';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export function newInvitationCode(random: Uint8Array): string {
  let out = '';
  for (let i = 0; i < 32; i += 1) {
    out += BASE32.charAt((random[i] ?? 0) % 32);
  }
  return `cv1-${out}`;
}

export interface MemberRow {
  member_id: string;
  email: string;
  role: RoleId;
  team: string | null;
  signing_key: unknown;
  box_key: unknown;
  signing_fpr: string;
  box_fpr: string;
  enrolled_at: unknown;
  removed_at: unknown;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function memberView(row: MemberRow): MemberView {
  return {
    memberId: row.member_id,
    email: row.email,
    role: row.role,
    team: row.team,
    signingKey: b64(bytesOf(row.signing_key)),
    boxKey: b64(bytesOf(row.box_key)),
    signingKeyFingerprint: row.signing_fpr,
    boxKeyFingerprint: row.box_fpr,
    enrolledAt: isoOf(row.enrolled_at),
  };
}

export function partyOf(row: MemberRow): Party {
  return { memberId: row.member_id, role: row.role, team: row.team };
}

/** An active (enrolled, not removed) member, or undefined. */
export async function activeMember(db: Queryable, memberId: string): Promise<MemberRow | undefined> {
  const rows = await db.query<MemberRow & Record<string, unknown>>('SELECT * FROM members WHERE member_id = $1 AND removed_at IS NULL', [memberId]);
  return rows[0];
}

/** The active members among `memberIds` (uuids), by id, in one query. */
export async function activeMembers(db: Queryable, memberIds: readonly string[]): Promise<Map<string, MemberRow>> {
  const rows = await db.query<MemberRow & Record<string, unknown>>("SELECT * FROM members WHERE member_id = ANY(string_to_array($1, ',')::uuid[]) AND removed_at IS NULL", [memberIds.join(',')]);
  return new Map(rows.map((row) => [row.member_id, row]));
}

/** Creates a one-time invitation; returns the code, which is shown once and stored only as a hash. */
export async function createInvitation(ctx: ServerContext, input: z.infer<typeof InvitationCreate>, invitedBy: string): Promise<{ code: string; expiresAt: string; orgKey: string; invitation: string }> {
  const now = ctx.clock.now();
  const code = newInvitationCode(ctx.crypto.randomBytes(32));
  const expiresAt = new Date(now.getTime() + ctx.limits.invitationTtlMs);
  await ctx.db.transaction(async (tx) => {
    if (input.team !== null) {
      await tx.query('INSERT INTO teams (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [input.team, now]);
    }
    const taken = await tx.query('SELECT 1 FROM members WHERE email = $1', [input.email]);
    if (taken.length > 0) {
      throw new TeamError('CONFLICT', 'That email already belongs to a member. Remove the member first to enrol them again.');
    }
    await tx.query('INSERT INTO invitations (code_hash, email, role, team, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      ctx.crypto.hash(new TextEncoder().encode(code)),
      input.email,
      input.role,
      input.team,
      now,
      expiresAt,
    ]);
    await ctx.audit.append(tx, now, 'member.invited', { by: invitedBy, role: input.role, team: input.team ?? '' });
  });
  const orgKey = b64(ctx.org.publicKey);
  return { code, expiresAt: expiresAt.toISOString(), orgKey, invitation: memberInvitation(code, orgKey) };
}

export async function enroll(ctx: ServerContext, input: z.infer<typeof EnrollRequest>): Promise<MemberView> {
  const signingKey = Buffer.from(input.signingKey, 'base64');
  const boxKey = Buffer.from(input.boxKey, 'base64');
  if (signingKey.length !== 32 || boxKey.length !== 32) {
    throw new TeamError('BAD_REQUEST', 'Both public keys must be 32 bytes.');
  }
  if (!ctx.crypto.verifySignature(Buffer.from(input.proof, 'base64'), enrollMessage(input.code, input.signingKey, input.boxKey), signingKey)) {
    throw new TeamError('UNAUTHORIZED', 'The enrolment proof does not verify with the signing key sent: enrol again from the app.');
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Consumed in the same statement that checks it: two enrolments with one code cannot both win.
    const invitations = await tx.query<{ email: string; role: RoleId; team: string | null }>(
      'UPDATE invitations SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING email, role, team',
      [ctx.crypto.hash(new TextEncoder().encode(input.code)), now],
    );
    const invitation = invitations[0];
    if (invitation === undefined) {
      throw new TeamError('UNAUTHORIZED', 'This invitation code is unknown, used or expired. Ask your admin for a new one.');
    }
    const clash = await tx.query('SELECT 1 FROM members WHERE signing_key = $1 OR email = $2', [signingKey, invitation.email]);
    if (clash.length > 0) {
      throw new TeamError('CONFLICT', 'This key or email is already enrolled.');
    }
    const memberId = randomUUID();
    await tx.query('UPDATE invitations SET used_by = $2 WHERE code_hash = $1', [ctx.crypto.hash(new TextEncoder().encode(input.code)), memberId]);
    const rows = await tx.query<MemberRow & Record<string, unknown>>(
      `INSERT INTO members (member_id, email, role, team, signing_key, box_key, signing_fpr, box_fpr, enrolled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [memberId, invitation.email, invitation.role, invitation.team, signingKey, boxKey, ctx.crypto.fingerprint('signing', signingKey), ctx.crypto.fingerprint('box', boxKey), now],
    );
    await ctx.audit.append(tx, now, 'member.enrolled', { member: memberId, role: invitation.role, team: invitation.team ?? '' });
    await publishRoster(ctx, tx, now);
    const row = rows[0];
    if (row === undefined) {
      throw new TeamError('INTERNAL', 'The member row was not written.');
    }
    return memberView(row);
  });
}

export async function directory(ctx: ServerContext): Promise<MemberView[]> {
  const rows = await ctx.db.query<MemberRow & Record<string, unknown>>('SELECT * FROM members WHERE removed_at IS NULL ORDER BY enrolled_at, member_id');
  return rows.map(memberView);
}

/** Removes a member: their sessions end now and they can no longer sign in, send or receive. */
export async function removeMember(ctx: ServerContext, memberId: string, removedBy: string): Promise<string> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query('UPDATE members SET removed_at = $2 WHERE member_id = $1 AND removed_at IS NULL RETURNING member_id', [memberId, now]);
    if (rows.length === 0) {
      throw new TeamError('NOT_FOUND', 'No active member has that id.');
    }
    await tx.query('DELETE FROM sessions WHERE member_id = $1', [memberId]);
    await tx.query('DELETE FROM challenges WHERE member_id = $1', [memberId]);
    await ctx.audit.append(tx, now, 'member.removed', { member: memberId, by: removedBy });
    await publishRoster(ctx, tx, now);
    return now.toISOString();
  });
}
