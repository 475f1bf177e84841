import { LOCAL_ARTIFACTS, type LocalArtifact } from '../retention/retention-store';
import type { IdentifierRef } from './customer-match';

/**
 * What a customer deletion request does with what the finder found. Pure.
 *
 * A call the customer took part in (a participant or consent record, the call's account), or
 * whose title, transcript (any version) or summary mentions them, goes whole: its audio holds
 * what the transcript says, and summaries are drawn from the transcript. Notes or tags alone that
 * mention them go by themselves. Clips shared from a call that goes are revoked. A held call is
 * kept whole, clips included, and the hold is named: a hold wins over a deletion request.
 */

export const FOUND_WHERE = ['participant', 'consent', 'account', 'title', 'transcript', 'summary', 'notes', 'tags'] as const;
export type FoundWhere = (typeof FOUND_WHERE)[number];

export interface FoundHit {
  readonly where: FoundWhere;
  /** Which version or item ("v2", "bookmark at 12.5 s"): no content. */
  readonly detail: string;
  readonly refs: readonly IdentifierRef[];
}

export interface FoundClip {
  readonly shareId: string;
  readonly state: 'pending' | 'sent' | 'refused' | 'revoked';
}

export interface RecordingFinding {
  readonly recordingId: string;
  readonly hits: readonly FoundHit[];
  readonly clips: readonly FoundClip[];
  readonly holds: readonly { readonly id: string; readonly exemptionId: string }[];
  /** Artifacts retention destroyed already. */
  readonly alreadyDestroyed: readonly LocalArtifact[];
}

export interface PlannedDestruction {
  readonly recordingId: string;
  readonly artifacts: readonly LocalArtifact[];
  /** The whole call goes (its row too), not only some artifacts. */
  readonly whole: boolean;
}

export interface DeletionPlan {
  readonly destroy: readonly PlannedDestruction[];
  readonly kept: readonly { readonly recordingId: string; readonly holds: readonly { readonly id: string; readonly exemptionId: string }[]; readonly clips: readonly string[] }[];
  /** Shares to withdraw: sent ones on the team server, pending ones from the outbox. */
  readonly revoke: readonly string[];
  /** Calls with no recording that mention the customer: erased whole (their metadata, consent records' names and emails, notes). */
  readonly eraseCalls: readonly string[];
  /** Calls with no recording kept by a hold on their former recording. */
  readonly keptCalls: readonly { readonly callId: string; readonly holds: readonly { readonly id: string; readonly exemptionId: string }[] }[];
}

/** A call with no recording (never recorded, declined, its recording deleted) in which the customer appears. */
export interface CallFinding {
  readonly callId: string;
  readonly hits: readonly FoundHit[];
  readonly holds: readonly { readonly id: string; readonly exemptionId: string }[];
}

const WHOLE_CALL: ReadonlySet<FoundWhere> = new Set(['participant', 'consent', 'account', 'title', 'transcript', 'summary']);

export function planDeletion(findings: readonly RecordingFinding[], callFindings: readonly CallFinding[] = []): DeletionPlan {
  const destroy: PlannedDestruction[] = [];
  const kept: DeletionPlan['kept'][number][] = [];
  const revoke: string[] = [];
  for (const finding of findings) {
    if (finding.hits.length === 0) {
      continue;
    }
    const live = finding.clips.filter((c) => c.state === 'sent' || c.state === 'pending').map((c) => c.shareId);
    if (finding.holds.length > 0) {
      kept.push({ recordingId: finding.recordingId, holds: finding.holds, clips: live });
      continue;
    }
    const whole = finding.hits.some((h) => WHOLE_CALL.has(h.where));
    const wanted: readonly LocalArtifact[] = whole ? LOCAL_ARTIFACTS : LOCAL_ARTIFACTS.filter((a) => finding.hits.some((h) => h.where === a));
    const artifacts = wanted.filter((a) => !finding.alreadyDestroyed.includes(a));
    if (artifacts.length > 0) {
      destroy.push({ recordingId: finding.recordingId, artifacts, whole });
    }
    if (whole) {
      revoke.push(...live);
    }
  }
  // A call without a recording holds only the customer's metadata (and notes about them): any hit erases it whole; a hold keeps it.
  const found = callFindings.filter((c) => c.hits.length > 0);
  const eraseCalls = found.filter((c) => c.holds.length === 0).map((c) => c.callId);
  const keptCalls = found.filter((c) => c.holds.length > 0).map((c) => ({ callId: c.callId, holds: c.holds }));
  return { destroy, kept, revoke, eraseCalls, keptCalls };
}
