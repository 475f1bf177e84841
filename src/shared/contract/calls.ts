import { z } from 'zod';

export const Participant = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().min(3).max(254),
  region: z.string().trim().max(16).optional(),
});
export type Participant = z.infer<typeof Participant>;

export const Role = z.enum(['rep', 'manager', 'sales-leadership', 'enablement', 'product-and-marketing', 'hr-and-legal', 'admin']);

export const PrepareCallInput = z
  .object({
    callType: z.string().min(1).max(64),
    account: z.string().trim().min(1).max(200),
    meetingTitle: z.string().trim().min(1).max(300),
    participants: z.array(Participant).min(1).max(50),
    /** For an approval-gated call type: the approved request (approval.request) this call uses. */
    approvalId: z.uuid().optional(),
  })
  .strict();

export const BlockReason = z.object({ code: z.string(), rule: z.string(), message: z.string() });

/**
 * The call as the rep is still typing it, for `calls.check`: any field may be empty yet, and
 * participants without an email are left out by the caller.
 */
export const CheckCallInput = z
  .object({
    callType: z.string().max(64),
    account: z.string().max(200),
    meetingTitle: z.string().max(300),
    participants: z.array(Participant).max(50),
  })
  .strict();

export const ConsentGateView = z.union([
  z.object({ open: z.literal(true) }),
  z.object({ open: z.literal(false), reason: z.enum(['declined', 'withdrawn']), who: z.string() }),
  z.object({ open: z.literal(false), reason: z.literal('waiting'), waitingFor: z.array(z.string()).readonly() }),
]);

export const CallView = z.object({
  id: z.string(),
  callType: z.string(),
  account: z.string(),
  meetingTitle: z.string(),
  state: z.enum(['awaiting-consent', 'recording', 'declined', 'ended']),
  participants: z
    .array(
      z.object({ name: z.string(), email: z.string(), region: z.string().optional(), lateJoiner: z.boolean().optional(), answer: z.enum(['granted', 'declined', 'withdrawn']).nullable() }),
    )
    .readonly(),
  consentScope: z.enum(['all', 'customer-side']),
  script: z.object({ id: z.string(), version: z.number(), text: z.string() }),
  gate: ConsentGateView,
  recordingId: z.string().nullable(),
  declineActions: z.array(z.string()).readonly(),
  /** For an approval-gated call type: the signed approval this call was set up under (checked, then used). */
  approval: z
    .object({ requestId: z.string(), approvedBy: z.string(), approverRole: z.string(), approvedAt: z.string(), reason: z.string() })
    .nullable(),
});
/** Readonly arrays, so the app hands over its own (readonly) values without copying them. */
export type CallView = z.infer<typeof CallView>;

export const PrepareCallOutput = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(false), reasons: z.array(BlockReason) }),
  z.object({ allowed: z.literal(true), call: CallView }),
]);

export const ConsentInput = z
  .object({
    callId: z.uuid(),
    participantEmail: z.string().min(3).max(254),
    outcome: z.enum(['granted', 'declined', 'withdrawn']),
    method: z.enum(['verbal', 'written', 'notified-in-advance']).nullable(),
  })
  .strict();

export const CaptureStatus = z.object({
  callId: z.string(),
  recordingId: z.string(),
  state: z.enum(['capturing', 'paused', 'stopped']),
  pauseReason: z.string().nullable(),
  recordedMs: z.number(),
  chunksWritten: z.number(),
});
export type CaptureStatus = z.infer<typeof CaptureStatus>;

export const RecordingRef = z.object({ recordingId: z.uuid() }).strict();

export const PolicyOverview = z.object({
  ok: z.boolean(),
  source: z.string(),
  message: z.string().nullable(),
  errors: z.array(z.string()),
  hash: z.string().nullable(),
  name: z.string().nullable(),
  version: z.string().nullable(),
  /** `approvers`: the roles that may approve a requires-approval call type (empty for the others). */
  callTypes: z.array(z.object({ id: z.string(), label: z.string(), rule: z.string(), approvers: z.array(z.string()) })),
  reviewNotice: z.string().nullable(),
  /**
   * Where the policy in force comes from: the organisation's signed publication while the vault is
   * enrolled with a team (`organisation-unverified` when none verifies: recording is blocked), else
   * the policy file (CALLVAULT_POLICY, `policy.yaml` in the app's data directory) or the shipped default.
   */
  origin: z.object({
    kind: z.enum(['organisation', 'organisation-unverified', 'environment', 'local-file', 'default']),
    /** One line for Settings and the capture screen. */
    label: z.string(),
    /** The organisation's publication version; null for a file. */
    version: z.number().int().nullable(),
    /** Fingerprint of the organisation key that signed it; null for a file. */
    signer: z.string().nullable(),
    /** A material change the member has not accepted: recording waits for it. */
    pendingAcceptance: z.boolean(),
  }),
});

export const AcknowledgmentView = z.object({
  needed: z.boolean(),
  reason: z.string(),
  content: z.object({
    policyName: z.string(),
    policyVersion: z.string(),
    policyHash: z.string(),
    purpose: z.string(),
    willBeUsedFor: z.array(z.string()),
    onlyWithApproval: z.object({ uses: z.array(z.string()), approvers: z.array(z.string()) }),
    willNotBeUsedFor: z.array(z.string()),
    changed: z.array(z.string()),
  }),
});

/** An existing audio file imported as a recording, through the same gates as a live call. */
export const ImportRecordingInput = z
  .object({
    /** An absolute path to a WAV file on this computer. */
    file: z.string().min(1).max(4096),
    call: PrepareCallInput,
    /** Who attests that every participant consented, how and on which day (YYYY-MM-DD). */
    consent: z
      .object({
        method: z.enum(['verbal', 'written', 'notified-in-advance']),
        consentDate: z.string().min(1).max(40),
        attestedBy: z.string().max(200),
      })
      .strict(),
  })
  .strict();

export const ImportRecordingOutput = z.discriminatedUnion('imported', [
  z.object({ imported: z.literal(false), reasons: z.array(BlockReason) }),
  z.object({ imported: z.literal(true), recordingId: z.string(), callId: z.string(), durationMs: z.number() }),
]);
