import { z } from 'zod';

/** A bookmark the rep set during the call, where it falls in the recording. */
export const BookmarkView = z.object({ atMs: z.number().int().nonnegative(), note: z.string() });

/** The most bins an overview may ask for (wider than any screen). */
export const MAX_OVERVIEW_BINS = 8000;

/** The word timings of one transcript version, segment by segment as `transcripts.get` lists them. */
export const TranscriptWordsView = z.object({
  recordingId: z.string(),
  version: z.number().int(),
  segments: z.array(z.array(z.object({ text: z.string(), startMs: z.number(), endMs: z.number() }))),
});
export type TranscriptWordsView = z.infer<typeof TranscriptWordsView>;

/** Playback's methods, spread into the contract (src/shared/contract/index.ts). */
export const playbackMethods = {
  /**
   * The whole call's waveform overview: each channel's peaks (computed once from the audio and
   * stored sealed under the recording's key) reduced to at most `bins` bins, interleaved rep,
   * customer (0..255), with the call's bookmarks. `peaks` travels as a binary frame.
   */
  'playback.overview': {
    input: z.object({ recordingId: z.uuid(), bins: z.number().int().min(16).max(MAX_OVERVIEW_BINS) }).strict(),
    output: z.object({
      recordingId: z.string(),
      durationMs: z.number().int().nonnegative(),
      binMs: z.number().int().positive(),
      peaks: z.instanceof(Uint8Array),
      bookmarks: z.array(BookmarkView),
    }),
  },
  /** When each word of a transcript version (the latest, or the one asked for) was spoken, for following playback. */
  'playback.words': {
    input: z.object({ recordingId: z.uuid(), version: z.number().int().min(1).optional() }).strict(),
    output: TranscriptWordsView,
  },
} as const;
