import { z } from 'zod';
import { RecordingSummary } from './vault';

/**
 * Tags (#13 section 3): the policy's taxonomy on a whole call or on a moment; suggestions from the
 * latest transcript by the policy's rules, which the rep accepts or rejects (nothing is tagged
 * without the rep). Stored in the encrypted vault.
 */
export const TagId = z.string().min(1).max(100);

export const TaxonomyEntryView = z.object({ id: z.string(), label: z.string(), suggests: z.boolean() });

export const TagView = z.object({
  id: z.string(),
  recordingId: z.string(),
  tag: z.string(),
  label: z.string(),
  /** Both null: the whole call. */
  fromMs: z.number().int().nullable(),
  toMs: z.number().int().nullable(),
  source: z.enum(['manual', 'suggestion']),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type TagView = z.infer<typeof TagView>;

export const TagSuggestionView = z.object({
  id: z.string(),
  tag: z.string(),
  label: z.string(),
  rule: z.enum(['phrase', 'competitor', 'word']),
  matched: z.string(),
  speaker: z.enum(['rep', 'customer']),
  startMs: z.number().int(),
  endMs: z.number().int(),
  /** The sentence that triggered it. */
  sentence: z.string(),
  /** The transcript version it was found in. */
  version: z.number().int(),
});
export type TagSuggestionView = z.infer<typeof TagSuggestionView>;

const Ref = z.object({ recordingId: z.uuid() }).strict();

export const tagMethods = {
  /** The policy's tag taxonomy. */
  'tags.taxonomy': { input: z.object({}).strict(), output: z.array(TaxonomyEntryView) },
  'tags.list': { input: Ref, output: z.array(TagView) },
  /** Tags the call (no range) or a moment of it; the tag must be in the policy's taxonomy. */
  'tags.add': {
    input: z
      .object({ recordingId: z.uuid(), tag: TagId, fromMs: z.number().int().nonnegative().optional(), toMs: z.number().int().positive().optional() })
      .strict()
      .refine((t) => (t.fromMs === undefined) === (t.toMs === undefined), 'give both fromMs and toMs for a moment, or neither for the whole call')
      .refine((t) => t.fromMs === undefined || t.toMs === undefined || t.toMs > t.fromMs, 'a moment ends after it starts'),
    output: z.array(TagView),
  },
  'tags.remove': { input: z.object({ recordingId: z.uuid(), id: z.string().min(1).max(100) }).strict(), output: z.array(TagView) },
  /** Suggestions from the latest transcript, not yet accepted or rejected. Computing them tags nothing. */
  'tags.suggestions': { input: Ref, output: z.array(TagSuggestionView) },
  /** Accepts a suggestion: the tag goes on the moment of its sentence. */
  'tags.accept': { input: z.object({ recordingId: z.uuid(), suggestionId: z.string().min(1).max(200) }).strict(), output: z.array(TagView) },
  /** Rejects a suggestion: it is not offered again. */
  'tags.reject': { input: z.object({ recordingId: z.uuid(), suggestionId: z.string().min(1).max(200) }).strict(), output: z.array(TagSuggestionView) },
  /** The library filtered by tag: recordings carrying every one of `tags`. */
  'tags.recordings': { input: z.object({ tags: z.array(TagId).min(1).max(20) }).strict(), output: z.array(RecordingSummary) },
  /** Each recording's tag ids, for the library at a glance. */
  'tags.byRecording': { input: z.object({}).strict(), output: z.array(z.object({ recordingId: z.string(), tags: z.array(z.string()) })) },
} as const;
