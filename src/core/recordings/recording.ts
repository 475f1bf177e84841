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
}

export type RecordingStatus = 'recording' | 'complete' | 'recovered' | 'imported';

export type RecordingListItem = Omit<RecordingRecord, 'wrappedKey' | 'keyEpoch' | 'createdAt'>;

export interface RecordingReader {
  list(): RecordingListItem[];
  get(id: string): RecordingRecord | undefined;
  count(): number;
}

export interface RecordingWriter {
  insert(record: RecordingRecord): void;
  updateProgress(id: string, durationMs: number, status: RecordingStatus): void;
  /** Deletes the row, and with it the only copy of the wrapped data key. */
  destroy(id: string): boolean;
}
