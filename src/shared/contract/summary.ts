/**
 * Call summaries (#16): a draft (extractive or by an on-device model) whose every item cites the
 * transcript segments it rests on, the rep's item-by-item review into a new immutable version, and
 * the one way a summary leaves: only a reviewed summary of the current transcript version, through
 * the export gate. Views carry the summary's text (the rep's own vault); events never do.
 */
import { z } from 'zod';

export const SUMMARY_SECTIONS = ['overview', 'needs', 'objections', 'nextSteps', 'commitments', 'risks', 'competitors', 'questions'] as const;
export const CERTAINTIES = ['firm', 'hedged', 'conditional'] as const;
export const DRAFTERS = ['extractive', 'model'] as const;
/**
 * What a summary is used for: the ids of the policy's summaryReview.requiredBefore (SUMMARY_GATES
 * in core/policy, kept equal by a unit test). A use the policy lists needs a reviewed summary.
 */
export const SUMMARY_USES = ['send-follow-up-email', 'update-crm-notes', 'share-recap-with-customer', 'escalate-deal-risk', 'customer-success-handoff', 'summarize-commitments', 'management-decision'] as const;

export const SummaryItem = z.strictObject({
  /** Stable within one summary version ("i1", "i2", ...); review decisions name items by it. */
  id: z.string().regex(/^i\d{1,4}$/),
  section: z.enum(SUMMARY_SECTIONS),
  text: z.string().min(1).max(2000),
  /** Segment indexes of the transcript version the summary was drafted from. */
  citations: z.array(z.number().int().nonnegative()).min(1).max(20),
  /** Whose action a next step or commitment is. */
  owner: z.enum(['rep', 'customer']).nullable(),
  /** A due date as it was said ("Friday", "end of the month"); null when none was said. */
  due: z.string().max(80).nullable(),
  /** Commitments only: how sure the cited words are. */
  certainty: z.enum(CERTAINTIES).nullable(),
});

export const SummaryContent = z.strictObject({
  drafter: z.enum(DRAFTERS),
  /** The model's name when a model drafted it. */
  model: z.string().max(200).nullable(),
  items: z.array(SummaryItem).max(500),
});

export const ReviewDecision = z.discriminatedUnion('action', [
  z.strictObject({ itemId: z.string().regex(/^i\d{1,4}$/), action: z.literal('accept') }),
  z.strictObject({ itemId: z.string().regex(/^i\d{1,4}$/), action: z.literal('reject') }),
  z.strictObject({ itemId: z.string().regex(/^i\d{1,4}$/), action: z.literal('edit'), text: z.string().trim().min(1).max(2000) }),
]);

/** none: no summary yet; draft: not reviewed; reviewed: may be used; stale: of an older transcript version. */
export const SummaryStatus = z.enum(['none', 'draft', 'reviewed', 'stale']);

export const SummaryVersionView = z.object({
  version: z.number().int(),
  kind: z.enum(['draft', 'reviewed']),
  transcriptVersion: z.number().int(),
  reviewedFrom: z.number().int().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Items the citation check dropped when it was drafted. */
  dropped: z.number().int(),
  content: SummaryContent,
});

export const SummaryView = z.object({
  recordingId: z.string(),
  status: SummaryStatus,
  currentTranscriptVersion: z.number().int(),
  /** The newest version (a draft, or the reviewed one); null when none exists. */
  latest: SummaryVersionView.nullable(),
  /** Where each cited segment starts, for playing the moment an item cites. */
  segments: z.array(z.object({ index: z.number().int(), startMs: z.number(), speaker: z.enum(['rep', 'customer']) })),
});
export type SummaryView = z.infer<typeof SummaryView>;

const Ref = z.object({ recordingId: z.uuid() }).strict();

