/** The vault's summary versions, as the app layer reads and writes them (src/platform/db/summary-repo.ts). */
import type { Drafter } from './summary';

export type SummaryKind = 'draft' | 'reviewed';

/** One stored version. `sealed` is the content sealed under the recording's key; never logged. */
export interface StoredSummary {
  readonly recordingId: string;
  readonly version: number;
  readonly transcriptVersion: number;
  readonly kind: SummaryKind;
  readonly drafter: Drafter;
  /** For a reviewed version: the draft version it was reviewed from. */
  readonly reviewedFrom: number | null;
  readonly items: number;
  readonly dropped: number;
  readonly sealed: Uint8Array;
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface SummaryRepo {
  /** Adds the next version (1 for the first) and returns it; versions are never changed. */
  add(entry: Omit<StoredSummary, 'version'>): StoredSummary;
  get(recordingId: string, version: number): StoredSummary | undefined;
  latest(recordingId: string, kind?: SummaryKind): StoredSummary | undefined;
  /** Every version, oldest first. */
  versions(recordingId: string): StoredSummary[];
}
