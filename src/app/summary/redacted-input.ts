/**
 * What a summary drafter may read: the transcript's segments with every sensitive value replaced
 * by its placeholder. The spans are the union of the stored redaction review's final set (with
 * the rep's additions) and what the detectors find today, and segments the topic policy redacts
 * whole are replaced whole, so a draft never sees a value whether or not the review was done.
 * Each segment is then scanned again on its own; anything still found is redacted too (fail closed).
 */
import { detectSensitive, redactText, type RedactionSpan } from '../../core/redaction';
import type { SummarySegment } from '../../core/summary';
import { transcriptDocument, type TranscriptVersion } from '../../core/transcription/transcript';
import { storedReview } from '../redaction/redaction-review';
import type { OpenVault } from '../vault/open-vault';

export function redactedSummaryInput(vault: OpenVault, transcript: TranscriptVersion, detect: (text: string) => readonly RedactionSpan[] = detectSensitive): SummarySegment[] {
  const doc = transcriptDocument(transcript.segments);
  const review = storedReview(vault, transcript.recordingId, transcript.version)?.review;
  const spans: RedactionSpan[] = [...(review?.final ?? []), ...detect(doc.text)];
  const wholeTopics = new Map((review?.topics ?? []).filter((t) => t.action !== 'warn').map((t) => [t.segment, t.topic]));
  return transcript.segments.map((segment, index) => {
    const topic = wholeTopics.get(index);
    if (topic !== undefined) {
      return { index, speaker: segment.speaker, startMs: segment.startMs, text: `[REDACTED: ${topic}]` };
    }
    const at = doc.segments[index];
    const from = at?.charStart ?? 0;
    const to = at?.charEnd ?? 0;
    // Spans clipped to this segment, shifted to its own text.
    const local = spans
      .filter((s) => s.end > from && s.start < to)
      .map((s) => ({ start: Math.max(0, s.start - from), end: Math.min(to, s.end) - from, type: s.type }));
    const once = redactText(segment.text, local);
    const again = detect(once);
    return { index, speaker: segment.speaker, startMs: segment.startMs, text: again.length === 0 ? once : redactText(once, again) };
  });
}