export const SummaryModelView = z.object({
  name: z.string(),
  file: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nullable(),
  origin: z.enum(['manifest', 'trusted']),
  /** `downloading`: a download of it runs in the background (`percent`, and `summaryModels.progress` events). */
  status: z.enum(['installed', 'partial', 'available', 'damaged', 'downloading']),
  path: z.string().nullable(),
  partialBytes: z.number().int().nullable(),
  parameters: z.string().nullable(),
  quantisation: z.string().nullable(),
  trustedBy: z.string().nullable(),
  /** How far the running (or the interrupted) download is, 0-100; null when none. */
  percent: z.number().min(0).max(100).nullable(),
  /** What went wrong with its last download or verification, in words; null when nothing did. */
  problem: z.string().nullable(),
  /** When a verification last read it whole and found it as published (this run of the app). */
  verifiedAt: z.string().nullable(),
});
export type SummaryModelView = z.infer<typeof SummaryModelView>;

export const summaryMethods = {
  /** Drafts a summary of the latest transcript version from its redacted text; audited without text. */
  'summary.draft': { input: z.object({ recordingId: z.uuid(), drafter: z.enum(DRAFTERS).default('extractive') }).strict(), output: SummaryView },
  'summary.get': { input: Ref, output: SummaryView },
  /** Cancels a model draft running for this recording (its worker is stopped); false when none runs. */
  'summary.cancel': { input: Ref, output: z.object({ cancelled: z.boolean() }) },
  /** The summary models: the manifest's and those an admin trusted, with what is installed. */
  'summaryModels.list': { input: z.object({}).strict(), output: z.array(SummaryModelView) },
  /** Imports a GGUF file (sha256 checked against the manifest; with `trust`, an admin trusts an unknown file, audited). */
  'summaryModels.import': {
    input: z.object({ path: z.string().min(1).max(4096), name: z.string().min(1).max(64).optional(), trust: z.boolean().optional() }).strict(),
    output: z.object({ imported: z.object({ name: z.string(), path: z.string(), sha256: z.string(), origin: z.enum(['manifest', 'trusted']), trusted: z.boolean() }), models: z.array(SummaryModelView) }),
  },
  /**
   * Starts downloading a manifest model in the background (resuming a partial download), verified
   * by sha256 before it is installed; returns at once with the model `downloading`. Progress and
   * the end come as `summaryModels.progress` events; a failure is the model's `problem`.
   */
  'summaryModels.download': { input: z.object({ name: z.string().min(1).max(64) }).strict(), output: z.array(SummaryModelView) },
  /** One decision per item of the draft `version`; stores a new reviewed version (the draft is kept). */
  'summary.review': {
    input: z.object({ recordingId: z.uuid(), version: z.number().int().min(1), decisions: z.array(ReviewDecision).max(500) }).strict(),
    output: SummaryView,
  },
  /** Writes the reviewed summary into a new folder through the export gate; refused (EXPORT_REFUSED) for a draft or a stale summary. */
  'summary.export': {
    input: z
      .object({
        recordingId: z.uuid(),
        folder: z.string().min(1).max(4096),
        purpose: z.string().trim().min(3).max(500),
        /** The use, when it is one the policy names; a draft may leave only for a use the policy does not require review before (without a use: review required). */
        use: z.enum(SUMMARY_USES).optional(),
      })
      .strict(),
    output: z.object({ summaryVersion: z.number().int(), transcriptVersion: z.number().int(), reviewed: z.boolean(), files: z.array(z.string()) }),
  },
  /** The summary as a CRM note (use update-crm-notes), through the export gate; refused (EXPORT_REFUSED) for a stale summary, and for a draft unless the policy does not require review before CRM notes. */
  'summary.copyAsCrmNote': {
    input: Ref,
    output: z.object({ summaryVersion: z.number().int(), transcriptVersion: z.number().int(), reviewed: z.boolean(), text: z.string() }),
  },
  // Summary models: background downloads, verify and delete (#16, step 3).
  /** Stops a running download; what was fetched is kept and resumed next time. */
  'summaryModels.cancelDownload': { input: z.object({ name: z.string().min(1).max(64) }).strict(), output: z.array(SummaryModelView) },
  /** Reads an installed model whole against the manifest's (or trust record's) sha256 and size; a mismatch is an error that names both hashes. */
  'summaryModels.verify': { input: z.object({ name: z.string().min(1).max(64) }).strict(), output: z.array(SummaryModelView) },
  /** Deletes an installed model's file (and any partial download); refused while it downloads. */
  'summaryModels.delete': { input: z.object({ name: z.string().min(1).max(64) }).strict(), output: z.array(SummaryModelView) },
} as const;
