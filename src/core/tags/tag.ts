/**
 * Tags from the policy's taxonomy, on a whole call or on a moment of it, as the vault stores them,
 * and the rep's decisions on suggested tags. Tags are about a recording and go with it.
 */
export type TagSource = 'manual' | 'suggestion';

export interface TagRecord {
  readonly id: string;
  readonly recordingId: string;
  /** A tag id from the policy's taxonomy. */
  readonly tag: string;
  /** Both null: the whole call; else the moment, in ms from the recording's start. */
  readonly fromMs: number | null;
  readonly toMs: number | null;
  readonly source: TagSource;
  readonly createdAt: string;
  readonly createdBy: string;
}

export type SuggestionDecision = 'accepted' | 'rejected';

export interface TagReader {
  forRecording(recordingId: string): TagRecord[];
  /** Ids of the recordings carrying every one of `tags` (on the call or a moment). */
  recordingsWith(tags: readonly string[]): string[];
  /** recording id -> its distinct tag ids, for the library. */
  byRecording(): Map<string, string[]>;
  /** `${tag}@${atMs}` -> the decision, for one recording. */
  decisions(recordingId: string): Map<string, SuggestionDecision>;
}

export interface TagWriter {
  add(tag: TagRecord): void;
  /** False when there was no such tag on that recording. */
  remove(recordingId: string, id: string): boolean;
  decide(recordingId: string, tag: string, atMs: number, decision: SuggestionDecision, at: string, by: string): void;
}

export type TagRepo = TagReader & TagWriter;

export function decisionKey(tag: string, atMs: number): string {
  return `${tag}@${atMs}`;
}
