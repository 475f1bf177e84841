import type { z } from 'zod';
import { canonicalJson } from '../../../src/core/policy/canonical-json';
import { certificateSigningText, SignedCertificateSchema } from '../../../src/core/deletion/deletion-certificate';
import { orgDeletionMessage, type OrgDeletionFile, type OrgDeletionView } from '../../../src/shared/team/retention-api';
import { bytesOf, isoOf, type Queryable } from '../db/db';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';
import type { MemberRow } from './members';

/**
 * Organisation-wide customer deletion requests (#15 section 4). An admin's app seals the
 * customer's identifiers to every member's X25519 key and signs each copy; the server stores the
 * sealed copies (it cannot open them), hands each member its own at sync, and takes back the
 * member's signed deletion certificate, checked against that member's enrolled key. The admin
 * sees, per member, pending or done, and the certificates.
 */

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

interface RequestRow {
  request_id: string;
  filed_by: string;
  created_at: unknown;
  filer_copy: unknown;
}
interface TargetRow {
  request_id: string;
  member_id: string;
  status: 'pending' | 'done';
  certificate: string | null;
  done_at: unknown;
}

export async function fileOrgDeletion(ctx: ServerContext, actor: MemberRow, body: z.output<typeof OrgDeletionFile>): Promise<OrgDeletionView> {
  const memberIds = body.targets.map((t) => t.memberId);
  if (new Set(memberIds).size !== memberIds.length) {
    throw new TeamError('BAD_REQUEST', 'The request names a member twice.');
  }
  for (const target of body.targets) {
    if (!ctx.crypto.verifySignature(Buffer.from(target.signature, 'base64'), orgDeletionMessage(body.requestId, target.memberId, body.createdAt, target.sealed), bytesOf(actor.signing_key))) {
      throw new TeamError('INTEGRITY', 'A member\'s copy of the request is not signed with your enrolled signing key.');
    }
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const active = await tx.query<{ member_id: string }>('SELECT member_id FROM members WHERE member_id = ANY($1::uuid[]) AND removed_at IS NULL', [`{${memberIds.join(',')}}`]);
    if (active.length !== memberIds.length) {
      throw new TeamError('NOT_FOUND', 'The request names a member who is not an active member of the team.');
    }
    const taken = await tx.query('SELECT 1 FROM org_deletion_requests WHERE request_id = $1', [body.requestId]);
    if (taken.length > 0) {
      throw new TeamError('CONFLICT', 'A deletion request with this id exists already.');
    }
    await tx.query('INSERT INTO org_deletion_requests (request_id, filed_by, created_at, filer_copy) VALUES ($1, $2, $3, $4)', [
      body.requestId,
      actor.member_id,
      new Date(body.createdAt),
      Buffer.from(body.filerCopy, 'base64'),
    ]);
    for (const target of body.targets) {
      await tx.query("INSERT INTO org_deletion_targets (request_id, member_id, sealed, signature, status) VALUES ($1, $2, $3, $4, 'pending')", [
        body.requestId,
        target.memberId,
        Buffer.from(target.sealed, 'base64'),
        Buffer.from(target.signature, 'base64'),
      ]);
    }
    await ctx.audit.append(tx, now, 'deletion.filed', { request: body.requestId, by: actor.member_id, members: memberIds.length });
  });
  return orgDeletionDetail(ctx, body.requestId);
}

/** A member's requests not yet answered, oldest first. */
export async function pendingOrgDeletions(ctx: ServerContext, actor: MemberRow) {
  const rows = await ctx.db.query<{ request_id: string; filed_by: string; created_at: unknown; sealed: unknown; signature: unknown }>(
    `SELECT r.request_id, r.filed_by, r.created_at, t.sealed, t.signature
       FROM org_deletion_targets t JOIN org_deletion_requests r ON r.request_id = t.request_id
      WHERE t.member_id = $1 AND t.status = 'pending' ORDER BY r.created_at, r.request_id LIMIT 100`,
    [actor.member_id],
  );
  return {
    requests: rows.map((r) => ({ requestId: r.request_id, filedBy: r.filed_by, createdAt: isoOf(r.created_at), sealed: b64(bytesOf(r.sealed)), signature: b64(bytesOf(r.signature)) })),
  };
}

