import { z } from 'zod';
import { DeletionIdentifiersInput } from './deletion';

/**
 * Retention across the team (#15 sections 3 and 4): holds issued on the team server by HR and
 * legal or enablement and obeyed by members' apps once verified, and organisation-wide customer
 * deletion requests filed by an admin and answered by every member's app with a signed
 * certificate. `team.sync` is the member's side of both. Payloads carry ids, counts, states and
 * days: never an identifier, an account name or content.
 */

const Day = z.iso.date();

export const TeamHoldView = z.object({
  holdId: z.string(),
  /** active: verified and obeyed; released: its signed release verified; refused: it could not be verified (see reason). */
  state: z.enum(['active', 'released', 'refused']),
  exemptionId: z.string(),
  issuerId: z.string(),
  issuerRole: z.string().nullable(),
  members: z.number().int(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** How many accounts the scope names (as digests). */
  accounts: z.number().int(),
  /** Recordings in this vault the hold keeps now. */
  recordingsHeld: z.number().int(),
  receivedAt: z.string(),
  releasedAt: z.string().nullable(),
  /** Why it (or its release) was refused. */
  reason: z.string().nullable(),
});
export type TeamHoldView = z.infer<typeof TeamHoldView>;

export const TeamHoldSyncView = z.object({
  active: z.number().int(),
  released: z.number().int(),
  refused: z.array(z.object({ holdId: z.string(), reason: z.string() })),
  recordingsHeld: z.number().int(),
  recordingsReleased: z.number().int(),
});
export type TeamHoldSyncView = z.infer<typeof TeamHoldSyncView>;

/** A hold as the issuer sees it on the server. */
export const IssuedHoldView = z.object({ holdId: z.string(), exemptionId: z.string(), createdAt: z.string(), releasedAt: z.string().nullable() });
export type IssuedHoldView = z.infer<typeof IssuedHoldView>;

export const OrgDeletionMemberView = z.object({
  memberId: z.string(),
  status: z.enum(['pending', 'done']),
  doneAt: z.string().nullable(),
  /** Whether the certificate verifies with the member's key from the directory and answers this request. */
  certificateVerified: z.boolean().nullable(),
  reason: z.string().nullable(),
  destroyed: z.number().int().nullable(),
  kept: z.number().int().nullable(),
  certificate: z.unknown(),
});

export const OrgDeletionStatusView = z.object({
  requestId: z.string(),
  createdAt: z.string(),
  filedBy: z.string(),
  done: z.number().int(),
  pending: z.number().int(),
  members: z.array(OrgDeletionMemberView),
});
export type OrgDeletionStatusView = z.infer<typeof OrgDeletionStatusView>;

export const TeamSyncView = z.object({
  holds: TeamHoldSyncView,
  deletionRequests: z.object({
    answered: z.array(z.object({ requestId: z.string(), destroyed: z.number().int(), kept: z.number().int() })),
    refused: z.array(z.object({ requestId: z.string(), reason: z.string() })),
    failed: z.array(z.object({ requestId: z.string(), reason: z.string() })),
  }),
  /** Exemption requests (exempt15): how many stored ones went to the server, how many decisions came back. */
  exemptionRequests: z.object({ sent: z.number().int(), decided: z.number().int() }),
});
export type TeamSyncView = z.infer<typeof TeamSyncView>;

export const teamRetentionMethods = {
  /**
   * Syncs retention with the team server: fetches the holds that name this member, verifies and
   * obeys them (refusing, auditing and listing any that do not verify), applies releases; then
   * answers pending organisation-wide deletion requests (DANGEROUS: destroys what they find) with
   * signed certificates.
   */
  'team.sync': { input: z.object({}).strict(), output: TeamSyncView },
  /** The team holds this vault received: obeyed, released or refused (with the reason). */
  'holds.team': { input: z.object({}).strict(), output: z.array(TeamHoldView) },
  /** HR and legal or enablement: issues a hold on the team server, signed with this vault's team key. Accounts leave only as digests. */
  'holds.issueTeam': {
    input: z
      .object({
        exemptionId: z.string().min(1).max(100),
        members: z.array(z.uuid()).min(1).max(500).optional(),
        from: Day.optional(),
        to: Day.optional(),
        accounts: z.array(z.string().min(1).max(200)).max(50).optional(),
      })
      .strict(),
    output: IssuedHoldView,
  },
  /** Releases a team hold (signed); members' apps let normal retention resume at their next sync. */
  'holds.releaseTeam': { input: z.object({ holdId: z.uuid() }).strict(), output: IssuedHoldView },
  /** Admin: files an organisation-wide customer deletion request; identifiers sealed to each member's key. */
  'deletion.fileOrgRequest': {
    input: z
      .object({
        identifiers: DeletionIdentifiersInput,
        /** The members whose apps must answer; default every other active member of the team. */
        members: z.array(z.uuid()).min(1).max(500).optional(),
      })
      .strict(),
    output: OrgDeletionStatusView,
  },
  /** Admin: the organisation-wide requests, which members are done, and whether each certificate verifies. */
  'deletion.orgRequests': { input: z.object({}).strict(), output: z.array(OrgDeletionStatusView) },
  // Added by grant15 (#15): append-only block.
  /** The automatic team sync: whether one is running, when the last ran and how it went, when the next is planned. */
  'team.syncStatus': {
    input: z.object({}).strict(),
    output: z.object({
      running: z.boolean(),
      lastRunAt: z.string().nullable(),
      lastOk: z.boolean().nullable(),
      lastError: z.string().nullable(),
      failures: z.number().int(),
      nextRunAt: z.string().nullable(),
    }),
  },
  /** What this member may do with team retention: the role it acts in (signed roster), which exemptions it may issue as team holds, whether it may file organisation-wide deletion requests. */
  'holds.teamAccess': {
    input: z.object({}).strict(),
    output: z.object({
      role: z.string(),
      exemptions: z.array(z.object({ id: z.string(), description: z.string(), grantedBy: z.array(z.string()), mayIssue: z.boolean() })),
      mayFileOrgRequest: z.boolean(),
    }),
  },
  /** The team holds this member issued, as the server lists them (active or released). */
  'holds.issued': { input: z.object({}).strict(), output: z.array(IssuedHoldView) },
  // Added by exempt15 (#15 section 3): append-only block.
  /** A granter (a role in the exemption's grantedBy): the reps' pending exemption requests it may decide. Ids and days only. */
  'exemptions.pending': {
    input: z.object({}).strict(),
    output: z.array(z.object({ requestId: z.string(), memberId: z.string(), recordingId: z.string(), recordedOn: z.string(), exemptionId: z.string(), createdAt: z.string() })),
  },
  /**
   * A granter decides a request: grant issues a signed team hold for that rep and the call's day
   * (the rep's other calls of that day are kept too) and records it; decline records the reason,
   * which the rep sees.
   */
  'exemptions.decide': {
    input: z
      .object({ requestId: z.uuid(), decision: z.enum(['grant', 'decline']), reason: z.string().max(500).optional() })
      .strict(),
    output: z.object({ requestId: z.string(), state: z.enum(['pending', 'granted', 'declined']), holdId: z.string().nullable(), reason: z.string().nullable() }),
  },
} as const;
