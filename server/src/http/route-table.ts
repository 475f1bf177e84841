import { z } from 'zod';
import {
  ChallengeReply,
  ChallengeRequest,
  DirectoryReply,
  EnrollRequest,
  HealthReply,
  InboxPageReply,
  InboxQuery,
  InvitationCreate,
  InvitationReply,
  MemberIdParams,
  MemberView,
  PerformanceDecisionRequest,
  PerformanceRequestCreate,
  PerformanceRequestList,
  PerformanceRequestView,
  PolicyReply,
  RemovedReply,
  RequestIdParams,
  RevokeReply,
  SessionReply,
  SessionRequest,
  ShareCreatedReply,
  ShareDetailReply,
  ShareIdParams,
  ShareListReply,
  SHARE_UPLOAD_MEDIA_TYPE,
  SignedPublication,
  CallApprovalCreate,
  CallApprovalDecisionRequest,
  CallApprovalList,
  CallApprovalView,
} from '../../../src/shared/team/api';
import { mayAdminister } from '../../../src/core/team/share-access';
import { createChallenge, createSession } from '../services/auth';
import type { ServerContext } from '../services/context';
import { createInvitation, directory, enroll, memberView, partyOf, removeMember, type MemberRow } from '../services/members';
import { currentPolicyPublication, currentRoster } from '../services/publications';
import { keyChain } from '../services/org-key';
import { OrgKeyChainReply } from '../../../src/shared/team/org-key';
import { decideRequest, fileRequest, listRequests } from '../services/performance';
import { callApprovalDetail, decideCallApproval, listCallApprovals, requestCallApproval } from '../services/call-approvals';
import { createShare, downloadCiphertext, inboxPage, revokeShare, sent, shareDetail } from '../services/shares';
import { TeamError } from './team-error';
import { HoldIdParams, OrgDeletionCertificateUpload, OrgDeletionFile, OrgDeletionIdParams, OrgDeletionList, OrgDeletionMemberAck, OrgDeletionPending, OrgDeletionView, SignedHoldText, TeamHoldItem, TeamHoldList } from '../../../src/shared/team/retention-api';
import { issueHold, listHolds, releaseHold } from '../services/team-holds';
import { decideExemptionRequest, fileExemptionRequest, listExemptionRequests } from '../services/exemption-requests';
import { ExemptionDecision, ExemptionRequestCreate, ExemptionRequestIdParams, ExemptionRequestList, ExemptionRequestView } from '../../../src/shared/team/retention-api';
import { certifyOrgDeletion, fileOrgDeletion, listOrgDeletions, orgDeletionDetail, pendingOrgDeletions } from '../services/org-deletion';

/**
 * Every route of the API in one table: method, path, who may call it, the zod schemas of its
 * parameters, body and reply, and the handler. The server registers routes from this table and
 * builds /v1/openapi.json from it, so the document cannot drift from what is enforced.
 */
export type Auth = 'none' | 'member' | 'admin';
type Empty = z.ZodObject<Record<string, never>>;

export interface RouteDef<P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly summary: string;
  readonly auth: Auth;
  readonly params?: P;
  /** Query-string parameters (an object of optional strings, coerced by the schema). */
  readonly query?: Q;
  /** A JSON body schema, or 'share-upload' for the framed binary upload. */
  readonly body?: B | 'share-upload';
  /** The reply schema, or 'bytes' for application/octet-stream. */
  readonly reply: R | 'bytes';
  readonly handler: (
    ctx: ServerContext,
    input: { member: MemberRow | undefined; params: z.output<P>; query: z.output<Q>; body: B extends z.ZodType ? z.output<B> : Uint8Array },
  ) => Promise<R extends z.ZodType ? z.input<R> : Uint8Array>;
}

function route<P extends z.ZodType = Empty, B extends z.ZodType = Empty, R extends z.ZodType = z.ZodType, Q extends z.ZodType = Empty>(def: RouteDef<P, B, R, Q>): RouteDef {
  return def;
}

function need(member: MemberRow | undefined): MemberRow {
  if (member === undefined) {
    throw new TeamError('UNAUTHORIZED', 'Sign in first.');
  }
  return member;
}

