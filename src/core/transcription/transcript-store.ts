import type { TranscriptKind, TranscriptVersion } from './transcript';

export interface TranscriptVersionSummary {
  readonly version: number;
  readonly kind: TranscriptKind;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface TranscriptReader {
  latest(recordingId: string): TranscriptVersion | undefined;
  get(recordingId: string, version: number): TranscriptVersion | undefined;
  versions(recordingId: string): TranscriptVersionSummary[];
  /** recording id -> latest version, for every recording with a transcript. */
  latestVersions(): Map<string, number>;
}

export interface TranscriptWriter {
  /** Adds the next version (1 for the first; only version 1 may be a machine transcript) and returns it. */
  add(entry: Omit<TranscriptVersion, 'version'>): TranscriptVersion;
}

export type TranscriptRepo = TranscriptReader & TranscriptWriter;

/** The reviewed redaction set of one transcript version. */
export interface StoredRedactionSet {
  readonly recordingId: string;
  readonly version: number;
  readonly reviewedAt: string;
  readonly reviewedBy: string;
  readonly policyHash: string;
  /** Which detector build found the candidates (so a later detector can be told apart). */
  readonly detector: string;
  /** The final set and the dismissals with reasons, as JSON the export reads back (and validates). */
  readonly redactions: unknown;
}

export interface RedactionSetRepo {
  /** Stores the review of a version, replacing an earlier review of the same version. */
  save(set: StoredRedactionSet): void;
  get(recordingId: string, version: number): StoredRedactionSet | undefined;
}
