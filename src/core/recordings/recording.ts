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
}

/**
 * recording: capture under way (or the app died during it);
 * recovered: found after a crash, kept up to the last intact chunk, awaiting the rep's decision;
 * complete: stopped normally or kept after recovery; imported: brought in from a file.
 */
export type RecordingStatus = 'recording' | 'complete' | 'recovered' | 'imported';

export type RecordingListItem = Omit<RecordingRecord, 'wrappedKey' | 'keyEpoch' | 'createdAt' | 'callId'>;

export interface RecordingReader {
  list(): RecordingListItem[];
  get(id: string): RecordingRecord | undefined;
  count(): number;
}

export interface RecordingWriter {
  insert(record: RecordingRecord): void;
  updateProgress(id: string, durationMs: number, status: RecordingStatus): void;
  markRecovered(id: string, durationMs: number): void;
  /** Deletes the row, and with it the only copy of the wrapped data key. */
  destroy(id: string): boolean;
}