/** A member answers: its signed certificate for this request, signed with its enrolled key. */
export async function certifyOrgDeletion(ctx: ServerContext, actor: MemberRow, requestId: string, certificate: unknown): Promise<OrgDeletionView> {
  const parsed = SignedCertificateSchema.safeParse(certificate);
  if (!parsed.success) {
    throw new TeamError('BAD_REQUEST', 'This is not a CallVault deletion certificate.');
  }
  const { certificate: body, signature } = parsed.data;
  const enrolledKey = b64(bytesOf(actor.signing_key));
  if (body.requestId !== requestId || body.signer.kind !== 'team-device' || body.signer.keyId !== actor.member_id || body.signer.publicKey !== enrolledKey || body.performedBy.memberId !== actor.member_id) {
    throw new TeamError('FORBIDDEN', 'The certificate must answer this request and be signed by you with your enrolled team key.');
  }
  if (!ctx.crypto.verifySignature(Buffer.from(signature, 'base64'), certificateSigningText(body), bytesOf(actor.signing_key))) {
    throw new TeamError('INTEGRITY', 'The certificate signature does not verify with your enrolled signing key.');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await tx.query<TargetRow & Record<string, unknown>>('SELECT * FROM org_deletion_targets WHERE request_id = $1 AND member_id = $2 FOR UPDATE', [requestId, actor.member_id]);
    const target = rows[0];
    if (target === undefined) {
      throw new TeamError('NOT_FOUND', 'No deletion request with this id was sent to you.');
    }
    if (target.status === 'done') {
      throw new TeamError('CONFLICT', 'You already answered this request.');
    }
    await tx.query("UPDATE org_deletion_targets SET status = 'done', certificate = $3, done_at = $4 WHERE request_id = $1 AND member_id = $2", [
      requestId,
      actor.member_id,
      canonicalJson(parsed.data),
      now,
    ]);
    await ctx.audit.append(tx, now, 'deletion.certified', { request: requestId, member: actor.member_id, destroyed: body.destroyed.length, kept: body.kept.length });
  });
  return orgDeletionDetail(ctx, requestId);
}

async function viewOf(db: Queryable, request: RequestRow): Promise<OrgDeletionView> {
  const targets = await db.query<TargetRow & Record<string, unknown>>('SELECT request_id, member_id, status, certificate, done_at FROM org_deletion_targets WHERE request_id = $1 ORDER BY member_id', [request.request_id]);
  return {
    requestId: request.request_id,
    filedBy: request.filed_by,
    createdAt: isoOf(request.created_at),
    filerCopy: b64(bytesOf(request.filer_copy)),
    members: targets.map((t) => ({ memberId: t.member_id, status: t.status, doneAt: t.done_at === null ? null : isoOf(t.done_at), certificate: t.certificate === null ? null : (JSON.parse(t.certificate) as unknown) })),
  };
}

export async function orgDeletionDetail(ctx: ServerContext, requestId: string): Promise<OrgDeletionView> {
  const rows = await ctx.db.query<RequestRow & Record<string, unknown>>('SELECT * FROM org_deletion_requests WHERE request_id = $1', [requestId]);
  const request = rows[0];
  if (request === undefined) {
    throw new TeamError('NOT_FOUND', 'No organisation-wide deletion request has this id.');
  }
  return viewOf(ctx.db, request);
}

/** Admins: every request, newest first, with each member's status and certificate. */
export async function listOrgDeletions(ctx: ServerContext): Promise<{ requests: OrgDeletionView[] }> {
  const rows = await ctx.db.query<RequestRow & Record<string, unknown>>('SELECT * FROM org_deletion_requests ORDER BY created_at DESC, request_id LIMIT 100');
  const requests: OrgDeletionView[] = [];
  for (const row of rows) {
    requests.push(await viewOf(ctx.db, row));
  }
  return { requests };
}
