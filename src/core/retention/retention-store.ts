import type { DealOutcome, RetentionArtifact, Role } from '../policy/policy-schema';

/** What the vault holds about one recording for retention (ids, types and days; no content). */
export interface RetentionRow {
  readonly recordingId: string;
  readonly callType: string;
  readonly startedAt: string;
  readonly deal: { readonly outcome: DealOutcome; readonly decidedOn: string } | undefined;
  /** Artifacts retention has already destroyed. */
  readonly destroyed: ReadonlySet<RetentionArtifact>;
}

export interface StoredHold {
  readonly id: string;
  readonly recordingId: string;
  readonly exemptionId: string;
  readonly issuerRole: Role;
  /** 'local' for a hold issued on this install; else the team issuer's key id. */
  readonly issuerKeyId: string;
  readonly issuedAt: string;
  /** The signed grant as received (JSON), for a hold from a team server. */
  readonly signedGrant: string | null;
  readonly releasedAt: string | null;
}

export interface JournalEntry {
  readonly recordingId: string;
  readonly artifact: RetentionArtifact;
  readonly rule: string;
  readonly dueOn: string;
  readonly startedAt: string;
}

export interface ExemptionRequest {
  readonly id: string;
  readonly recordingId: string;
  readonly exemptionId: string;
  readonly requestedAt: string;
  readonly state: 'open' | 'granted' | 'declined';
}

/** The artifacts a rep's vault stores today; the others (action items, clips, insights) live elsewhere or not yet. */
export const LOCAL_ARTIFACTS = ['recording', 'transcript', 'summary', 'notes', 'tags'] as const satisfies readonly RetentionArtifact[];
export type LocalArtifact = (typeof LOCAL_ARTIFACTS)[number];

export function isLocalArtifact(artifact: RetentionArtifact): artifact is LocalArtifact {
  return (LOCAL_ARTIFACTS as readonly string[]).includes(artifact);
}

export interface RetentionReader {
  rows(): RetentionRow[];
  row(recordingId: string): RetentionRow | undefined;
  /** Holds in force, by recording. */
  activeHolds(): Map<string, StoredHold[]>;
  holdsOf(recordingId: string): StoredHold[];
  hold(id: string): StoredHold | undefined;
  journal(): JournalEntry[];
  exemptionRequests(): ExemptionRequest[];
}

export interface RetentionWriter {
  setDealOutcome(recordingId: string, outcome: DealOutcome, decidedOn: string, at: string): void;
  addHold(hold: StoredHold): void;
  releaseHold(id: string, at: string, by: string): boolean;
  addJournal(entry: JournalEntry): void;
  removeJournal(recordingId: string, artifact: RetentionArtifact): void;
  markDestroyed(entry: { recordingId: string; artifact: RetentionArtifact; rule: string; dueOn: string; destroyedAt: string }): void;
  /**
   * DANGEROUS, irreversible: deletes the rows of one artifact of a recording (and its search
   * entries). The audio's key is emptied; its file is removed by the vault, outside SQL.
   */
  destroyArtifactRows(recordingId: string, artifact: LocalArtifact, at: string): void;
  addExemptionRequest(request: ExemptionRequest): void;
  setExemptionRequestState(id: string, state: ExemptionRequest['state']): void;
}
