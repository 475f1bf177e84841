import { z } from 'zod';
import { base64Bytes, Fingerprint, Hex64, MemberId, PolicyId } from './manifest';
import { ROLE_IDS } from './roles';

/**
 * The team server's retention API (#15): holds issued on the server by HR and legal or
 * enablement, signed with the issuer's key and verified by each member's app; and
 * organisation-wide customer deletion requests, whose identifiers the server only ever holds
 * sealed to each member's box key. Schemas for the bodies and replies of those routes.
 */

const Signature = base64Bytes(64);
const Timestamp = z.iso.datetime();
const Day = z.iso.date();

/**
 * Which calls a team hold keeps: those of the members named, recorded on or after `from` and on
 * or before `to` (UTC days; null is open-ended), and, when `accountDigests` is not empty, whose
 * account is one of them. Accounts travel as keyed digests only (accountDigest in
 * core/retention/team-hold.ts), so the server never stores an account name.
 */
export const TeamHoldScope = z.strictObject({
  members: z.array(MemberId).min(1).max(500),
  from: Day.nullable(),
  to: Day.nullable(),
  accountDigests: z.array(Hex64).max(50),
});
export type TeamHoldScope = z.infer<typeof TeamHoldScope>;

/** What the issuer signs to issue a hold ("callvault-team-hold-v1\n" + canonical JSON). */
export const TeamHoldGrant = z.strictObject({
  v: z.literal(1),
  kind: z.literal('callvault-team-hold'),
  holdId: z.uuid(),
  exemptionId: PolicyId,
  issuerId: MemberId,
  issuerRole: z.enum(ROLE_IDS),
  issuerSigningFpr: Fingerprint,
  scope: TeamHoldScope,
  issuedAt: Timestamp,
});
export type TeamHoldGrant = z.infer<typeof TeamHoldGrant>;

/** What a releaser signs ("callvault-team-hold-release-v1\n" + canonical JSON). */
export const TeamHoldRelease = z.strictObject({
  v: z.literal(1),
  kind: z.literal('callvault-team-hold-release'),
  holdId: z.uuid(),
  exemptionId: PolicyId,
  issuerId: MemberId,
  issuerRole: z.enum(ROLE_IDS),
  issuerSigningFpr: Fingerprint,
  releasedAt: Timestamp,
});
export type TeamHoldRelease = z.infer<typeof TeamHoldRelease>;

/** A signed grant or release as it travels: its exact canonical JSON text and the signature. */
export const SignedHoldText = z.strictObject({ text: z.string().min(2).max(64_000), signature: Signature });
export const HoldIdParams = z.strictObject({ holdId: z.uuid() });

export const TeamHoldItem = z.strictObject({
  holdId: z.uuid(),
  issuerId: MemberId,
  exemptionId: PolicyId,
  grant: SignedHoldText,
  createdAt: Timestamp,
  release: SignedHoldText.nullable(),
  releasedAt: Timestamp.nullable(),
});
export type TeamHoldItem = z.infer<typeof TeamHoldItem>;
export const TeamHoldList = z.strictObject({ holds: z.array(TeamHoldItem) });

/** Sealed identifiers: crypto_box_seal of their canonical JSON (at most 50 of each kind). */
const Sealed = base64Bytes(60_000);

/** An admin's organisation-wide deletion request: one sealed copy and one signature per member. */
export const OrgDeletionFile = z.strictObject({
  requestId: z.uuid(),
  createdAt: Timestamp,
  /** Sealed to the filer's own box key, so the filer can check certificates against the request later. */
  filerCopy: Sealed,
  targets: z
    .array(z.strictObject({ memberId: MemberId, sealed: Sealed, signature: Signature }))
    .min(1)
    .max(500),
});
export const OrgDeletionIdParams = z.strictObject({ requestId: z.uuid() });

/** What a member's app fetches at sync: requests addressed to it that it has not answered. */
export const OrgDeletionPending = z.strictObject({
  requests: z.array(z.strictObject({ requestId: z.uuid(), filedBy: MemberId, createdAt: Timestamp, sealed: Sealed, signature: Signature })),
});

/** A member's signed deletion certificate (core/deletion/deletion-certificate.ts), checked by the server. */
export const OrgDeletionCertificateUpload = z.strictObject({ certificate: z.unknown() });

/** What a member hears back after answering (it does not see the other members' answers). */
export const OrgDeletionMemberAck = z.strictObject({ requestId: z.uuid(), status: z.literal('done') });

export const OrgDeletionMemberStatus = z.strictObject({
  memberId: MemberId,
  status: z.enum(['pending', 'done']),
  doneAt: Timestamp.nullable(),
  certificate: z.unknown(),
});
export const OrgDeletionView = z.strictObject({
  requestId: z.uuid(),
  filedBy: MemberId,
  createdAt: Timestamp,
  filerCopy: Sealed,
  members: z.array(OrgDeletionMemberStatus),
});
export type OrgDeletionView = z.infer<typeof OrgDeletionView>;
export const OrgDeletionList = z.strictObject({ requests: z.array(OrgDeletionView) });

/** The text a filer signs for one member's copy of a request. */
export function orgDeletionMessage(requestId: string, memberId: string, createdAt: string, sealed: string): string {
  return `callvault-org-deletion-v1\n${requestId}\n${memberId}\n${createdAt}\n${sealed}`;
}

// Exemption requests (#15 section 3): a rep asks that a call be kept under an exemption (the
// training library, say); a role the exemption's grantedBy lists grants it with a signed team
// hold (recorded here by its id) or declines it with a reason. Ids and a UTC day only: no title,
// account or customer data ever reaches the server.
export const ExemptionRequestState = z.enum(['pending', 'granted', 'declined']);
export type ExemptionRequestState = z.infer<typeof ExemptionRequestState>;

export const ExemptionRequestCreate = z.strictObject({
  requestId: z.uuid(),
  recordingId: z.uuid(),
  /** The UTC day the call was recorded: the scope of the hold a grant issues. */
  recordedOn: Day,
  exemptionId: PolicyId,
});
export type ExemptionRequestCreate = z.infer<typeof ExemptionRequestCreate>;

export const ExemptionRequestIdParams = z.strictObject({ requestId: z.uuid() });

/** Grant: the id of the signed team hold the granter issued for it (POST /v1/holds first); decline: why. */
export const ExemptionDecision = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('grant'), holdId: z.uuid() }),
  z.strictObject({ decision: z.literal('decline'), reason: z.string().trim().min(1).max(500) }),
]);
export type ExemptionDecision = z.infer<typeof ExemptionDecision>;

export const ExemptionRequestView = z.strictObject({
  requestId: z.uuid(),
  memberId: MemberId,
  recordingId: z.uuid(),
  recordedOn: Day,
  exemptionId: PolicyId,
  state: ExemptionRequestState,
  createdAt: Timestamp,
  decidedBy: MemberId.nullable(),
  decidedAt: Timestamp.nullable(),
  reason: z.string().nullable(),
  holdId: z.uuid().nullable(),
});
export type ExemptionRequestView = z.infer<typeof ExemptionRequestView>;
export const ExemptionRequestList = z.strictObject({ requests: z.array(ExemptionRequestView) });
