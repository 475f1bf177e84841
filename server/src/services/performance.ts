import { randomUUID } from 'node:crypto';
import { mayDecideRequest, mayFileRequest } from '../../../src/core/team/share-access';
import type { Decision } from '../../../src/shared/team/api';
import { decisionMessage } from '../../../src/shared/team/signing';
import { bytesOf, isoOf } from '../db/db';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';
import { activeMember, partyOf, type MemberRow } from './members';

/**
 * Performance-use requests (seed section 4): a manager who wants to use a coaching clip for
 * formal performance management files a request; HR and legal approve or deny it with a
 * signature; the rep sees both. Until approved, the clip stays coaching-only.
 */

interface RequestRow {
  request_id: string;
  share_id: string;
  rep_id: string;
  requester_id: string;
  use_id: string;
  status: 'pending' | 'approved' | 'denied';
  created_at: unknown;
  decided_by: string | null;
  decided_at: unknown;
  decision_signature: unknown;
}

function view(row: RequestRow) {
  return {
    requestId: row.request_id,
    shareId: row.share_id,
    repId: row.rep_id,
    requesterId: row.requester_id,
    use: row.use_id,
    status: row.status,
    createdAt: isoOf(row.created_at),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : isoOf(row.decided_at),
    decisionSignature: row.decision_signature === null ? null : Buffer.from(bytesOf(row.decision_signature)).toString('base64'),
  };
}

export async function fileRequest(ctx: ServerContext, actor: MemberRow, shareId: string, use: string) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const shares = await tx.query<{ sender_id: string; recording_ref: string; is_recipient: boolean }>(
      `SELECT s.sender_id, s.recording_ref,
              EXISTS (SELECT 1 FROM share_recipients r WHERE r.share_id = s.share_id AND r.member_id = $2) AS is_recipient
       FROM shares s WHERE s.share_id = $1 AND s.revoked_at IS NULL AND s.expired_at IS NULL AND s.expires_at > $3`,
      [shareId, actor.member_id, now],
    );
    const share = shares[0];
    if (share === undefined || !share.is_recipient) {
      throw new TeamError('NOT_FOUND', 'No live share with this id was shared with you.');
    }
    const rep = await activeMember(tx, share.sender_id);
    if (rep === undefined) {
      throw new TeamError('NOT_FOUND', 'The rep who shared this clip is no longer a member.');
    }
    const decision = mayFileRequest(ctx.policy.policy, partyOf(actor), partyOf(rep), share.is_recipient, use);
    if (!decision.allow) {
      throw new TeamError('FORBIDDEN', `You cannot file this request: ${decision.reason}.`);
    }
    const requestId = randomUUID();
    const rows = await tx.query<RequestRow & Record<string, unknown>>(
      `INSERT INTO performance_requests (request_id, share_id, rep_id, requester_id, use_id, recording_ref, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING *`,
      [requestId, shareId, rep.member_id, actor.member_id, use, share.recording_ref, now],
    );
    await ctx.audit.append(tx, now, 'request.filed', { request: requestId, share: shareId, by: actor.member_id, use });
    return view(rows[0] as RequestRow);
  });
}

export async function decideRequest(ctx: ServerContext, actor: MemberRow, requestId: string, decision: Decision, signature: string) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<RequestRow & Record<string, unknown>>('SELECT * FROM performance_requests WHERE request_id = $1 FOR UPDATE', [requestId]);
    const request = rows[0];
    const allowed = mayDecideRequest(ctx.policy.policy, partyOf(actor), request?.requester_id ?? '');
    if (!allowed.allow) {
      throw new TeamError('FORBIDDEN', `You cannot decide this request: ${allowed.reason}.`);
    }
    if (request === undefined) {
      throw new TeamError('NOT_FOUND', 'No performance-use request has this id.');
    }
    if (request.status !== 'pending') {
      throw new TeamError('CONFLICT', `This request was already ${request.status}.`);
    }
    const sig = Buffer.from(signature, 'base64');
    if (!ctx.crypto.verifySignature(sig, decisionMessage(requestId, decision, actor.member_id), bytesOf(actor.signing_key))) {
      throw new TeamError('INTEGRITY', 'The decision signature does not verify with your enrolled signing key.');
    }
    const updated = await tx.query<RequestRow & Record<string, unknown>>(
      'UPDATE performance_requests SET status = $2, decided_by = $3, decided_at = $4, decision_signature = $5 WHERE request_id = $1 RETURNING *',
      [requestId, decision, actor.member_id, now, sig],
    );
    await ctx.audit.append(tx, now, 'request.decided', { request: requestId, by: actor.member_id, decision });
    return view(updated[0] as RequestRow);
  });
}

/** The rep sees requests about their clips, a manager the ones they filed, HR and legal all of them. */
export async function listRequests(ctx: ServerContext, actor: MemberRow) {
  const all = actor.role === 'hr-and-legal';
  const rows = await ctx.db.query<RequestRow & Record<string, unknown>>(
    `SELECT * FROM performance_requests WHERE $2 OR rep_id = $1 OR requester_id = $1 ORDER BY created_at DESC, request_id LIMIT 500`,
    [actor.member_id, all],
  );
  return { requests: rows.map(view) };
}
