import { z } from 'zod';

/** Longest query text the contract accepts; the app refuses anything over 500 characters with a message. */
const MAX_INPUT_CHARS = 2_000;

/** `summary`: an item of the recording's newest summary version, a reviewed one; `summary-draft`: of a draft not yet reviewed. */
export const SearchSourceName = z.enum(['transcript', 'title', 'account', 'participant', 'notes', 'tag', 'legacy', 'summary', 'summary-draft']);

const IsoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const SearchInput = z
  .object({
    /** Words and "quoted phrases"; everything else is read literally (no operators). */
    query: z.string().max(MAX_INPUT_CHARS),
    callType: z.string().trim().min(1).max(80).optional(),
    tag: z.string().trim().min(1).max(80).optional(),
    /** Part of a participant's name or email, or of the account. */
    person: z.string().trim().min(1).max(200).optional(),
    speaker: z.enum(['rep', 'customer']).optional(),
    /** Calls that started on or after `from` and before `to` (ISO date or date-time). */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();
export type SearchInput = z.input<typeof SearchInput>;

const Range = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });

/** One place a query matched: a transcript segment (with its moment and speaker) or a call detail. */
export const SearchHitView = z.object({
  recordingId: z.string(),
  callId: z.string().nullable(),
  title: z.string(),
  callType: z.string(),
  startedAt: z.string(),
  source: SearchSourceName,
  /** Transcript hits: the segment's index in the latest version, its start (ms) and speaker. */
  segment: z.number().int().nullable(),
  startMs: z.number().int().nullable(),
  speaker: z.string().nullable(),
  /** Text around the match as written, with the matched ranges (offsets into `text`), never markup. */
  snippet: z.object({ text: z.string(), highlights: z.array(Range), clippedStart: z.boolean(), clippedEnd: z.boolean() }),
});
export type SearchHitView = z.infer<typeof SearchHitView>;

export const SearchResultView = z.object({
  hits: z.array(SearchHitView),
  /** More hits exist beyond `limit`. */
  more: z.boolean(),
});
export type SearchResultView = z.infer<typeof SearchResultView>;
