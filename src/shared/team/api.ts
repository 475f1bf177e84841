import { z } from 'zod';
import { base64Bytes, Fingerprint, Hex64, MemberId, PolicyId, ShareId } from './manifest';
import { ROLE_IDS } from './roles';

/**
 * The team server's HTTP API (`/v1`), one zod schema per body and reply. The server validates
 * every request with these and builds its OpenAPI document from them; the app's team client
 * parses every reply with them.
 */

export const TeamErrorCode = z.enum([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GONE',
  'INTEGRITY',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
  // Incremental inbox sync (#14): a cursor that is not one this server issued to this member
  // (malformed, altered, another member's: 400), and one from another or a reset database (410:
  // the app lists its inbox again from the start).
  'CURSOR_INVALID',
  'CURSOR_RESET',
]);
export type TeamErrorCode = z.infer<typeof TeamErrorCode>;
export const ErrorReply = z.strictObject({ error: z.strictObject({ code: TeamErrorCode, message: z.string() }) });

const PublicKey = base64Bytes(32);
const Signature = base64Bytes(64);
const Timestamp = z.iso.datetime();
export const Role = z.enum(ROLE_IDS);
/** Team names are ids ("emea-west"), not people's names. */
export const TeamName = PolicyId;
/** Invitation codes: "cv1-" and 32 base32 characters (160 bits). */
export const InvitationCode = z.string().regex(/^cv1-[a-z2-7]{32}$/, 'expected an invitation code such as cv1-…');

export const EnrollRequest = z.strictObject({
  code: InvitationCode,
  signingKey: PublicKey,
  boxKey: PublicKey,
  /** Ed25519 signature of `enrollMessage(...)`: proves the member holds the signing key. */
  proof: Signature,
});
export const MemberView = z.strictObject({
  memberId: MemberId,
  email: z.email(),
  role: Role,
  team: TeamName.nullable(),
  signingKey: PublicKey,
  boxKey: PublicKey,
  signingKeyFingerprint: Fingerprint,
  boxKeyFingerprint: Fingerprint,
  enrolledAt: Timestamp,
});
export type MemberView = z.infer<typeof MemberView>;

export const ChallengeRequest = z.strictObject({ memberId: MemberId });
export const ChallengeReply = z.strictObject({ challengeId: z.uuid(), nonce: base64Bytes(32), expiresAt: Timestamp });
export const SessionRequest = z.strictObject({ challengeId: z.uuid(), signature: Signature });
export const SessionReply = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/), expiresAt: Timestamp });

export const DirectoryReply = z.strictObject({ members: z.array(MemberView) });
/** A document the organisation's admin key signed: its exact JSON text and the Ed25519 signature (see signing.ts). */
export const SignedPublication = z.strictObject({ body: z.string().max(4_000_000), signature: Signature });
export type SignedPublication = z.infer<typeof SignedPublication>;
/** The policy text, its hash, and the admin-signed publication naming that hash (PolicyPublicationBody). */
export const PolicyReply = z.strictObject({ hash: z.string(), text: z.string(), publication: SignedPublication });

