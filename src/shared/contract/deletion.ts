import { z } from 'zod';

/**
 * Customer deletion requests (#15 section 4). The identifiers travel in the payload only (never a
 * command line); what comes back names calls, shares, holds and identifier kinds ("email #1"),
 * never the identifiers themselves or any content.
 */
const Identifier = z.string().min(1).max(320);

export const DeletionIdentifiersInput = z
  .object({
    emails: z.array(Identifier).max(50).optional(),
    names: z.array(Identifier).max(50).optional(),
    phones: z.array(Identifier).max(50).optional(),
    accounts: z.array(Identifier).max(50).optional(),
  })
  .strict();

export const DeletionReportView = z.object({
  requestId: z.string(),
  dryRun: z.boolean(),
  found: z.array(z.object({ recordingId: z.string(), where: z.array(z.object({ where: z.string(), detail: z.string(), identifiers: z.array(z.string()) })) })),
  destroy: z.array(z.object({ recordingId: z.string(), artifacts: z.array(z.string()), whole: z.boolean() })),
  kept: z.array(z.object({ recordingId: z.string(), holds: z.array(z.object({ id: z.string(), exemptionId: z.string() })), clips: z.array(z.string()) })),
  /** Shares withdrawn (or, in a dry run, to withdraw). */
  revoke: z.array(z.string()),
  /** The signed certificate (JSON), null in a dry run. */
  certificate: z.unknown(),
  /** The printable certificate, null in a dry run. */
  pdf: z.instanceof(Uint8Array).nullable(),
  // Added for calls without a recording: append-only block.
  /** Calls with no recording (never recorded, declined, deleted) in which the customer was found. */
  callsFound: z.array(z.object({ callId: z.string(), where: z.array(z.object({ where: z.string(), detail: z.string(), identifiers: z.array(z.string()) })) })),
  /** Those calls erased whole (or, in a dry run, to erase). */
  eraseCalls: z.array(z.string()),
  /** Those calls a hold keeps. */
  keptCalls: z.array(z.object({ callId: z.string(), holds: z.array(z.object({ id: z.string(), exemptionId: z.string() })) })),
});
export type DeletionReportView = z.infer<typeof DeletionReportView>;

export const QueuedRevocationView = z.object({
  shareId: z.string(),
  recordingId: z.string(),
  requestId: z.string(),
  queuedAt: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  doneAt: z.string().nullable(),
  outcome: z.enum(['revoked-on-server', 'withdrawn-from-outbox']).nullable(),
  /** The signed follow-up note to the certificate (JSON), once the server confirmed. */
  note: z.unknown(),
});
export type QueuedRevocationView = z.infer<typeof QueuedRevocationView>;

export const deletionMethods = {
  /** DANGEROUS (unless dryRun): finds everything about a customer and destroys it, held calls excepted; revokes shared clips; signs a certificate. */
  'deletion.request': { input: z.object({ identifiers: DeletionIdentifiersInput, dryRun: z.boolean().default(true) }).strict(), output: DeletionReportView },
  /** Checks a deletion certificate's signature (against `publicKey`, base64, when given). */
  'deletion.verifyCertificate': {
    input: z.object({ signed: z.unknown(), publicKey: z.string().max(100).optional() }).strict(),
    output: z.object({ ok: z.boolean(), reason: z.string().nullable() }),
  },
  // Added for the revocation queue (#15): append-only block.
  /** Clip revocations deletion requests queued while offline, with their signed follow-up notes once done. */
  'deletion.revocations': { input: z.object({}).strict(), output: z.array(QueuedRevocationView) },
  // Added for the role gate (#15): append-only block.
  /** Whether the roles this vault's owner acts in may run a customer deletion request (the policy's whoMayDelete); the dialog is shown only then. */
  'deletion.access': {
    input: z.object({}).strict(),
    output: z.object({ allowed: z.boolean(), roles: z.array(z.string()), reason: z.string().nullable() }),
  },
} as const;
