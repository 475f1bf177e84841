/**
 * The rep's review of what will be redacted in one transcript version: the detectors' findings
 * and the policy's topic flags, the rep's additions and dismissals (each with a reason), and the
 * final set stored with the version. Sharing and export read only what is stored here.
 */
import { z } from 'zod';
import type { TopicPolicy } from '../../core/redaction/topics';
import {
  addFinding,
  applyTopicPolicy,
  detectSensitive,
  dismissFinding,
  finalRedactionSet,
  findingId,
  FINDING_TYPES,
  startReview,
  type Finding,
  type FindingType,
  type ReviewState,
} from '../../core/redaction';
import { transcriptDocument, type TranscriptVersion } from '../../core/transcription/transcript';
import { AppFailure } from '../app-failure';
import type { OpenVault } from '../vault/open-vault';

/** Names the detector build in stored sets; bump it when the detectors change what they find. */
export const DETECTOR_VERSION = 'callvault-redaction-5';

const StoredSpan = z.strictObject({ start: z.number().int().nonnegative(), end: z.number().int().positive(), type: z.enum(FINDING_TYPES) });
export const StoredReview = z.strictObject({
  /** Everything that is redacted: detected and not dismissed, plus what the rep added. */
  final: z.array(StoredSpan.extend({ origin: z.enum(['detected', 'rep']), rule: z.string() })),
  /** Detected findings the rep said are not sensitive, with why. */
  dismissed: z.array(StoredSpan.extend({ rule: z.string(), reason: z.string().min(3) })),
  /** Segments the topic policy redacts whole, restricts, or warns about. */
  topics: z.array(z.strictObject({ segment: z.number().int().nonnegative(), topic: z.string(), action: z.enum(['redact', 'restrict', 'warn']) })),
});
export type StoredReview = z.output<typeof StoredReview>;

export interface ReviewDecisions {
  readonly added: readonly { readonly start: number; readonly end: number; readonly type: FindingType }[];
  readonly dismissed: readonly { readonly start: number; readonly end: number; readonly type: FindingType; readonly reason: string }[];
}

export interface ReviewDeps {
  readonly detect: (text: string) => Finding[];
}

export const defaultReviewDeps: ReviewDeps = { detect: detectSensitive };

export function latestTranscript(vault: OpenVault, recordingId: string): TranscriptVersion {
  const transcript = vault.transcripts.latest(recordingId);
  if (!transcript) {
    throw new AppFailure('NOT_FOUND', 'This recording has no transcript yet. Transcribe it first.');
  }
  return transcript;
}

/** The review as it stands: fresh detections with the stored decisions applied. */
export function reviewState(transcript: TranscriptVersion, stored: StoredReview | undefined, deps: ReviewDeps = defaultReviewDeps): ReviewState {
  const doc = transcriptDocument(transcript.segments);
  let state = startReview(doc.text.length, deps.detect(doc.text));
  if (stored) {
    state = applyDecisions(state, {
      added: stored.final.filter((f) => f.origin === 'rep'),
      dismissed: stored.dismissed,
    });
  }
  return state;
}

/**
 * Stores the rep's review of the latest version (replacing an earlier review of it) and audits
 * the counts (never the text). Every detected finding ends up redacted or dismissed with a reason.
 */
export function saveReview(
  vault: OpenVault,
  recordingId: string,
  version: number,
  decisions: ReviewDecisions,
  context: { readonly reviewer: string; readonly policyHash: string; readonly topicPolicy: TopicPolicy; readonly now: Date },
  deps: ReviewDeps = defaultReviewDeps,
): StoredReview {
  const transcript = latestTranscript(vault, recordingId);
  if (transcript.version !== version) {
    throw new AppFailure('BAD_REQUEST', `Version ${version} is not the latest transcript (that is version ${transcript.version}). Reload and review again.`);
  }
  const doc = transcriptDocument(transcript.segments);
  for (const span of decisions.added) {
    // A span across two turns cannot be placed in one segment's time, so it could never be shared.
    if (!doc.segments.some((s) => s.charStart <= span.start && span.end <= s.charEnd)) {
      throw new AppFailure('BAD_REQUEST', `The redaction you added at characters ${span.start}–${span.end} is not inside one turn of the conversation. Add one redaction per turn.`);
    }
  }
  // A reason too short, a span outside the text: a ReviewError (BAD_REQUEST) says it back to the rep.
  const state: ReviewState = applyDecisions(startReview(doc.text.length, deps.detect(doc.text)), decisions);
  const dismissedIds = new Set(state.dismissals.keys());
  const topics = applyTopicPolicy(transcript.segments.map((s) => s.text), context.topicPolicy);
  const stored: StoredReview = {
    final: finalRedactionSet(state).map((f) => ({ start: f.start, end: f.end, type: f.type, origin: f.origin, rule: f.rule })),
    dismissed: state.findings
      .filter((f) => dismissedIds.has(f.id))
      .map((f) => ({ start: f.start, end: f.end, type: f.type, rule: f.rule, reason: state.dismissals.get(f.id)?.reason ?? '' })),
    topics: topics.decisions.map((d) => ({ segment: d.segment, topic: d.topic, action: d.action })),
  };
  vault.transaction(() => {
    vault.redactionSets.save({
      recordingId,
      version,
      reviewedAt: context.now.toISOString(),
      reviewedBy: context.reviewer,
      policyHash: context.policyHash,
      detector: DETECTOR_VERSION,
      redactions: stored,
    });
    vault.audit.record('redaction.reviewed', {
      recordingId,
      version,
      redacted: stored.final.length,
      added: stored.final.filter((f) => f.origin === 'rep').length,
      dismissed: stored.dismissed.length,
      // Why each dismissal was made is part of the record; the dismissed text itself is not.
      dismissals: stored.dismissed.map((d) => `${d.type}: ${d.reason}`).join(' | '),
    });
  });
  return stored;
}

/**
 * What the detectors find today that a stored review does not cover (neither redacted nor
 * dismissed): non-empty means the review is out of date and nothing may be shared from it.
 */
export function uncoveredFindings(text: string, review: StoredReview, deps: ReviewDeps = defaultReviewDeps): Finding[] {
  const covered = new Set([...review.final, ...review.dismissed].map((f) => findingId(f)));
  return deps.detect(text).filter((f) => !covered.has(findingId(f)) && !review.final.some((r) => r.start <= f.start && f.end <= r.end));
}

/** The stored review of a version, or undefined when there is none or it cannot be read. */
export function storedReview(vault: OpenVault, recordingId: string, version: number): { review: StoredReview; reviewedAt: string; reviewedBy: string } | undefined {
  const row = vault.redactionSets.get(recordingId, version);
  const parsed = row ? StoredReview.safeParse(row.redactions) : undefined;
  return row && parsed?.success === true ? { review: parsed.data, reviewedAt: row.reviewedAt, reviewedBy: row.reviewedBy } : undefined;
}

function applyDecisions(initial: ReviewState, decisions: ReviewDecisions): ReviewState {
  let state = initial;
  for (const span of decisions.added) {
    state = addFinding(state, span);
  }
  for (const dismissal of decisions.dismissed) {
    const id = findingId(dismissal);
    if (state.findings.some((f) => f.id === id && f.origin === 'detected')) {
      state = dismissFinding(state, id, dismissal.reason);
    }
  }
  return state;
}
