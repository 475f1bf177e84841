import { z } from 'zod';

/**
 * Retention (#15): the sweep, what expires soon and why, deal outcomes, holds and exemption
 * requests. Payloads carry ids, artifact kinds, rules and days: never transcript text or names.
 */
export const RetentionArtifactName = z.enum(['recording', 'transcript', 'summary', 'action-items', 'notes', 'tags', 'clip', 'insights']);

export const SweepItemView = z.object({ recordingId: z.string(), artifact: RetentionArtifactName, rule: z.string(), dueOn: z.string() });

export const SweepReportView = z.object({
  day: z.string(),
  dryRun: z.boolean(),
  destroyed: z.array(SweepItemView),
  recordingsRemoved: z.array(z.string()),
  resumed: z.number().int(),
  holdsLapsed: z.array(z.string()),
  // Added for calls without a recording: append-only block.
  /** Calls with no recording erased whole (ids, rule and day only). */
  callsErased: z.array(z.object({ callId: z.string(), rule: z.string(), dueOn: z.string() })),
});
export type SweepReportView = z.infer<typeof SweepReportView>;

export const ExpiringView = z.object({
  /** The recording whose artifact goes; null for the erasure of a call without a recording (artifact 'call-metadata', `callId`). */
  recordingId: z.string().nullable(),
  title: z.string(),
  callType: z.string(),
  artifact: z.union([RetentionArtifactName, z.literal('call-metadata')]),
  /** The day it will be destroyed. */
  on: z.string(),
  rule: z.string(),
  why: z.string(),
  /**
   * The rep's latest request that the call be kept (exempt15): not sent yet (offline, or no team
   * server), pending with the granter, granted (kept once the signed hold arrives) or declined
   * with the granter's reason. Null when the rep has not asked.
   */
  request: z
    .object({ requestId: z.string(), exemptionId: z.string(), state: z.enum(['not-sent', 'pending', 'granted', 'declined']), reason: z.string().nullable() })
    .nullable(),
  // Added for the coming erasures of calls without a recording (exe16): append-only block.
  /**
   * For artifact 'call-metadata': the call with no recording (never recorded, consent declined,
   * the recording deleted) whose account, title, participants and consent records' names and
   * emails are erased that day (docs/RETENTION.md, Enforcement). Null for a recording's artifact.
   */
  callId: z.string().nullable(),
});
export type ExpiringView = z.infer<typeof ExpiringView>;

export const HoldView = z.object({
  id: z.string(),
  recordingId: z.string(),
  exemptionId: z.string(),
  issuerRole: z.string(),
  /** 'local' (issued on this install) or the team issuer's key id (signed and verified). */
  issuerKeyId: z.string(),
  issuedAt: z.string(),
});
export type HoldView = z.infer<typeof HoldView>;

const Ref = z.object({ recordingId: z.uuid() }).strict();
const ExemptionId = z.string().min(1).max(100);

export const retentionMethods = {
  /** Runs the retention sweep now (dryRun: what it would destroy, nothing changed). */
  'retention.run': { input: z.object({ dryRun: z.boolean().default(false) }).strict(), output: SweepReportView },
  /** What retention destroys in the next `days` days (default 14), soonest first, with the reason. */
  'retention.upcoming': { input: z.object({ days: z.number().int().min(1).max(366).default(14) }).strict(), output: z.array(ExpiringView) },
  /** Marks the call's opportunity won or lost on a day; retention may count from it. Audited. */
  'retention.setDealOutcome': {
    input: z.object({ recordingId: z.uuid(), outcome: z.enum(['won', 'lost']), decidedOn: z.iso.date() }).strict(),
    output: z.object({ recordingId: z.string(), outcome: z.enum(['won', 'lost']), decidedOn: z.string() }),
  },
  /** The rep asks that a call be kept under an exemption (a training-library candidate); an entitled role grants it. */
  'retention.requestExemption': {
    input: z.object({ recordingId: z.uuid(), exemptionId: ExemptionId }).strict(),
    output: z.object({ id: z.string(), state: z.enum(['open', 'granted', 'declined']) }),
  },
  'holds.list': { input: Ref, output: z.array(HoldView) },
  /** Issues a hold on this install; only a role the policy's exemption lists may (POLICY_BLOCKED otherwise). */
  'holds.issue': { input: z.object({ recordingId: z.uuid(), exemptionId: ExemptionId }).strict(), output: HoldView },
  /** Accepts a hold signed by a team issuer; refused (POLICY_BLOCKED, with the reason, audited) unless it verifies. */
  'holds.acceptSigned': { input: z.object({ signed: z.unknown() }).strict(), output: HoldView },
  /** Releases a hold (by a role that may grant it); normal retention resumes. */
  'holds.release': { input: z.object({ holdId: z.string().min(1).max(100) }).strict(), output: z.array(HoldView) },
} as const;
