// The rep's unsaved redaction review: which findings are redacted or kept (with why), which spans
// the rep added, and how a segment's text splits into highlighted pieces. Pure values, so the
// panel can undo by keeping an earlier draft and the rules are tested without a browser.
import type { RedactionFindingView, RedactionReviewView } from '../../../shared/contract';

export type DraftFinding = RedactionFindingView;
export type Draft = readonly DraftFinding[];
export type Change = { ok: true; draft: Draft } | { ok: false; message: string };

/** A dismissal must say why: the reason is what the audit trail keeps. */
export const MIN_REASON = 3;

export function draftFrom(view: Pick<RedactionReviewView, 'findings'>): Draft {
  return view.findings.map((f) => ({ ...f }));
}

export function spanId(type: string, start: number, end: number): string {
  return `${type}:${start}-${end}`;
}

/** Keeps a finding unredacted: the rep says it is not sensitive, and why. */
export function dismiss(draft: Draft, id: string, reason: string): Change {
  const why = reason.trim();
  if (why.length < MIN_REASON) {
    return { ok: false, message: 'Say why this is not sensitive (a few words) before keeping it.' };
  }
  const finding = draft.find((f) => f.id === id);
  if (!finding) {
    return { ok: false, message: 'That finding is no longer in the review; reload it.' };
  }
  if (finding.origin === 'rep') {
    return { ok: true, draft: draft.filter((f) => f.id !== id) };
  }
  return { ok: true, draft: draft.map((f) => (f.id === id ? { ...f, dismissed: why } : f)) };
}

/** Redacts a kept finding again, or removes a span the rep added. */
export function restore(draft: Draft, id: string): Draft {
  const finding = draft.find((f) => f.id === id);
  if (finding?.origin === 'rep') {
    return draft.filter((f) => f.id !== id);
  }
  return draft.map((f) => (f.id === id ? { ...f, dismissed: null } : f));
}

/**
 * Adds a span the detectors missed. It must lie inside one segment (a redaction across two turns
 * cannot be placed in time); surrounding spaces are trimmed off.
 */
export function addSpan(draft: Draft, view: Pick<RedactionReviewView, 'text' | 'segments'>, selection: { start: number; end: number }, type: string): Change {
  let start = Math.min(selection.start, selection.end);
  let end = Math.max(selection.start, selection.end);
  while (start < end && /\s/.test(view.text[start] ?? '')) {
    start += 1;
  }
  while (end > start && /\s/.test(view.text[end - 1] ?? '')) {
    end -= 1;
  }
  if (end <= start) {
    return { ok: false, message: 'Select the words to redact first.' };
  }
  if (!view.segments.some((s) => s.charStart <= start && end <= s.charEnd)) {
    return { ok: false, message: 'Select words within one turn of the conversation; redact each turn on its own.' };
  }
  const id = spanId(type, start, end);
  const existing = draft.find((f) => f.id === id);
  if (existing) {
    return { ok: true, draft: restore(draft, id) };
  }
  const added: DraftFinding = { id, type, start, end, rule: 'review.rep-added', origin: 'rep', confidence: 1, dismissed: null };
  return { ok: true, draft: [...draft, added].sort((a, b) => a.start - b.start || a.end - b.end) };
}

/** What `redaction.saveReview` takes from a draft. */
export function saveInput(view: Pick<RedactionReviewView, 'recordingId' | 'version'>, draft: Draft) {
  return {
    recordingId: view.recordingId,
    version: view.version,
    added: draft.filter((f) => f.origin === 'rep').map(({ start, end, type }) => ({ start, end, type })),
    dismissed: draft.filter((f) => f.origin === 'detected' && f.dismissed !== null).map(({ start, end, type, dismissed }) => ({ start, end, type, reason: dismissed ?? '' })),
  };
}

/** Whether the draft differs from what was loaded. */
export function isDirty(view: Pick<RedactionReviewView, 'findings'>, draft: Draft): boolean {
  const key = (fs: readonly DraftFinding[]) => fs.map((f) => `${f.id}|${f.dismissed ?? ''}`).sort().join('\n');
  return key(view.findings) !== key(draft);
}

export function counts(draft: Draft): { redacted: number; kept: number } {
  const kept = draft.filter((f) => f.dismissed !== null).length;
  return { redacted: draft.length - kept, kept };
}

export interface Piece {
  readonly start: number;
  readonly end: number;
  /** 'redact' when any finding over it will be redacted; 'kept' when the only ones are dismissed. */
  readonly mark: 'redact' | 'kept' | null;
  readonly types: readonly string[];
}

/** A segment's text [from, to) cut at every finding boundary, each piece marked. */
export function pieces(from: number, to: number, draft: Draft): Piece[] {
  const inside = draft.filter((f) => f.end > from && f.start < to);
  const cuts = [...new Set([from, to, ...inside.flatMap((f) => [Math.max(from, f.start), Math.min(to, f.end)])])].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] ?? from;
    const end = cuts[i + 1] ?? to;
    const over = inside.filter((f) => f.start <= start && end <= f.end);
    const redacting = over.filter((f) => f.dismissed === null);
    out.push({
      start,
      end,
      mark: redacting.length > 0 ? 'redact' : over.length > 0 ? 'kept' : null,
      types: [...new Set((redacting.length > 0 ? redacting : over).map((f) => f.type))],
    });
  }
  return out;
}

/** "Reviewed by Jane on …", "not reviewed", or why the saved review no longer holds. */
export function reviewStatusText(saved: RedactionReviewView['saved'], formatDate: (iso: string) => string): string {
  if (saved === null) {
    return 'Not reviewed yet: nothing from this transcript can be shared until you save a review.';
  }
  if (!saved.upToDate) {
    return `The review saved by ${saved.reviewedBy} on ${formatDate(saved.reviewedAt)} is out of date: the detectors now find more. Check the findings and save again.`;
  }
  return `Reviewed by ${saved.reviewedBy} on ${formatDate(saved.reviewedAt)}.`;
}
