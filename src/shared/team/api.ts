import { z } from 'zod';
import { base64Bytes, Fingerprint, MemberId, PolicyId, ShareId } from './manifest';
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
export const PolicyReply = z.strictObject({ hash: z.string(), text: z.string() });

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
export const InvitationReply = z.strictObject({ code: InvitationCode, expiresAt: Timestamp });
export const MemberIdParams = z.strictObject({ memberId: MemberId });
export const RemovedReply = z.strictObject({ memberId: MemberId, removedAt: Timestamp });
export const HealthReply = z.strictObject({ ok: z.literal(true) });

/** The upload body: u32le length of a JSON header, the header, then the ciphertext bytes. */
export const SHARE_UPLOAD_MEDIA_TYPE = 'application/vnd.callvault.share';
export const ShareUploadHeader = z.strictObject({ manifest: z.string().max(64 * 1024), signature: Signature });
