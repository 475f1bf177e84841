/**
 * One row of the library: a recording (with its call, if it has one), or a call that was not
 * recorded (consent declined or withdrawn, or the rep kept notes only), so such calls stay in
 * view with their outcome and notes. Read in one query for the whole library.
 */
export interface LibraryEntry {
  readonly recordingId: string | null;
  readonly callId: string | null;
  readonly title: string;
  readonly account: string | null;
  readonly callType: string;
  readonly startedAt: string;
  readonly durationMs: number;
  /** The recording's status, or 'not-recorded' for a call without audio. */
  readonly status: string;
  readonly recoveredAtMs: number | null;
  /** The last refusal among the call's consent answers, if any. */
  readonly consent: 'declined' | 'withdrawn' | null;
  readonly transcriptVersion: number | null;
  /** The transcription job's state, if one was ever queued. */
  readonly jobState: string | null;
  /** Whether the latest transcript version has a stored redaction review. */
  readonly reviewed: boolean;
  readonly hasNotes: boolean;
}

export interface LibraryReader {
  /** Every library row, newest first. */
  entries(): LibraryEntry[];
  /**
   * Up to `limit` rows that started before `startedBefore` (null: the newest), newest first, plus
   * any more that started at the same moment as the last one: the next page starts strictly
   * before the last row's start time.
   */
  page(startedBefore: string | null, limit: number): LibraryEntry[];
}
