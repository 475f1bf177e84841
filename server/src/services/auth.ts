import { randomUUID } from 'node:crypto';
import { signInMessage } from '../../../src/shared/team/signing';
import { bytesOf } from '../db/db';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';
import { activeMember, type MemberRow } from './members';

/**
 * Sign-in without passwords: the server sends a random nonce, the member signs it with the
 * Ed25519 key they enrolled, and gets a short-lived session token. A challenge is deleted by
 * the statement that reads it, so it answers once; an expired one answers never.
 */

export async function createChallenge(ctx: ServerContext, memberId: string): Promise<{ challengeId: string; nonce: string; expiresAt: string }> {
  const member = await activeMember(ctx.db, memberId);
  if (member === undefined) {
    throw new TeamError('UNAUTHORIZED', 'No active member has this id: enrol with an invitation code first.');
  }
  const now = ctx.clock.now();
  const challengeId = randomUUID();
  const nonce = ctx.crypto.randomBytes(32);
  const expiresAt = new Date(now.getTime() + ctx.limits.challengeTtlMs);
  await ctx.db.query('DELETE FROM challenges WHERE expires_at <= $1', [now]);
  await ctx.db.query('INSERT INTO challenges (challenge_id, member_id, nonce, expires_at) VALUES ($1, $2, $3, $4)', [challengeId, memberId, nonce, expiresAt]);
  return { challengeId, nonce: Buffer.from(nonce).toString('base64'), expiresAt: expiresAt.toISOString() };
}

export async function createSession(ctx: ServerContext, challengeId: string, signature: string): Promise<{ token: string; expiresAt: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ member_id: string; nonce: unknown; expires_at: unknown }>(
      'DELETE FROM challenges WHERE challenge_id = $1 RETURNING member_id, nonce, expires_at',
      [challengeId],
    );
    const challenge = rows[0];
    const refuse = async (why: string, message: string): Promise<never> => {
      await ctx.audit.append(tx, now, 'session.refused', { challenge: challengeId, why });
      throw new TeamError('UNAUTHORIZED', message);
    };
    if (challenge === undefined) {
      return refuse('unknown-or-used', 'This sign-in challenge is unknown or was already used: ask for a new one.');
    }
    if (new Date(challenge.expires_at as string | Date).getTime() <= now.getTime()) {
      return refuse('expired', 'This sign-in challenge expired: ask for a new one and sign it at once.');
    }
    const member = await activeMember(tx, challenge.member_id);
    if (member === undefined) {
      return refuse('not-a-member', 'This member was removed from the team.');
    }
    const nonce = Buffer.from(bytesOf(challenge.nonce)).toString('base64');
    if (!ctx.crypto.verifySignature(Buffer.from(signature, 'base64'), signInMessage(challengeId, nonce), bytesOf(member.signing_key))) {
      return refuse('bad-signature', 'The signature does not match your enrolled key.');
    }
    const token = Buffer.from(ctx.crypto.randomBytes(32)).toString('base64url');
    const expiresAt = new Date(now.getTime() + ctx.limits.sessionTtlMs);
    await tx.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    await tx.query('INSERT INTO sessions (token_hash, member_id, expires_at) VALUES ($1, $2, $3)', [tokenHash(ctx, token), member.member_id, expiresAt]);
    await ctx.audit.append(tx, now, 'session.signed_in', { member: member.member_id });
    return { token, expiresAt: expiresAt.toISOString() };
  });
}

function tokenHash(ctx: ServerContext, token: string): Uint8Array {
  return ctx.crypto.hash(new TextEncoder().encode(`callvault-session-v1:${token}`));
}

/** The member behind a bearer token, or an UNAUTHORIZED error. */
export async function authenticate(ctx: ServerContext, authorization: string | undefined): Promise<MemberRow> {
  const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(authorization ?? '');
  if (match?.[1] === undefined) {
    throw new TeamError('UNAUTHORIZED', 'Sign in first: this call needs a session token.');
  }
  const rows = await ctx.db.query<MemberRow & Record<string, unknown>>(
    `SELECT m.* FROM sessions s JOIN members m ON m.member_id = s.member_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND m.removed_at IS NULL`,
    [tokenHash(ctx, match[1]), ctx.clock.now()],
    { prepare: 'session-member' },
  );
  const member = rows[0];
  if (member === undefined) {
    throw new TeamError('UNAUTHORIZED', 'This session is unknown or expired: sign in again.');
  }
  return member;
}
