import { z } from 'zod';

/**
 * Correcting a transcript (#13 section 2): every save is a new immutable version built from a
 * stated base version, which must still be the latest (else CONFLICT, and nothing is lost: read
 * the latest, re-apply, save again). Edits name segments by position, numbered from 0, in the
 * transcript as it stands after the edits before them (the order an undo stack holds them).
 * The limits here are the contract's; the app checks the rest (words must fit their segment's audio).
 */
export const MAX_SEGMENT_TEXT = 10_000;
export const MAX_EDITS_PER_SAVE = 5_000;

const SegmentIndex = z.number().int({ error: 'a segment number is a whole number' }).min(0, { error: 'segments are numbered from 0' }).max(1_000_000);
const SpeakerRole = z.enum(['rep', 'customer']);
const SegmentText = z
  .string()
  .max(MAX_SEGMENT_TEXT, { error: `a segment holds at most ${MAX_SEGMENT_TEXT.toLocaleString('en')} characters: split the text across segments` });

export const TranscriptEditInput = z.discriminatedUnion('op', [
  /** Replaces a segment's text; unchanged words keep their times, the others are re-timed inside the segment. */
  z.object({ op: z.literal('text'), segment: SegmentIndex, text: SegmentText }).strict(),
  /** Splits a segment before word `atWord` (words numbered from 0, separated by spaces). */
  z.object({ op: z.literal('split'), segment: SegmentIndex, atWord: z.number().int().min(1).max(100_000) }).strict(),
  /** Merges a segment with the next one (same speaker only). */
  z.object({ op: z.literal('merge'), segment: SegmentIndex }).strict(),
  z.object({ op: z.literal('speaker'), segment: SegmentIndex, speaker: SpeakerRole }).strict(),
  z.object({ op: z.literal('delete'), segment: SegmentIndex }).strict(),
]);
export type TranscriptEditInput = z.infer<typeof TranscriptEditInput>;

/** Speaker names for the new version: a string names, null removes the name, absent keeps the base's. */
export const SpeakerNamesInput = z
  .object({ rep: z.string().trim().min(1).max(200).nullable().optional(), customer: z.string().trim().min(1).max(200).nullable().optional() })
  .strict();

export const SpeakerNamesView = z.object({ rep: z.string().nullable(), customer: z.string().nullable() });

export const SaveVersionInput = z
  .object({
    recordingId: z.uuid(),
    /** The version the edits were made on; it must still be the latest. */
    baseVersion: z.number().int().min(1),
    edits: z.array(TranscriptEditInput).max(MAX_EDITS_PER_SAVE, { error: `at most ${MAX_EDITS_PER_SAVE} edits per save: save in smaller steps` }),
    speakerNames: SpeakerNamesInput.optional(),
  })
  .strict();

/** Counts of what a save changed against its base (the audit keeps the same counts, never words). */
export const ChangeCountsView = z.object({
  wordsInserted: z.number().int(),
  wordsDeleted: z.number().int(),
  wordsUnchanged: z.number().int(),
  wordsRespoken: z.number().int(),
  segmentsBefore: z.number().int(),
  segmentsAfter: z.number().int(),
  namesChanged: z.number().int(),
});

export const SavedVersionView = z.object({
  recordingId: z.string(),
  version: z.number().int(),
  baseVersion: z.number().int(),
  counts: ChangeCountsView,
  /** Always false for a new version: it needs its own redaction review before it can be shared. */
  reviewed: z.boolean(),
});
export type SavedVersionView = z.infer<typeof SavedVersionView>;

export const TranscriptVersionView = z.object({
  version: z.number().int(),
  kind: z.enum(['machine', 'correction']),
  createdAt: z.string(),
  createdBy: z.string(),
  segments: z.number().int(),
  words: z.number().int(),
  speakerNames: SpeakerNamesView,
  reviewed: z.boolean(),
  latest: z.boolean(),
});

export const DiffHunkView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('words'), atMs: z.number(), speaker: SpeakerRole, before: z.string(), removed: z.string(), added: z.string(), after: z.string() }),
  z.object({ kind: z.literal('speaker'), atMs: z.number(), from: SpeakerRole, to: SpeakerRole, words: z.string() }),
]);

export const TranscriptDiffView = ChangeCountsView.extend({
  recordingId: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  hunks: z.array(DiffHunkView),
  truncated: z.boolean(),
  names: z.array(z.object({ speaker: SpeakerRole, before: z.string().nullable(), after: z.string().nullable() })),
});
export type TranscriptDiffView = z.infer<typeof TranscriptDiffView>;

export const ReplaceAllInput = z
  .object({
    recordingId: z.uuid(),
    baseVersion: z.number().int().min(1),
    /** Literal text (no pattern syntax). */
    find: z.string().min(1, { error: 'say what to find' }).max(200),
    replace: z.string().max(200),
    matchCase: z.boolean().optional(),
    wholeWord: z.boolean().optional(),
  })
  .strict();

export const SpeakersView = z.object({
  recordingId: z.string(),
  version: z.number().int(),
  names: SpeakerNamesView,
  /** Who each speaker may be named: the rep's profile name; the call's participants from the consent record. */
  choices: z.object({ rep: z.array(z.string()), customer: z.array(z.string()) }),
});

/** Product and customer names the rep teaches whisper (its initial prompt on later transcriptions). */
export const MAX_VOCABULARY_TERMS = 100;
export const VocabularyView = z.object({
  terms: z.array(z.string()),
  /** The initial prompt whisper is given (within the engine's limit). */
  promptChars: z.number().int(),
});
export const VocabularyInput = z
  .object({
    terms: z
      .array(z.string().trim().min(1, { error: 'a vocabulary term cannot be empty' }).max(60, { error: 'a vocabulary term has at most 60 characters' }))
      .max(MAX_VOCABULARY_TERMS, { error: `at most ${MAX_VOCABULARY_TERMS} vocabulary terms` }),
  })
  .strict();

export const transcriptEditMethods = {
  /** Saves the edits (and speaker names) as a new version on top of `baseVersion`; CONFLICT if it is not the latest. Audited (counts only). */
  'transcripts.saveVersion': { input: SaveVersionInput, output: SavedVersionView },
  /** Every version, oldest first, with whether its redactions were reviewed. */
  'transcripts.versions': { input: z.object({ recordingId: z.uuid() }).strict(), output: z.array(TranscriptVersionView) },
  /** What changed from one version to another, word by word. */
  'transcripts.diff': {
    input: z.object({ recordingId: z.uuid(), from: z.number().int().min(1), to: z.number().int().min(1) }).strict(),
    output: TranscriptDiffView,
  },
  /** Saves an earlier version's content as a new version (nothing is overwritten); CONFLICT if `baseVersion` is not the latest. */
  'transcripts.restore': {
    input: z.object({ recordingId: z.uuid(), version: z.number().int().min(1), baseVersion: z.number().int().min(1) }).strict(),
    output: SavedVersionView,
  },
  /** Replaces every match of literal text as a new version; CONFLICT if `baseVersion` is not the latest. */
  'transcripts.replaceAll': { input: ReplaceAllInput, output: SavedVersionView.extend({ replacements: z.number().int() }) },
  /** The speakers' names in a version (default the latest) and who they may be named. */
  'transcripts.speakers': { input: z.object({ recordingId: z.uuid(), version: z.number().int().min(1).optional() }).strict(), output: SpeakersView },
  'vocabulary.get': { input: z.object({}).strict(), output: VocabularyView },
  /** Replaces the personal vocabulary (stored in the vault; audited by count). */
  'vocabulary.set': { input: VocabularyInput, output: VocabularyView },
} as const;
