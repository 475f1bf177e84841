import { checkGrantAuthority } from '../../../src/core/retention/hold';
import { parseTeamHoldGrant, scopeCovers } from '../../../src/core/retention/team-hold';
import type { ExemptionDecision, ExemptionRequestCreate, ExemptionRequestView } from '../../../src/shared/team/retention-api';
import { isoOf, type Queryable } from '../db/db';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';
import type { MemberRow } from './members';

/**
 * A rep's exemption requests (#15 section 3). The rep's app files one (ids and the call's UTC day
 * only). A member whose role the exemption's grantedBy lists sees the pending ones it may decide
 * and grants one by naming the signed team hold it issued (POST /v1/holds) for that rep and day,
 * or declines it with a reason. The rep's app reads its own requests at sync. A decision is made
 * once; anyone else is refused with FORBIDDEN.
 */

interface RequestRow {
  request_id: string;
  member_id: string;
  recording_id: string;
  recorded_on: string;
  exemption_id: string;
  state: 'pending' | 'granted' | 'declined';
  created_at: unknown;
  decided_by: string | null;
  decided_at: unknown;
  reason: string | null;
  hold_id: string | null;
}

function view(row: RequestRow): ExemptionRequestView {
  return {
    requestId: row.request_id,
    memberId: row.member_id,
    recordingId: row.recording_id,
    recordedOn: row.recorded_on,
    exemptionId: row.exemption_id,
    state: row.state,
    createdAt: isoOf(row.created_at),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : isoOf(row.decided_at),
    reason: row.reason,
    holdId: row.hold_id,
  };
}

/** The exemptions this role may grant, by the policy the server serves. */
function grantable(ctx: ServerContext, role: MemberRow['role']): string[] {
  return ctx.policy.policy.retention.exemptions.filter((e) => checkGrantAuthority(e.id, role, ctx.policy.policy).ok).map((e) => e.id);
}

export async function fileExemptionRequest(ctx: ServerContext, actor: MemberRow, body: ExemptionRequestCreate): Promise<ExemptionRequestView> {
  if (!ctx.policy.policy.retention.exemptions.some((e) => e.id === body.exemptionId)) {
    throw new TeamError('BAD_REQUEST', `The policy defines no exemption "${body.exemptionId}".`);
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const existing = await tx.query<RequestRow & Record<string, unknown>>(
      'SELECT * FROM exemption_requests WHERE request_id = $1 OR (member_id = $2 AND recording_id = $3 AND exemption_id = $4) FOR UPDATE',
      [body.requestId, actor.member_id, body.recordingId, body.exemptionId],
    );
    const same = existing.find((r) => r.request_id === body.requestId);
    if (same !== undefined) {
      // The app sends again when it did not hear back: the same request is answered as it stands.
      if (same.member_id !== actor.member_id || same.recording_id !== body.recordingId || same.exemption_id !== body.exemptionId || same.recorded_on !== body.recordedOn) {
        throw new TeamError('CONFLICT', 'A different request with this id exists already.');
      }
      return view(same);
    }
    if (existing.some((r) => r.state !== 'declined')) {
      throw new TeamError('CONFLICT', 'You have already asked for this exemption for this call.');
    }
    const rows = await tx.query<RequestRow & Record<string, unknown>>(
      `INSERT INTO exemption_requests (request_id, member_id, recording_id, recorded_on, exemption_id, state, created_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING *`,
      [body.requestId, actor.member_id, body.recordingId, body.recordedOn, body.exemptionId, now],
    );
    await ctx.audit.append(tx, now, 'exemption.requested', { request: body.requestId, by: actor.member_id, exemption: body.exemptionId });
    return view(rows[0] as RequestRow);
  });
}

