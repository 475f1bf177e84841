import { z } from 'zod';
import { MemberInvitation, PerformanceRequestView, Role } from '../team/api';
import { Fingerprint, PolicyId } from '../team/manifest';

/**
 * Team sharing as the UI asks for it (#14): enrolment with the team server, the members a clip may
 * go to, the share outbox, and the inbox of received clips. A share is only ever of a reviewed,
 * redacted clip (the export gate) and only on the rep's explicit confirmation (`confirm: true`).
 */

/** The longest clip one share carries: ten minutes (the server takes uploads up to 64 MiB). */
export const MAX_SHARE_CLIP_MS = 10 * 60 * 1000;

const ClipRange = {
  recordingId: z.uuid(),
  fromMs: z.number().int().nonnegative(),
  toMs: z.number().int().positive(),
};
const clipRangeOk = (c: { fromMs: number; toMs: number }) => c.toMs > c.fromMs && c.toMs - c.fromMs <= MAX_SHARE_CLIP_MS;
const clipRangeMessage = `a clip ends after it starts and lasts at most ${String(MAX_SHARE_CLIP_MS / 60000)} minutes`;

export const TeamMemberSelf = z.object({
  memberId: z.uuid(),
  email: z.string(),
  role: Role,
  team: z.string().nullable(),
  signingKeyFingerprint: Fingerprint,
  boxKeyFingerprint: Fingerprint,
  enrolledAt: z.string(),
});

export const TeamStatusView = z.object({
  enrolled: z.boolean(),
  serverUrl: z.string().nullable(),
  member: TeamMemberSelf.nullable(),
  outbox: z.object({ pending: z.number().int(), refused: z.number().int() }),
});
export type TeamStatusView = z.infer<typeof TeamStatusView>;

export const TeamMemberView = z.object({
  memberId: z.uuid(),
  email: z.string(),
  role: Role,
  team: z.string().nullable(),
  signingKeyFingerprint: Fingerprint,
  boxKeyFingerprint: Fingerprint,
  /** confirmed: as first seen or as the rep confirmed; changed: not shared with until confirmed. */
  keyState: z.enum(['confirmed', 'changed']),
  /** Whether the policy lets this member receive a clip for the purpose asked about, and why not. */
  allowed: z.boolean(),
  reason: z.string().nullable(),
});
export type TeamMemberView = z.infer<typeof TeamMemberView>;

export const TeamMembersView = z.object({ online: z.boolean(), purposes: z.array(PolicyId), members: z.array(TeamMemberView) });
export type TeamMembersView = z.infer<typeof TeamMembersView>;

export const SharePreviewView = z.object({
  recordingId: z.uuid(),
  fromMs: z.number().int(),
  toMs: z.number().int(),
  transcriptVersion: z.number().int(),
  reviewedAt: z.string(),
  reviewedBy: z.string(),
  /** The redacted text of the clip, exactly as it will be sent. */
  text: z.string(),
  audioBytes: z.number().int(),
  redactedFindings: z.number().int(),
  redactedSegments: z.number().int(),
  mutedSeconds: z.number(),
});
export type SharePreviewView = z.infer<typeof SharePreviewView>;

