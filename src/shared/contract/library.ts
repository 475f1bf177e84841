import { z } from 'zod';

/**
 * One row of the library: a recording, or a call that was not recorded (consent declined or
 * withdrawn, notes only), so such calls stay in view with their outcome and notes.
 */
export const LibraryEntryView = z.object({
  /** A stable key: the recording's id, or `call:<id>` for a call without a recording. */
  key: z.string(),
  recordingId: z.string().nullable(),
  callId: z.string().nullable(),
  title: z.string(),
  account: z.string().nullable(),
  callType: z.string(),
  startedAt: z.string(),
  durationMs: z.number().int().nonnegative(),
  /** The recording's status, or 'not-recorded'. */
  status: z.string(),
  recoveredAtMs: z.number().int().nullable(),
  consent: z.enum(['declined', 'withdrawn']).nullable(),
  transcriptVersion: z.number().int().nullable(),
  jobState: z.string().nullable(),
  reviewed: z.boolean(),
  hasNotes: z.boolean(),
});
export type LibraryEntryView = z.infer<typeof LibraryEntryView>;

/** The library's methods, spread into the contract (src/shared/contract/index.ts). */
export const libraryMethods = {
  /**
   * Every recording and every unrecorded call that ended, newest first, with their state at a
   * glance; or, with `limit`, one page of them: up to `limit` rows that started before `before`
   * (plus any that started at the same moment as the last), so a large library comes in pages and
   * the first one shows at once. Fewer rows than `limit`: that was the last page.
   */
  'library.list': {
    input: z.object({ before: z.iso.datetime({ offset: true }).optional(), limit: z.number().int().min(1).max(5_000).optional() }).strict(),
    output: z.array(LibraryEntryView),
  },
} as const;
