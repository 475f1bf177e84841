/** A recording's metadata as the vault stores it. Audio lives in the recording's chunk file. */
export interface RecordingRecord {
  readonly id: string;
  readonly title: string;
  readonly callType: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly status: RecordingStatus;
  /** Which recording-wrap sub-key wraps `wrappedKey`. */
  readonly keyEpoch: number;
  /** The recording's random data key, sealed with the epoch key. Destroying it shreds the audio. */
  readonly wrappedKey: Uint8Array;
  readonly createdAt: string;
  /** Content hash of the governance policy in force when the recording started. */
  readonly policyHash: string;
  readonly callId: string | null;
  /** Where a recovered recording was cut off by the crash, in milliseconds. */
  readonly recoveredAtMs: number | null;
  /**
   * How many chunks the file holds, known once the final chunk is written (or the crashed
   * recording recovered); null while it is written, and for recordings older than the count.
   */
  readonly chunkCount: number | null;
}

/**
 * recording: capture under way (or the app died during it);
 * recovered: found after a crash, kept up to the last intact chunk, awaiting the rep's decision;
 * complete: stopped normally or kept after recovery; imported: brought in from a file;
 * importing: an import under way (or killed during it: removed at the next unlock).
 */
export type RecordingStatus = 'recording' | 'complete' | 'recovered' | 'imported' | 'importing';

export type RecordingListItem = Omit<RecordingRecord, 'wrappedKey' | 'keyEpoch' | 'createdAt' | 'callId'>;

export interface RecordingReader {
  list(): RecordingListItem[];
  get(id: string): RecordingRecord | undefined;
  count(): number;
}

export interface RecordingWriter {
  insert(record: RecordingRecord): void;
  updateProgress(id: string, durationMs: number, status: RecordingStatus): void;
  /** Marks a crashed recording recovered, keeping `chunkCount` intact chunks. */
  markRecovered(id: string, durationMs: number, chunkCount: number): void;
  /** Records how many chunks the file holds now that its final chunk is written. */
  setChunkCount(id: string, chunkCount: number): void;
  /** Deletes the row, and with it the only copy of the wrapped data key. */
  destroy(id: string): boolean;
}
