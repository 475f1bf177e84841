import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { approverRoles, mayDecideCallApproval, mayRequestCallApproval } from '../../../src/core/team/call-approval';
import { CALL_APPROVAL_MAX_DAYS, type CallApprovalCreate, type CallApprovalView, type Decision } from '../../../src/shared/team/api';
import { callApprovalMessage } from '../../../src/shared/team/signing';
import { bytesOf, isoOf, type Queryable } from '../db/db';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';
import { partyOf, type MemberRow } from './members';

/**
 * Approvals for approval-gated call types (#14 section 3). A rep asks, before the call, to record
 * a call of a `requires-approval` type; a member whose role the policy names as an approver for
 * that type approves or denies it with a signature over callApprovalMessage(); the rep's app
 * checks that signature against the signed roster before it lets the call be captured, and
 * marks the approval used by that call. The server stores no account and no reason: only sealed
 * copies it cannot open (see migration 006).
 */

const DAY_MS = 24 * 3600_000;
/** How far ahead a call may be planned. */
const MAX_LEAD_DAYS = 90;

interface ApprovalRow {
  request_id: string;
  rep_id: string;
  call_type: string;
  policy_hash: string;
  valid_from: string;
  valid_until: string;
  details_digest: string;
  status: 'pending' | 'approved' | 'denied';
  created_at: unknown;
  decided_by: string | null;
  decided_at: unknown;
  decision_signature: unknown;
  sealed?: unknown;
}

function view(row: ApprovalRow): CallApprovalView {
  return {
    requestId: row.request_id,
    repId: row.rep_id,
    callType: row.call_type,
    policyHash: row.policy_hash,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    detailsDigest: row.details_digest,
    status: row.status,
    createdAt: isoOf(row.created_at),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : isoOf(row.decided_at),
    decisionSignature: row.decision_signature === null ? null : Buffer.from(bytesOf(row.decision_signature)).toString('base64'),
    sealed: row.sealed === null || row.sealed === undefined ? null : Buffer.from(bytesOf(row.sealed)).toString('base64'),
  };
}

/** The call types whose approvers include `role` under the server's policy. */
function typesApprovedBy(ctx: ServerContext, role: MemberRow['role']): string[] {
  return Object.keys(ctx.policy.policy.callTypes).filter((id) => approverRoles(ctx.policy.policy, id)?.includes(role) === true);
}

export async function requestCallApproval(ctx: ServerContext, actor: MemberRow, body: z.output<typeof CallApprovalCreate>): Promise<CallApprovalView> {
  const allowed = mayRequestCallApproval(ctx.policy.policy, partyOf(actor), body.callType);
  if (!allowed.allow) {
    throw new TeamError('FORBIDDEN', `You cannot ask for this approval: ${allowed.reason}.`);
  }
  if (body.policyHash !== ctx.policy.hash) {
    throw new TeamError('CONFLICT', "The request names another policy than the organisation's current one. Sync with the team server and ask again.");
  }
  const now = ctx.clock.now();
  const from = Date.parse(body.validFrom);
  const until = Date.parse(body.validUntil);
  if (!(until > from) || until - from > CALL_APPROVAL_MAX_DAYS * DAY_MS) {
    throw new TeamError('BAD_REQUEST', `An approval is valid for a window that ends after it starts and lasts at most ${String(CALL_APPROVAL_MAX_DAYS)} days.`);
  }
  if (until <= now.getTime() || from > now.getTime() + MAX_LEAD_DAYS * DAY_MS) {
    throw new TeamError('BAD_REQUEST', `The validity window must end in the future and start within ${String(MAX_LEAD_DAYS)} days.`);
  }
  const ids = body.copies.map((c) => c.memberId);
  if (new Set(ids).size !== ids.length) {
    throw new TeamError('BAD_REQUEST', 'The request seals the details to a member twice.');
  }
  if (!ids.includes(actor.member_id)) {
    throw new TeamError('BAD_REQUEST', 'The request must seal the details to you as well.');
  }
  const roles = approverRoles(ctx.policy.policy, body.callType) ?? [];
  const requestId = randomUUID();
  return ctx.db.transaction(async (tx) => {
    const others = ids.filter((id) => id !== actor.member_id);
    const members = await tx.query<{ member_id: string; role: MemberRow['role'] }>('SELECT member_id, role FROM members WHERE member_id = ANY($1::uuid[]) AND removed_at IS NULL', [`{${others.join(',')}}`]);
    if (members.length !== others.length || members.some((m) => !roles.includes(m.role))) {
      throw new TeamError('BAD_REQUEST', `Every sealed copy must go to an active member whose role may approve ${body.callType} calls (${roles.join(', ')}).`);
    }
    if (members.length === 0) {
      throw new TeamError('BAD_REQUEST', 'The request is sealed to no approver.');
    }
    const rows = await tx.query<ApprovalRow & Record<string, unknown>>(
      `INSERT INTO call_approvals (request_id, rep_id, call_type, policy_hash, valid_from, valid_until, valid_until_at, details_digest, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9) RETURNING *`,
      [requestId, actor.member_id, body.callType, body.policyHash, body.validFrom, body.validUntil, new Date(until), body.detailsDigest, now],
    );
    for (const copy of body.copies) {
      await tx.query('INSERT INTO call_approval_copies (request_id, member_id, sealed) VALUES ($1, $2, $3)', [requestId, copy.memberId, Buffer.from(copy.sealed, 'base64')]);
    }
    await ctx.audit.append(tx, now, 'call-approval.requested', { request: requestId, by: actor.member_id, callType: body.callType, copies: body.copies.length });
    const own = body.copies.find((c) => c.memberId === actor.member_id);
    return view({ ...(rows[0] as ApprovalRow), sealed: own === undefined ? null : Buffer.from(own.sealed, 'base64') });
  });
}

