import { z } from 'zod';
import { ExportFormat } from './export';

const Offset = z.number().int().nonnegative();
/** A finding type such as CARD or PHONE; the app checks it against its own list. */
const FindingTypeName = z.string().regex(/^[A-Z_]{2,24}$/, 'a finding type such as CARD');

export const TopicActionView = z.enum(['redact', 'restrict', 'warn']);

/** One thing the detectors found (or the rep added) in the transcript under review. */
export const RedactionFindingView = z.object({
  /** TYPE:START-END, stable for the same span of the same version. */
  id: z.string(),
  type: z.string(),
  /** Offsets into `text` (JavaScript string indices). */
  start: Offset,
  end: Offset,
  rule: z.string(),
  origin: z.enum(['detected', 'rep']),
  confidence: z.number(),
  /** The rep's reason when dismissed (the span is kept); null when it is redacted. */
  dismissed: z.string().nullable(),
});
export type RedactionFindingView = z.infer<typeof RedactionFindingView>;

export const TopicFlagView = z.object({ segment: z.number().int().nonnegative(), topic: z.string(), action: TopicActionView });
export type TopicFlagView = z.infer<typeof TopicFlagView>;

/** The redaction review of a recording's latest transcript version. */
export const RedactionReviewView = z.object({
  recordingId: z.string(),
  version: z.number().int(),
  /** The transcript as one text, a line per segment: the offsets of findings index into it. */
  text: z.string(),
  segments: z.array(z.object({ speaker: z.enum(['rep', 'customer']), startMs: z.number(), endMs: z.number(), charStart: Offset, charEnd: Offset })),
  findings: z.array(RedactionFindingView),
  /** What the policy in force does with each flagged segment. */
  topics: z.array(TopicFlagView),
  /** The types the rep may give a span they add. */
  findingTypes: z.array(z.string()),
  /**
   * The stored review of this version, if any. `upToDate` is false when the detectors now find
   * something it does not cover: it must be reviewed and saved again before anything is shared.
   */
  saved: z.object({ reviewedAt: z.string(), reviewedBy: z.string(), upToDate: z.boolean() }).nullable(),
  /** Why this version cannot be shared even when reviewed (e.g. the policy restricts a topic); null when it can. */
  shareBlocked: z.string().nullable(),
});
export type RedactionReviewView = z.infer<typeof RedactionReviewView>;

const Span = z.object({ start: Offset, end: Offset, type: FindingTypeName }).strict();

export const SaveReviewInput = z.object({
  recordingId: z.uuid(),
  /** The version the rep reviewed; refused if a newer one exists. */
  version: z.number().int().min(1),
  added: z.array(Span).max(2000),
  dismissed: z.array(Span.extend({ reason: z.string().trim().min(3, 'say why (at least a few words)').max(500) }).strict()).max(2000),
}).strict();

/** The redacted transcript, as it may leave the vault. */
export const RedactedTextView = z.object({
  version: z.number().int(),
  text: z.string(),
  redactedFindings: z.number().int(),
  redactedSegments: z.number().int(),
});
export type RedactedTextView = z.infer<typeof RedactedTextView>;

/** The redacted transcript (and audio) written to a new folder on this computer. */
export const ExportToFolderInput = z.object({
  recordingId: z.uuid(),
  /** An absolute path; the folder may exist but must not hold the files already. */
  folder: z.string().min(1).max(4096),
  audio: z.boolean(),
  /** Milliseconds from the start of the call; the whole call when absent. */
  clip: z.object({ fromMs: Offset, toMs: Offset }).strict().refine((c) => c.toMs > c.fromMs, 'the clip must end after it starts').optional(),
  /** Where it is going, for the audit trail. */
  purpose: z.string().trim().min(1).max(500),
  /** The transcript's formats (transcript.txt, .srt, .vtt, .docx, .json); default txt. */
  formats: z.array(ExportFormat).min(1).max(5).optional(),
}).strict();

export const ExportToFolderView = z.object({
  version: z.number().int(),
  /** The files written, with their absolute paths: transcript.<format> for each format, audio.wav (if asked for), manifest.json. */
  files: z.array(z.string()),
  redactedFindings: z.number().int(),
  redactedSegments: z.number().int(),
});
export type ExportToFolderView = z.infer<typeof ExportToFolderView>;