export const OutboxEntryView = z.object({
  shareId: z.uuid(),
  recordingId: z.string(),
  fromMs: z.number().int(),
  toMs: z.number().int(),
  purpose: z.string(),
  recipients: z.array(z.string()),
  state: z.enum(['pending', 'sent', 'refused', 'revoked']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  sentAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type OutboxEntryView = z.infer<typeof OutboxEntryView>;

export const InboxEntryView = z.object({
  shareId: z.uuid(),
  senderId: z.uuid(),
  senderEmail: z.string().nullable(),
  purpose: z.string(),
  createdAt: z.string().nullable(),
  expiresAt: z.string(),
  /** Kept in this vault (downloaded and verified). */
  downloaded: z.boolean(),
});
export type InboxEntryView = z.infer<typeof InboxEntryView>;

export const InboxListView = z.object({ online: z.boolean(), clips: z.array(InboxEntryView) });
export type InboxListView = z.infer<typeof InboxListView>;

export const ReceivedClipView = z.object({
  shareId: z.uuid(),
  senderId: z.uuid(),
  senderEmail: z.string().nullable(),
  purpose: z.string(),
  /** "Coaching. Not for performance review." unless a performance-use request was approved. */
  banner: z.string(),
  fromMs: z.number().int(),
  toMs: z.number().int(),
  text: z.string(),
  expiresAt: z.string(),
  redactedFindings: z.number().int(),
  /** The redacted clip as a 16-bit WAV; travels as a binary frame. */
  wav: z.instanceof(Uint8Array),
});
export type ReceivedClipView = z.infer<typeof ReceivedClipView>;

/** The policy's rules for using received clips, which a receiver acknowledges before the first opens. */
export const UsageRulesView = z.object({
  /** sha256 of the rules as published; an acknowledgment is of this exact version. */
  hash: z.string(),
  healthy: z.array(z.string()),
  unhealthy: z.array(z.string()),
  needsApproval: z.array(z.string()),
  acknowledgedAt: z.string().nullable(),
  /** True when the acknowledgment on record is of these rules (not of an earlier version). */
  acknowledged: z.boolean(),
});
export type UsageRulesView = z.infer<typeof UsageRulesView>;

const ShareRef = z.object({ shareId: z.uuid() }).strict();

/** The policy publication this vault accepted (signature verified under the organisation key pinned at enrolment). */
export const TeamPolicyView = z.object({
  version: z.number().int(),
  policyHash: z.string(),
  name: z.string(),
  /** Whether this version changed a material section since the version before it. */
  materialChange: z.boolean(),
  publishedAt: z.string(),
  acknowledgedVersion: z.number().int().nullable(),
  /** A material change since the version the member acknowledged (or joined under): sharing and opening clips wait. */
  needsAcknowledgment: z.boolean(),
  online: z.boolean(),
});
export type TeamPolicyView = z.infer<typeof TeamPolicyView>;

/**
 * A call approval request as the app shows it (#14 section 3): the account and the reason come
 * from the copy sealed to this member (null when none was sealed to them or it does not match the
 * signed digest); the server sees neither.
 */
export const CallApprovalItem = z.object({
  requestId: z.uuid(),
  repId: z.uuid(),
  repEmail: z.string().nullable(),
  callType: z.string(),
  account: z.string().nullable(),
  reason: z.string().nullable(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: z.enum(['pending', 'approved', 'denied']),
  decidedByEmail: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Asked by this member (the rep). */
  mine: z.boolean(),
  /** This member's role may decide it and it is pending. */
  canDecide: z.boolean(),
  /** The call in this vault that used it, if any. */
  usedByCall: z.string().nullable(),
});
export type CallApprovalItem = z.infer<typeof CallApprovalItem>;

/** An approved performance-use request about a clip of one recording that this rep shared: what a share to HR and legal names. */
export const ApprovedPerformanceRequestView = z.object({
  requestId: z.uuid(),
  shareId: z.uuid(),
  use: z.string(),
  requesterEmail: z.string().nullable(),
  decidedByEmail: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ApprovedPerformanceRequestView = z.infer<typeof ApprovedPerformanceRequestView>;

/** The team methods, spread into the contract (src/shared/contract/index.ts). */
export const teamMethods = {
  /** This vault's enrolment with the team server, and the outbox at a glance. */
  'team.status': { input: z.object({}).strict(), output: TeamStatusView },
  /** Enrols this vault with an invitation (code and organisation key, pinned here): key pairs made here, only public keys sent; audited. */
  'team.enrol': { input: z.object({ serverUrl: z.string().min(1).max(300), code: MemberInvitation }).strict(), output: TeamStatusView },
  /** Other members with their key fingerprints and whether the policy lets them receive for `purpose` (default coaching). */
  'team.members': { input: z.object({ purpose: PolicyId.optional(), performanceRequestId: z.uuid().optional() }).strict(), output: TeamMembersView },
  /** Confirms a member's changed key after checking its fingerprint with them; audited. */
  'team.confirmKey': { input: z.object({ memberId: z.uuid(), signingKeyFingerprint: Fingerprint, boxKeyFingerprint: Fingerprint }).strict(), output: TeamMembersView },
  /** What a share of this range would send: the reviewed, redacted clip (refused, EXPORT_REFUSED, without a current review). */
  'share.preview': { input: z.object(ClipRange).strict().refine(clipRangeOk, clipRangeMessage), output: SharePreviewView },
  /**
   * Shares a reviewed, redacted clip: encrypted here for the recipients' keys, signed, put in the
   * outbox and sent when the server can be reached. Needs `confirm: true`, the rep's explicit action.
   */
  'share.create': {
    input: z
      .object({
        ...ClipRange,
        recipients: z.array(z.uuid()).min(1).max(50),
        purpose: PolicyId,
        confirm: z.literal(true),
        expiresInDays: z.number().int().min(1).max(365).optional(),
        /** Sharing with HR and legal: the approved performance-use request (purpose = its use). */
        performanceRequestId: z.uuid().optional(),
      })
      .strict()
      .refine(clipRangeOk, clipRangeMessage),
    output: OutboxEntryView,
  },
  /** Shares this vault made, newest first: pending, sent, refused or revoked. */
  'share.outbox': { input: z.object({}).strict(), output: z.array(OutboxEntryView) },
  /** Tries the pending shares again now. */
  'share.flush': { input: z.object({}).strict(), output: z.array(OutboxEntryView) },
  /** Revokes a share: the server deletes the ciphertext at once; recipients' copies go at their next sync. */
  'share.revoke': { input: ShareRef, output: OutboxEntryView },
  /** Received clips: syncs with the server (withdrawn ones deleted here) when it can be reached. */
  'inbox.list': { input: z.object({}).strict(), output: InboxListView },
  /** The manager usage rules of the published policy, and whether this member acknowledged this version. */
  'inbox.usageRules': { input: z.object({}).strict(), output: UsageRulesView },
  /** Records (audited) that the member read and accepts these usage rules; needed before a received clip opens. */
  'inbox.acknowledgeUsage': { input: z.object({ hash: z.string().min(1).max(200) }).strict(), output: UsageRulesView },
  /** Downloads (once), verifies signature and hashes, decrypts and returns a received clip; audited. */
  'inbox.open': { input: ShareRef, output: ReceivedClipView },
  /** Asks HR and legal to approve a received clip for a performance use (a policy `requiresApproval` use). */
  'inbox.requestPerformanceUse': { input: z.object({ shareId: z.uuid(), use: PolicyId }).strict(), output: PerformanceRequestView },
  /** HR and legal: approves or denies a performance-use request, signed with this vault's team key. */
  'inbox.decidePerformanceRequest': { input: z.object({ requestId: z.uuid(), decision: z.enum(['approved', 'denied']) }).strict(), output: PerformanceRequestView },
  /** Performance-use requests about my clips, that I filed, or (HR and legal) all of them. */
  'team.performanceRequests': { input: z.object({}).strict(), output: z.array(PerformanceRequestView) },
  // --- Admin-signed policy publication (#14) ---
  /** The organisation's policy as published and signed by its admin key (verified here), and whether the member must acknowledge it. */
  'team.policy': { input: z.object({}).strict(), output: TeamPolicyView },
  /** Records (audited) that the member read and accepts this policy version; sharing and opening clips wait for it after a material change. */
  'team.acknowledgePolicy': { input: z.object({ version: z.number().int().positive() }).strict(), output: TeamPolicyView },
  // --- Approvals for approval-gated call types (#14 section 3) ---
  /**
   * Asks the approvers the policy names for approval to record one call of an approval-gated type.
   * The account and reason are sealed to those approvers and to this member; the server learns the
   * call type and the window only. Default window: from now for 7 days (at most 14).
   */
  'approval.request': {
    input: z
      .object({
        callType: PolicyId,
        account: z.string().trim().min(1).max(200),
        reason: z.string().trim().min(1).max(500),
        validFrom: z.iso.datetime().optional(),
        validUntil: z.iso.datetime().optional(),
      })
      .strict(),
    output: CallApprovalItem,
  },
  /** My call approval requests, and those my role may decide. */
  'approval.list': { input: z.object({}).strict(), output: z.array(CallApprovalItem) },
  /** Approves or denies a call approval request, signed with this vault's team key; audited. */
  // --- Sharing with HR and legal under an approved performance-use request (#14 section 4) ---
  /** The approved performance-use requests about clips of this recording that I shared (the Share dialog's picker). */
  'share.performanceRequests': { input: z.object({ recordingId: z.uuid() }).strict(), output: z.array(ApprovedPerformanceRequestView) },
  'approval.decide': { input: z.object({ requestId: z.uuid(), decision: z.enum(['approved', 'denied']) }).strict(), output: CallApprovalItem },
} as const;
