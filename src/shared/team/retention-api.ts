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
