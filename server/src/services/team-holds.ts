import { checkGrantAuthority } from '../../../src/core/retention/hold';
import { parseTeamHoldGrant, parseTeamHoldRelease, teamHoldReleaseSigningText, teamHoldSigningText } from '../../../src/core/retention/team-hold';
import type { TeamHoldItem } from '../../../src/shared/team/retention-api';
import { bytesOf, isoOf } from '../db/db';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';
import type { MemberRow } from './members';

/**
 * Holds issued on the team server (#15 section 3). Only a member whose role the policy's
 * exemption lists (grantedBy: HR and legal for a legal hold, enablement or sales leadership for
 * the training library) may issue or release one; the grant must be signed with that member's
 * enrolled key and name that member, role and key. The server stores the signed text as sent and
 * serves it to the members in its scope, whose apps verify it again before obeying it: the server
 * cannot make a hold up, only refuse or withhold one.
 */

interface HoldRow {
  hold_id: string;
  issuer_id: string;
  exemption_id: string;
  grant_text: string;
  grant_signature: unknown;
  created_at: unknown;
  released_at: unknown;
  release_text: string | null;
  release_signature: unknown;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function item(row: HoldRow): TeamHoldItem {
  return {
    holdId: row.hold_id,
    issuerId: row.issuer_id,
    exemptionId: row.exemption_id,
    grant: { text: row.grant_text, signature: b64(bytesOf(row.grant_signature)) },
    createdAt: isoOf(row.created_at),
    release: row.release_text === null || row.release_signature === null ? null : { text: row.release_text, signature: b64(bytesOf(row.release_signature)) },
    releasedAt: row.released_at === null ? null : isoOf(row.released_at),
  };
}

/** The checks both an issue and a release make of the signer: who, which key, which role, by the policy. */
function checkSigner(ctx: ServerContext, actor: MemberRow, body: { issuerId: string; issuerRole: string; issuerSigningFpr: string; exemptionId: string }, action: 'issue' | 'release'): void {
  const authority = checkGrantAuthority(body.exemptionId, actor.role, ctx.policy.policy, action);
  if (!authority.ok) {
    throw new TeamError('FORBIDDEN', `You cannot ${action} this hold: ${authority.reason}.`);
  }
  if (body.issuerId !== actor.member_id || body.issuerRole !== actor.role || body.issuerSigningFpr !== actor.signing_fpr) {
    throw new TeamError('FORBIDDEN', `The hold must name you, your role and your signing key as its ${action === 'issue' ? 'issuer' : 'releaser'}.`);
  }
}

export async function issueHold(ctx: ServerContext, actor: MemberRow, text: string, signature: string): Promise<TeamHoldItem> {
  const parsed = parseTeamHoldGrant(text);
  if (!parsed.ok) {
    throw new TeamError('BAD_REQUEST', `The hold cannot be read: ${parsed.reason}.`);
  }
  const grant = parsed.value;
  checkSigner(ctx, actor, grant, 'issue');
  const sig = Buffer.from(signature, 'base64');
  if (!ctx.crypto.verifySignature(sig, teamHoldSigningText(text), bytesOf(actor.signing_key))) {
    throw new TeamError('INTEGRITY', 'The hold signature does not verify with your enrolled signing key.');
  }
  const members = [...new Set(grant.scope.members)];
  if (members.length !== grant.scope.members.length) {
    throw new TeamError('BAD_REQUEST', 'The hold names a member twice.');
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const active = await tx.query<{ member_id: string }>('SELECT member_id FROM members WHERE member_id = ANY($1::uuid[]) AND removed_at IS NULL', [`{${members.join(',')}}`]);
    if (active.length !== members.length) {
      throw new TeamError('NOT_FOUND', 'The hold names a member who is not an active member of the team.');
    }
    const taken = await tx.query('SELECT 1 FROM team_holds WHERE hold_id = $1', [grant.holdId]);
    if (taken.length > 0) {
      throw new TeamError('CONFLICT', 'A hold with this id exists already.');
    }
    const rows = await tx.query<HoldRow & Record<string, unknown>>(
      `INSERT INTO team_holds (hold_id, issuer_id, exemption_id, grant_text, grant_signature, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [grant.holdId, actor.member_id, grant.exemptionId, text, sig, now],
    );
    for (const memberId of members) {
      await tx.query('INSERT INTO team_hold_members (hold_id, member_id) VALUES ($1, $2)', [grant.holdId, memberId]);
    }
    await ctx.audit.append(tx, now, 'hold.issued', { hold: grant.holdId, by: actor.member_id, role: actor.role, exemption: grant.exemptionId, members: members.length });
    return item(rows[0] as HoldRow);
  });
}

export async function releaseHold(ctx: ServerContext, actor: MemberRow, holdId: string, text: string, signature: string): Promise<TeamHoldItem> {
  const parsed = parseTeamHoldRelease(text);
  if (!parsed.ok) {
    throw new TeamError('BAD_REQUEST', `The release cannot be read: ${parsed.reason}.`);
  }
  const release = parsed.value;
  if (release.holdId !== holdId) {
    throw new TeamError('BAD_REQUEST', 'The release names another hold than the one in the address.');
  }
  checkSigner(ctx, actor, release, 'release');
  const sig = Buffer.from(signature, 'base64');
  if (!ctx.crypto.verifySignature(sig, teamHoldReleaseSigningText(text), bytesOf(actor.signing_key))) {
    throw new TeamError('INTEGRITY', 'The release signature does not verify with your enrolled signing key.');
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<HoldRow & Record<string, unknown>>('SELECT * FROM team_holds WHERE hold_id = $1 FOR UPDATE', [holdId]);
    const hold = rows[0];
    if (hold === undefined) {
      throw new TeamError('NOT_FOUND', 'No hold has this id.');
    }
    if (hold.exemption_id !== release.exemptionId) {
      throw new TeamError('BAD_REQUEST', 'The release names another exemption than the hold.');
    }
    if (hold.released_at !== null) {
      throw new TeamError('CONFLICT', 'This hold was already released.');
    }
    const updated = await tx.query<HoldRow & Record<string, unknown>>(
      'UPDATE team_holds SET released_by = $2, released_at = $3, release_text = $4, release_signature = $5 WHERE hold_id = $1 RETURNING *',
      [holdId, actor.member_id, now, text, sig],
    );
    await ctx.audit.append(tx, now, 'hold.released', { hold: holdId, by: actor.member_id, role: actor.role });
    return item(updated[0] as HoldRow);
  });
}

/** Holds whose scope names me (my app obeys them) and holds I issued, newest first. */
export async function listHolds(ctx: ServerContext, actor: MemberRow): Promise<{ holds: TeamHoldItem[] }> {
  const rows = await ctx.db.query<HoldRow & Record<string, unknown>>(
    `SELECT h.* FROM team_holds h
      WHERE h.issuer_id = $1 OR EXISTS (SELECT 1 FROM team_hold_members m WHERE m.hold_id = h.hold_id AND m.member_id = $1)
      ORDER BY h.created_at DESC, h.hold_id LIMIT 1000`,
    [actor.member_id],
  );
  return { holds: rows.map(item) };
}
