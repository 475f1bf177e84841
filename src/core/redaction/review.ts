/**
 * The rep's review of detected findings before anything is shared: they can add what the
 * detectors missed and dismiss false positives, each dismissal with a reason for the audit
 * trail. The final redaction set is everything detected or added that was not dismissed.
 * States are immutable values so a UI can undo by keeping the previous one.
 */
import { compareFindings, confidence, ruleId, type Finding, type FindingType } from './types';
import { CallVaultError } from '../../shared/callvault-error';

export type FindingId = string & { readonly __brand: 'FindingId' };

export function findingId(finding: Pick<Finding, 'start' | 'end' | 'type'>): FindingId {
  return `${finding.type}:${finding.start}-${finding.end}` as FindingId;
}

export type FindingOrigin = 'detected' | 'rep';

export interface ReviewedFinding extends Finding {
  readonly id: FindingId;
  readonly origin: FindingOrigin;
}

export interface Dismissal {
  readonly id: FindingId;
  readonly reason: string;
}

export interface ReviewState {
  /** Length of the text under review: added spans must lie inside it. */
  readonly textLength: number;
  readonly findings: readonly ReviewedFinding[];
  readonly dismissals: ReadonlyMap<FindingId, Dismissal>;
}

export class ReviewError extends CallVaultError {
  override readonly name = 'ReviewError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('BAD_REQUEST', message, options);
  }
}

export function startReview(textLength: number, detected: readonly Finding[]): ReviewState {
  const findings = new Map<FindingId, ReviewedFinding>();
  for (const finding of detected) {
    const id = findingId(finding);
    if (!findings.has(id)) {
      findings.set(id, { ...finding, id, origin: 'detected' });
    }
  }
  return { textLength, findings: [...findings.values()].sort(compareFindings), dismissals: new Map() };
}

export function addFinding(state: ReviewState, span: { readonly start: number; readonly end: number; readonly type: FindingType }): ReviewState {
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end > state.textLength || span.end <= span.start) {
    throw new ReviewError(`The selection ${span.start}..${span.end} is not inside the transcript; select the text again.`);
  }
  const id = findingId(span);
  const dismissals = new Map(state.dismissals);
  // Re-adding a dismissed finding means the rep changed their mind: it is redacted again.
  dismissals.delete(id);
  if (state.findings.some((f) => f.id === id)) {
    return { ...state, dismissals };
  }
  const added: ReviewedFinding = { ...span, id, origin: 'rep', confidence: confidence(1), rule: ruleId('review.rep-added') };
  return { ...state, findings: [...state.findings, added].sort(compareFindings), dismissals };
}

export function dismissFinding(state: ReviewState, id: FindingId, reason: string): ReviewState {
  const trimmed = reason.trim();
  if (trimmed.length < 3) {
    throw new ReviewError('Say why this is not sensitive (at least a few words) before dismissing it.');
  }
  if (!state.findings.some((f) => f.id === id)) {
    throw new ReviewError(`There is no finding ${id} to dismiss.`);
  }
  const dismissals = new Map(state.dismissals);
  dismissals.set(id, { id, reason: trimmed });
  return { ...state, dismissals };
}

export function restoreFinding(state: ReviewState, id: FindingId): ReviewState {
  if (!state.dismissals.has(id)) {
    return state;
  }
  const dismissals = new Map(state.dismissals);
  dismissals.delete(id);
  return { ...state, dismissals };
}

/** What gets redacted: every finding not dismissed, in text order. */
export function finalRedactionSet(state: ReviewState): ReviewedFinding[] {
  return state.findings.filter((f) => !state.dismissals.has(f.id));
}
