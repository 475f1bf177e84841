/**
 * The scan the app runs on a transcript: its segments laid out as one text, a line per segment
 * (the layout review, placeholders and audio muting index into), sensitive values found over
 * the whole text so that values split across turns are found, and topics flagged per segment
 * with the turns before it as context. Findings come back both in document offsets and per
 * segment, so a value split over two segments yields a finding in each.
 */
import { detectSensitive } from './detect';
import { flagSegmentTopics, type SegmentTopics } from './segment-topics';
import type { Finding } from './types';

export interface ScanSegment {
  readonly speaker: string;
  readonly text: string;
}

export interface SegmentFinding extends Finding {
  /** Index of the segment the finding lies in. */
  readonly segment: number;
  /** Offsets into that segment's own text. */
  readonly segmentStart: number;
  readonly segmentEnd: number;
}

export interface TranscriptScan {
  /** The segments' texts joined with "\n": what `findings` index into. */
  readonly text: string;
  /** Document offsets; never across a line break. */
  readonly findings: readonly Finding[];
  readonly bySegment: readonly SegmentFinding[];
  readonly topics: readonly SegmentTopics[];
}

export function transcriptText(segments: readonly ScanSegment[]): string {
  return segments.map((s) => s.text).join('\n');
}

export function scanTranscript(segments: readonly ScanSegment[]): TranscriptScan {
  const text = transcriptText(segments);
  const findings = detectSensitive(text);
  const starts: number[] = [];
  let at = 0;
  for (const segment of segments) {
    starts.push(at);
    at += segment.text.length + 1;
  }
  const bySegment = findings.map((f) => {
    const segment = segmentAt(starts, f.start);
    const base = starts[segment] ?? 0;
    // Named fields rather than a spread: findings come in several shapes, and cloning them is slow.
    const found: SegmentFinding = { start: f.start, end: f.end, type: f.type, confidence: f.confidence, rule: f.rule, segment, segmentStart: f.start - base, segmentEnd: f.end - base };
    return found;
  });
  return { text, findings, bySegment, topics: flagSegmentTopics(segments) };
}

/** Index of the segment whose line contains document offset `offset` (binary search). */
function segmentAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((starts[mid] ?? 0) <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}
