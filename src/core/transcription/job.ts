import type { Speaker } from './merge-segments';
import type { StoredSegment } from './transcript';

/** A transcription job in the vault's persistent queue (one per recording). */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface TranscriptionJob {
  readonly recordingId: string;
  readonly state: JobState;
  readonly percent: number;
  readonly model: string;
  readonly language: string;
  readonly error: string | null;
  readonly attempts: number;
  readonly queuedAt: string;
  readonly updatedAt: string;
}

/** Segments decoded so far per channel, so a restarted job resumes after the last one. */
export interface JobCheckpoints {
  add(recordingId: string, speaker: Speaker, segment: StoredSegment): void;
  segments(recordingId: string, speaker: Speaker): StoredSegment[];
  markChannelDone(recordingId: string, speaker: Speaker): void;
  doneChannels(recordingId: string): Set<Speaker>;
  clear(recordingId: string): void;
}

export interface JobReader {
  /** The oldest queued job. */
  next(): TranscriptionJob | undefined;
  get(recordingId: string): TranscriptionJob | undefined;
  all(): TranscriptionJob[];
}

export interface JobWriter {
  /** Queues a job (again, at the back of the queue, if the recording had one). */
  enqueue(recordingId: string, model: string, language: string, at: string): void;
  markRunning(recordingId: string, at: string): void;
  setState(recordingId: string, state: JobState, error: string | null, at: string): void;
  setPercent(recordingId: string, percent: number, at: string): void;
  /** After a restart nothing is running: what was running goes back to the queue. */
  requeueInterrupted(at: string): number;
  readonly checkpoint: JobCheckpoints;
}

export type JobRepo = JobReader & JobWriter;