async function readable(db: Queryable, ctx: ServerContext, actor: MemberRow, where: string, params: (string | string[])[]): Promise<ApprovalRow[]> {
  const types = typesApprovedBy(ctx, actor.role);
  return db.query<ApprovalRow & Record<string, unknown>>(
    `SELECT a.*, c.sealed FROM call_approvals a
       LEFT JOIN call_approval_copies c ON c.request_id = a.request_id AND c.member_id = $1
     WHERE (a.rep_id = $1 OR (a.call_type = ANY($2::text[]) AND a.rep_id <> $1)) ${where}
     ORDER BY a.created_at DESC, a.request_id LIMIT 500`,
    [actor.member_id, `{${types.join(',')}}`, ...params.map((p) => (Array.isArray(p) ? `{${p.join(',')}}` : p))],
  );
}

/** The rep's own requests, and the requests an approver's role may decide (other members see none). */
export async function listCallApprovals(ctx: ServerContext, actor: MemberRow): Promise<{ approvals: CallApprovalView[] }> {
  return { approvals: (await readable(ctx.db, ctx, actor, '', [])).map(view) };
}

export async function callApprovalDetail(ctx: ServerContext, actor: MemberRow, requestId: string): Promise<CallApprovalView> {
  const rows = await readable(ctx.db, ctx, actor, 'AND a.request_id = $3', [requestId]);
  const row = rows[0];
  if (row === undefined) {
    throw new TeamError('NOT_FOUND', 'No call approval request you may see has this id.');
  }
  return view(row);
}

export async function decideCallApproval(ctx: ServerContext, actor: MemberRow, requestId: string, decision: Decision, signature: string): Promise<CallApprovalView> {
  const now = ctx.clock.now();
  // The rep and call type of a request never change: the role check runs first, and a refusal is
  // audited in its own transaction.
  const peek = await ctx.db.query<{ rep_id: string; call_type: string }>('SELECT rep_id, call_type FROM call_approvals WHERE request_id = $1', [requestId]);
  if (peek[0] === undefined) {
    throw new TeamError('NOT_FOUND', 'No call approval request has this id.');
  }
  const allowed = mayDecideCallApproval(ctx.policy.policy, partyOf(actor), peek[0].rep_id, peek[0].call_type);
  if (!allowed.allow) {
    await ctx.db.transaction((tx) => ctx.audit.append(tx, now, 'call-approval.refused', { request: requestId, by: actor.member_id, role: actor.role }));
    throw new TeamError('FORBIDDEN', `You cannot decide this request: ${allowed.reason}.`);
  }
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<ApprovalRow & Record<string, unknown>>('SELECT * FROM call_approvals WHERE request_id = $1 FOR UPDATE', [requestId]);
    const row = rows[0];
    if (row === undefined) {
      throw new TeamError('NOT_FOUND', 'No call approval request has this id.');
    }
    if (row.status !== 'pending') {
      throw new TeamError('CONFLICT', `This request was already ${row.status}.`);
    }
    if (Date.parse(row.valid_until) <= now.getTime()) {
      throw new TeamError('GONE', 'The validity window of this request has ended; the rep must ask again.');
    }
    if (row.policy_hash !== ctx.policy.hash) {
      throw new TeamError('CONFLICT', "This request was made under another version of the organisation's policy; the rep must ask again.");
    }
    const sig = Buffer.from(signature, 'base64');
    const terms = { requestId, repId: row.rep_id, callType: row.call_type, validFrom: row.valid_from, validUntil: row.valid_until, policyHash: row.policy_hash, detailsDigest: row.details_digest };
    if (!ctx.crypto.verifySignature(sig, callApprovalMessage(terms, decision, actor.member_id), bytesOf(actor.signing_key))) {
      throw new TeamError('INTEGRITY', 'The decision signature does not verify with your enrolled signing key over this request.');
    }
    const updated = await tx.query<ApprovalRow & Record<string, unknown>>(
      `UPDATE call_approvals SET status = $2, decided_by = $3, decided_at = $4, decision_signature = $5 WHERE request_id = $1
       RETURNING *, (SELECT sealed FROM call_approval_copies WHERE request_id = $1 AND member_id = $3) AS sealed`,
      [requestId, decision, actor.member_id, now, sig],
    );
    await ctx.audit.append(tx, now, 'call-approval.decided', { request: requestId, by: actor.member_id, role: actor.role, decision });
    return view(updated[0] as ApprovalRow);
  });
}