export const ShareIdParams = z.strictObject({ shareId: ShareId });
export const ShareSummary = z.strictObject({
  shareId: ShareId,
  senderId: MemberId,
  purpose: PolicyId,
  ciphertextBytes: z.int(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  revokedAt: Timestamp.nullable(),
});
export const ShareListReply = z.strictObject({
  shares: z.array(ShareSummary),
  /** Shares this member held that were revoked or expired: the app deletes its copies. */
  withdrawnShareIds: z.array(ShareId),
});

// --- Incremental inbox sync (#14) ---

/** The most items (shares and withdrawn ids together) one inbox page holds, and the default. */
export const INBOX_PAGE_MAX = 400;
export const INBOX_PAGE_DEFAULT = 200;
/**
 * An inbox cursor as the server issues it: opaque to the app, signed by the server, bound to one
 * member and one database. Anything else is refused with CURSOR_INVALID.
 */
export const InboxCursor = z.string().max(512);
export const InboxQuery = z.strictObject({
  /** Absent: a first (full) sync, live shares only. Else the cursor of the previous page or sync. */
  cursor: InboxCursor.optional(),
  limit: z.coerce.number().int().min(1).max(INBOX_PAGE_MAX).optional(),
});
export const InboxPageReply = z.strictObject({
  /** Live shares past the cursor, in change order. */
  shares: z.array(ShareSummary),
  /** Shares this member held that were revoked or expired past the cursor: the app deletes its copies. */
  withdrawnShareIds: z.array(ShareId),
  /** Pass it back for the next page (when `more`) or at the next sync. */
  cursor: InboxCursor,
  /** Another page follows now; false: this sync is complete and `cursor` is the one to keep. */
  more: z.boolean(),
});
export type InboxPageReply = z.infer<typeof InboxPageReply>;

export const ShareCreatedReply = z.strictObject({ shareId: ShareId });
export const ShareDetailReply = z.strictObject({
  shareId: ShareId,
  /** The manifest exactly as signed; verify before parsing. */
  manifest: z.string(),
  signature: Signature,
  senderSigningKey: PublicKey,
});
export const RevokeReply = z.strictObject({ shareId: ShareId, revokedAt: Timestamp });

export const PerformanceRequestCreate = z.strictObject({
  shareId: ShareId,
  /** A use id from the policy's `uses.requiresApproval` (performance-review, disciplinary ...). */
  use: PolicyId,
});
export const Decision = z.enum(['approved', 'denied']);
export type Decision = z.infer<typeof Decision>;
export const RequestIdParams = z.strictObject({ requestId: z.uuid() });
export const PerformanceDecisionRequest = z.strictObject({ decision: Decision, signature: Signature });
export const PerformanceRequestView = z.strictObject({
  requestId: z.uuid(),
  shareId: ShareId,
  repId: MemberId,
  requesterId: MemberId,
  use: PolicyId,
  status: z.enum(['pending', 'approved', 'denied']),
  createdAt: Timestamp,
  decidedBy: MemberId.nullable(),
  decidedAt: Timestamp.nullable(),
  decisionSignature: Signature.nullable(),
});
export const PerformanceRequestList = z.strictObject({ requests: z.array(PerformanceRequestView) });

export const InvitationCreate = z.strictObject({ email: z.email(), role: Role, team: TeamName.nullable() });
export const InvitationReply = z.strictObject({
  code: InvitationCode,
  expiresAt: Timestamp,
  /** The organisation's admin public key (Ed25519), which signs the roster and policy publications. */
  orgKey: PublicKey,
  /** What the invitee types into the app: the code and the admin key together (`memberInvitation`). */
  invitation: z.string(),
});
export const MemberIdParams = z.strictObject({ memberId: MemberId });
export const RemovedReply = z.strictObject({ memberId: MemberId, removedAt: Timestamp });
export const HealthReply = z.strictObject({ ok: z.literal(true) });

/** The upload body: u32le length of a JSON header, the header, then the ciphertext bytes. */
export const SHARE_UPLOAD_MEDIA_TYPE = 'application/vnd.callvault.share';
export const ShareUploadHeader = z.strictObject({ manifest: z.string().max(64 * 1024), signature: Signature });

// --- Admin-signed publications: the roster and the policy (#14) ---

/**
 * Roles, teams and keys as the organisation's admin key signed them. The app takes roles for
 * access decisions only from a roster that verifies under the admin key it pinned at enrolment,
 * and never from an older version than one it accepted.
 */
export const RosterBody = z.strictObject({
  format: z.literal('callvault-roster-v1'),
  version: z.int().positive(),
  publishedAt: Timestamp,
  members: z.array(MemberView),
  /**
   * The organisation (server migration 009's random id), so an app knows which organisation's
   * key-change statements to follow. Absent from rosters signed before it existed.
   */
  organisation: z.uuid().optional(),
});
export type RosterBody = z.infer<typeof RosterBody>;

/** The policy publication: which policy text (by hash) is in force, its version, and whether it changed materially. */
export const PolicyPublicationBody = z.strictObject({
  format: z.literal('callvault-policy-v1'),
  version: z.int().positive(),
  policyHash: z.string(),
  /** src/core/policy/material-change.ts's fingerprint: equal fingerprints mean no material change. */
  materialFingerprint: z.string(),
  /** True when this version changed a material section since the version before it. */
  materialChange: z.boolean(),
  publishedAt: Timestamp,
});
export type PolicyPublicationBody = z.infer<typeof PolicyPublicationBody>;

/**
 * The invitation a member types into the app: the server's one-time code, a dot, and the admin
 * public key in base64url (43 characters). The app pins that key; it never takes it from the server.
 */
export const MemberInvitation = z.string().regex(/^cv1-[a-z2-7]{32}\.[A-Za-z0-9_-]{43}$/, 'expected the invitation as your admin gave it: cv1-… followed by a dot and the organisation key');

export function memberInvitation(code: string, orgKeyBase64: string): string {
  return `${code}.${orgKeyBase64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}`;
}

export function splitInvitation(invitation: string): { code: string; orgKey: string } {
  const [code = '', key = ''] = invitation.split('.');
  return { code, orgKey: `${key.replaceAll('-', '+').replaceAll('_', '/')}=` };
}

// --- Approvals for approval-gated call types (#14 section 3) ---

/**
 * What the server learns of a call approval request: the rep (from the session), the call type
 * (a policy id), the policy hash, the validity window and a digest. The account and the reason
 * travel only sealed (crypto_box_seal) to each approver the roster names for that call type and
 * to the rep; the digest (SHA-256 over a random nonce and that text) lets the approver's
 * signature bind them without the server being able to guess them.
 */
export const CALL_APPROVAL_MAX_DAYS = 14;
export const SealedCopy = z.strictObject({ memberId: MemberId, sealed: base64Bytes(2048) });
export const CallApprovalCreate = z.strictObject({
  callType: PolicyId,
  policyHash: z.string().min(1).max(200),
  validFrom: Timestamp,
  validUntil: Timestamp,
  detailsDigest: Hex64,
  copies: z.array(SealedCopy).min(2).max(50),
});
export const CallApprovalView = z.strictObject({
  requestId: z.uuid(),
  repId: MemberId,
  callType: PolicyId,
  policyHash: z.string(),
  validFrom: Timestamp,
  validUntil: Timestamp,
  detailsDigest: Hex64,
  status: z.enum(['pending', 'approved', 'denied']),
  createdAt: Timestamp,
  decidedBy: MemberId.nullable(),
  decidedAt: Timestamp.nullable(),
  decisionSignature: Signature.nullable(),
  /** The details sealed to the member reading this, if the rep sealed a copy to them. */
  sealed: z.string().nullable(),
});
export type CallApprovalView = z.infer<typeof CallApprovalView>;
export const CallApprovalList = z.strictObject({ approvals: z.array(CallApprovalView) });
export const CallApprovalDecisionRequest = z.strictObject({ decision: Decision, signature: Signature });