/** My own requests, and the pending ones (and those I decided) for exemptions my role may grant. */
export async function listExemptionRequests(ctx: ServerContext, actor: MemberRow): Promise<{ requests: ExemptionRequestView[] }> {
  const exemptions = grantable(ctx, actor.role);
  const rows = await ctx.db.query<RequestRow & Record<string, unknown>>(
    `SELECT * FROM exemption_requests
      WHERE member_id = $1 OR decided_by = $1 OR (state = 'pending' AND exemption_id = ANY($2::text[]))
      ORDER BY created_at DESC, request_id LIMIT 1000`,
    [actor.member_id, `{${exemptions.map((e) => `"${e}"`).join(',')}}`],
  );
  return { requests: rows.map(view) };
}

export async function decideExemptionRequest(ctx: ServerContext, actor: MemberRow, requestId: string, decision: ExemptionDecision): Promise<ExemptionRequestView> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<RequestRow & Record<string, unknown>>('SELECT * FROM exemption_requests WHERE request_id = $1 FOR UPDATE', [requestId]);
    const request = rows[0];
    if (request === undefined) {
      throw new TeamError('NOT_FOUND', 'No exemption request has this id.');
    }
    const authority = checkGrantAuthority(request.exemption_id, actor.role, ctx.policy.policy);
    if (!authority.ok) {
      throw new TeamError('FORBIDDEN', `You cannot decide this request: ${authority.reason}.`);
    }
    if (request.member_id === actor.member_id) {
      throw new TeamError('FORBIDDEN', 'You cannot decide your own exemption request.');
    }
    if (request.state !== 'pending') {
      throw new TeamError('CONFLICT', `This request was already ${request.state}.`);
    }
    let holdId: string | null = null;
    let reason: string | null = null;
    if (decision.decision === 'grant') {
      await checkGrantHold(tx, actor, request, decision.holdId);
      holdId = decision.holdId;
    } else {
      reason = decision.reason;
    }
    const state = decision.decision === 'grant' ? 'granted' : 'declined';
    const updated = await tx.query<RequestRow & Record<string, unknown>>(
      'UPDATE exemption_requests SET state = $2, decided_by = $3, decided_at = $4, reason = $5, hold_id = $6 WHERE request_id = $1 RETURNING *',
      [requestId, state, actor.member_id, now, reason, holdId],
    );
    // The reason stays in the table (the rep reads it); the audit log keeps ids and the outcome.
    await ctx.audit.append(tx, now, 'exemption.decided', { request: requestId, by: actor.member_id, role: actor.role, decision: state, ...(holdId === null ? {} : { hold: holdId }) });
    return view(updated[0] as RequestRow);
  });
}

/** A grant must name a live hold this granter issued, for this exemption, that keeps this rep's calls of that day. */
async function checkGrantHold(tx: Queryable, actor: MemberRow, request: RequestRow, holdId: string): Promise<void> {
  const holds = await tx.query<{ issuer_id: string; exemption_id: string; grant_text: string; released_at: unknown }>(
    'SELECT issuer_id, exemption_id, grant_text, released_at FROM team_holds WHERE hold_id = $1',
    [holdId],
  );
  const hold = holds[0];
  if (hold === undefined) {
    throw new TeamError('NOT_FOUND', 'No hold has this id: issue the signed hold first.');
  }
  if (hold.issuer_id !== actor.member_id) {
    throw new TeamError('FORBIDDEN', 'A grant must name a hold you issued.');
  }
  if (hold.released_at !== null) {
    throw new TeamError('CONFLICT', 'That hold was released.');
  }
  const parsed = parseTeamHoldGrant(hold.grant_text);
  if (!parsed.ok || hold.exemption_id !== request.exemption_id) {
    throw new TeamError('BAD_REQUEST', 'That hold is for another exemption than the request.');
  }
  const scope = parsed.value.scope;
  if (!scope.members.includes(request.member_id) || scope.accountDigests.length > 0 || !scopeCovers(scope, { recordedOn: request.recorded_on, accountDigest: undefined })) {
    throw new TeamError('BAD_REQUEST', "That hold does not keep this rep's calls of the request's day.");
  }
}