export const ROUTES: readonly RouteDef[] = [
  route({ method: 'GET', url: '/v1/health', summary: 'Liveness', auth: 'none', reply: HealthReply, handler: () => Promise.resolve({ ok: true as const }) }),
  route({
    method: 'POST',
    url: '/v1/enroll',
    summary: 'Enrol with a one-time invitation code and the public signing (Ed25519) and box (X25519) keys',
    auth: 'none',
    body: EnrollRequest,
    reply: MemberView,
    handler: (ctx, { body }) => enroll(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/v1/auth/challenge',
    summary: 'Ask for a sign-in challenge (a nonce to sign)',
    auth: 'none',
    body: ChallengeRequest,
    reply: ChallengeReply,
    handler: (ctx, { body }) => createChallenge(ctx, body.memberId),
  }),
  route({
    method: 'POST',
    url: '/v1/auth/session',
    summary: 'Answer a challenge with its signature; returns a short-lived session token',
    auth: 'none',
    body: SessionRequest,
    reply: SessionReply,
    handler: (ctx, { body }) => createSession(ctx, body.challengeId, body.signature),
  }),
  route({ method: 'GET', url: '/v1/me', summary: 'The signed-in member', auth: 'member', reply: MemberView, handler: (_ctx, { member }) => Promise.resolve(memberView(need(member))) }),
  route({
    method: 'GET',
    url: '/v1/directory',
    summary: 'Active members with their roles, teams, public keys and fingerprints',
    auth: 'member',
    reply: DirectoryReply,
    handler: async (ctx) => ({ members: await directory(ctx) }),
  }),
  route({
    method: 'GET',
    url: '/v1/policy',
    summary: "The organisation's governance policy and its hash (manifests must name this hash)",
    auth: 'member',
    reply: PolicyReply,
    handler: async (ctx) => ({ hash: ctx.policy.hash, text: ctx.policy.text, publication: await currentPolicyPublication(ctx) }),
  }),
  route({
    method: 'GET',
    url: '/v1/roster',
    summary: "Members, roles, teams and keys as the organisation's admin key signed them (RosterBody)",
    auth: 'member',
    reply: SignedPublication,
    handler: (ctx) => currentRoster(ctx),
  }),
  route({
    method: 'GET',
    url: '/v1/org-key/chain',
    summary: "The organisation key's key-change statements (callvault-orgkey-v1), oldest first, each signed by the key it retired",
    auth: 'member',
    reply: OrgKeyChainReply,
    handler: (ctx) => keyChain(ctx),
  }),
  route({
    method: 'POST',
    url: '/v1/shares',
    summary: `Upload a share (${SHARE_UPLOAD_MEDIA_TYPE}: u32le header length, JSON {manifest, signature}, ciphertext)`,
    auth: 'member',
    body: 'share-upload',
    reply: ShareCreatedReply,
    handler: async (ctx, { member, body }) => ({ shareId: await createShare(ctx, need(member), body as Uint8Array) }),
  }),
  route({
    method: 'GET',
    url: '/v1/inbox',
    summary:
      'One page of my inbox. Without a cursor, a first sync: live shares, then what changed since it began; with the cursor of the last page, shares that arrived and ids withdrawn (revoked, expired) since. Keep the cursor of the page with more: false for the next sync. CURSOR_INVALID: not a cursor this server issued to you; CURSOR_RESET: the server\'s database was reset or restored, start again without a cursor',
    auth: 'member',
    query: InboxQuery,
    reply: InboxPageReply,
    handler: (ctx, { member, query }) => inboxPage(ctx, need(member), query),
  }),
  route({ method: 'GET', url: '/v1/shares/sent', summary: 'Shares I sent', auth: 'member', reply: ShareListReply, handler: (ctx, { member }) => sent(ctx, need(member)) }),
  route({
    method: 'GET',
    url: '/v1/shares/:shareId',
    summary: "A share's signed manifest and the sender's signing key",
    auth: 'member',
    params: ShareIdParams,
    reply: ShareDetailReply,
    handler: (ctx, { member, params }) => shareDetail(ctx, need(member), params.shareId),
  }),
  route({
    method: 'GET',
    url: '/v1/shares/:shareId/ciphertext',
    summary: "A share's ciphertext (application/octet-stream)",
    auth: 'member',
    params: ShareIdParams,
    reply: 'bytes',
    handler: (ctx, { member, params }) => downloadCiphertext(ctx, need(member), params.shareId),
  }),
  route({
    method: 'DELETE',
    url: '/v1/shares/:shareId',
    summary: 'Revoke a share I sent: its ciphertext is deleted at once',
    auth: 'member',
    params: ShareIdParams,
    reply: RevokeReply,
    handler: async (ctx, { member, params }) => ({ shareId: params.shareId, revokedAt: await revokeShare(ctx, need(member), params.shareId) }),
  }),
  route({
    method: 'POST',
    url: '/v1/performance-requests',
    summary: 'File a performance-use request for a clip shared with me (managers)',
    auth: 'member',
    body: PerformanceRequestCreate,
    reply: PerformanceRequestView,
    handler: (ctx, { member, body }) => fileRequest(ctx, need(member), body.shareId, body.use),
  }),
  route({
    method: 'GET',
    url: '/v1/performance-requests',
    summary: 'Requests about my clips, requests I filed, or (HR and legal) all requests',
    auth: 'member',
    reply: PerformanceRequestList,
    handler: (ctx, { member }) => listRequests(ctx, need(member)),
  }),
  route({
    method: 'POST',
    url: '/v1/performance-requests/:requestId/decision',
    summary: 'Approve or deny a request, signed (HR and legal)',
    auth: 'member',
    params: RequestIdParams,
    body: PerformanceDecisionRequest,
    reply: PerformanceRequestView,
    handler: (ctx, { member, params, body }) => decideRequest(ctx, need(member), params.requestId, body.decision, body.signature),
  }),
  route({
    method: 'POST',
    url: '/v1/admin/invitations',
    summary: 'Create a one-time invitation code (admin)',
    auth: 'admin',
    body: InvitationCreate,
    reply: InvitationReply,
    handler: (ctx, { member, body }) => createInvitation(ctx, body, need(member).member_id),
  }),
  route({
    method: 'DELETE',
    url: '/v1/admin/members/:memberId',
    summary: 'Remove a member (admin): their sessions end at once',
    auth: 'admin',
    params: MemberIdParams,
    reply: RemovedReply,
    handler: async (ctx, { member, params }) => ({ memberId: params.memberId, removedAt: await removeMember(ctx, params.memberId, need(member).member_id) }),
  }),
  // Retention across the team (#15): holds, and organisation-wide customer deletion requests.
  route({
    method: 'POST',
    url: '/v1/holds',
    summary: 'Issue a hold, signed (the roles the exemption lists: HR and legal for a legal hold, enablement for training)',
    auth: 'member',
    body: SignedHoldText,
    reply: TeamHoldItem,
    handler: (ctx, { member, body }) => issueHold(ctx, need(member), body.text, body.signature),
  }),
  route({
    method: 'POST',
    url: '/v1/holds/:holdId/release',
    summary: 'Release a hold, signed (a role that may grant it)',
    auth: 'member',
    params: HoldIdParams,
    body: SignedHoldText,
    reply: TeamHoldItem,
    handler: (ctx, { member, params, body }) => releaseHold(ctx, need(member), params.holdId, body.text, body.signature),
  }),
  route({ method: 'GET', url: '/v1/holds', summary: 'Holds that name me, and holds I issued', auth: 'member', reply: TeamHoldList, handler: (ctx, { member }) => listHolds(ctx, need(member)) }),
  route({
    method: 'POST',
    url: '/v1/admin/deletion-requests',
    summary: "File an organisation-wide customer deletion request (admin): the identifiers sealed to each member's box key, each copy signed",
    auth: 'admin',
    body: OrgDeletionFile,
    reply: OrgDeletionView,
    handler: (ctx, { member, body }) => fileOrgDeletion(ctx, need(member), body),
  }),
  route({ method: 'GET', url: '/v1/admin/deletion-requests', summary: 'Organisation-wide deletion requests with each member\'s status and certificate (admin)', auth: 'admin', reply: OrgDeletionList, handler: (ctx) => listOrgDeletions(ctx) }),
  route({
    method: 'GET',
    url: '/v1/admin/deletion-requests/:requestId',
    summary: "One organisation-wide deletion request with each member's status and certificate (admin)",
    auth: 'admin',
    params: OrgDeletionIdParams,
    reply: OrgDeletionView,
    handler: (ctx, { params }) => orgDeletionDetail(ctx, params.requestId),
  }),
  route({ method: 'GET', url: '/v1/deletion-requests/pending', summary: 'Deletion requests sent to me that my app has not answered', auth: 'member', reply: OrgDeletionPending, handler: (ctx, { member }) => pendingOrgDeletions(ctx, need(member)) }),
  route({
    method: 'POST',
    url: '/v1/deletion-requests/:requestId/certificate',
    summary: "Answer a deletion request with this member's signed deletion certificate",
    auth: 'member',
    params: OrgDeletionIdParams,
    body: OrgDeletionCertificateUpload,
    reply: OrgDeletionMemberAck,
    handler: async (ctx, { member, params, body }) => {
      await certifyOrgDeletion(ctx, need(member), params.requestId, body.certificate);
      return { requestId: params.requestId, status: 'done' as const };
    },
  }),
  // Approvals for approval-gated call types (#14 section 3).
  route({
    method: 'POST',
    url: '/v1/call-approvals',
    summary: 'Ask for approval to record a call of an approval-gated type (reps): call type, window, policy hash, details sealed to the approvers',
    auth: 'member',
    body: CallApprovalCreate,
    reply: CallApprovalView,
    handler: (ctx, { member, body }) => requestCallApproval(ctx, need(member), body),
  }),
  route({
    method: 'GET',
    url: '/v1/call-approvals',
    summary: 'My own call approval requests, and those my role may decide under the policy',
    auth: 'member',
    reply: CallApprovalList,
    handler: (ctx, { member }) => listCallApprovals(ctx, need(member)),
  }),
  route({
    method: 'GET',
    url: '/v1/call-approvals/:requestId',
    summary: 'One call approval request (its rep, or a member whose role may decide it)',
    auth: 'member',
    params: RequestIdParams,
    reply: CallApprovalView,
    handler: (ctx, { member, params }) => callApprovalDetail(ctx, need(member), params.requestId),
  }),
  route({
    method: 'POST',
    url: '/v1/call-approvals/:requestId/decision',
    summary: "Approve or deny a call approval request, signed (the roles the policy names as the call type's approvers)",
    auth: 'member',
    params: RequestIdParams,
    body: CallApprovalDecisionRequest,
    reply: CallApprovalView,
    handler: (ctx, { member, params, body }) => decideCallApproval(ctx, need(member), params.requestId, body.decision, body.signature),
  }),
  // Exemption requests (#15 section 3): a rep asks that a call be kept; a role in the exemption's grantedBy decides.
  route({
    method: 'POST',
    url: '/v1/exemption-requests',
    summary: "Ask that one of my calls be kept under a policy exemption (ids and the call's UTC day only)",
    auth: 'member',
    body: ExemptionRequestCreate,
    reply: ExemptionRequestView,
    handler: (ctx, { member, body }) => fileExemptionRequest(ctx, need(member), body),
  }),
  route({
    method: 'GET',
    url: '/v1/exemption-requests',
    summary: "My own exemption requests, the pending ones for exemptions my role may grant (the policy's grantedBy), and those I decided",
    auth: 'member',
    reply: ExemptionRequestList,
    handler: (ctx, { member }) => listExemptionRequests(ctx, need(member)),
  }),
  route({
    method: 'POST',
    url: '/v1/exemption-requests/:requestId/decision',
    summary: "Grant an exemption request with the signed hold I issued for that rep and day, or decline it with a reason (a role in the exemption's grantedBy)",
    auth: 'member',
    params: ExemptionRequestIdParams,
    body: ExemptionDecision,
    reply: ExemptionRequestView,
    handler: (ctx, { member, params, body }) => decideExemptionRequest(ctx, need(member), params.requestId, body),
  }),
];

export function requireAdmin(member: MemberRow): void {
  const decision = mayAdminister(partyOf(member));
  if (!decision.allow) {
    throw new TeamError('FORBIDDEN', `${decision.reason}.`);
  }
}
