/**
 * Maps text findings to audio time ranges through word timestamps. Fail closed: when a
 * finding's segment has no usable word timings (missing, partial, or a gap inside the finding)
 * the WHOLE segment is muted; when a finding lies in no segment at all, mapping fails and the
 * caller must not release the audio.
 */
import { mergeTimeRanges, type TimeRange } from './audio-mute';

export interface TimedWord {
  /** Char offsets into the same text the findings index. */
  readonly charStart: number;
  readonly charEnd: number;
  /** Seconds; absent when the recogniser gave no timing for the word. */
  readonly start?: number | undefined;
  readonly end?: number | undefined;
}

export interface TimedSegment {
  readonly charStart: number;
  readonly charEnd: number;
  /** Seconds. */
  readonly start: number;
  readonly end: number;
  readonly words?: readonly TimedWord[] | undefined;
}

export interface CharSpan {
  readonly start: number;
  readonly end: number;
}

export type TimeMapping =
  | { readonly ok: true; readonly ranges: readonly TimeRange[]; readonly wholeSegments: readonly number[] }
  | { readonly ok: false; readonly reason: string; readonly span: CharSpan };

export interface TimeMappingOptions {
  /** Seconds added on both sides of word-timed ranges: recogniser timings are approximate. */
  readonly padSeconds?: number;
  /** Largest char gap between two timed words inside a finding before timing counts as missing. */
  readonly maxCharGap?: number;
}

export function findingsToTimeRanges(
  findings: readonly CharSpan[],
  segments: readonly TimedSegment[],
  options: TimeMappingOptions = {},
): TimeMapping {
  const pad = options.padSeconds ?? 0.05;
  const maxGap = options.maxCharGap ?? 3;
  const ranges: TimeRange[] = [];
  const whole = new Set<number>();
  for (const finding of findings) {
    const hit = segments
      .map((segment, index) => ({ segment, index }))
      .filter(({ segment }) => segment.charStart < finding.end && finding.start < segment.charEnd);
    if (hit.length === 0) {
      return { ok: false, reason: 'finding lies outside every timed segment', span: finding };
    }
    for (const { segment, index } of hit) {
      const part = { start: Math.max(finding.start, segment.charStart), end: Math.min(finding.end, segment.charEnd) };
      const timed = wordRange(segment.words, part, maxGap);
      if (timed === undefined) {
        whole.add(index);
        ranges.push({ start: segment.start, end: segment.end });
      } else {
        ranges.push({ start: Math.max(0, timed.start - pad), end: timed.end + pad });
      }
    }
  }
  return { ok: true, ranges: mergeTimeRanges(ranges), wholeSegments: [...whole].sort((a, b) => a - b) };
}

/** The time span of the words over `part`, or undefined when any timing is missing. */
function wordRange(words: readonly TimedWord[] | undefined, part: CharSpan, maxGap: number): TimeRange | undefined {
  const over = (words ?? []).filter((w) => w.charStart < part.end && part.start < w.charEnd).sort((a, b) => a.charStart - b.charStart);
  const first = over[0];
  const last = over[over.length - 1];
  if (first === undefined || last === undefined) {
    return undefined;
  }
  // The words must reach both ends of the part, with no long untimed stretch in between.
  if (first.charStart - part.start > maxGap || part.end - last.charEnd > maxGap) {
    return undefined;
  }
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let previousEnd = first.charStart;
  for (const word of over) {
    if (word.start === undefined || word.end === undefined || !Number.isFinite(word.start) || !Number.isFinite(word.end) || word.end < word.start) {
      return undefined;
    }
    if (word.charStart - previousEnd > maxGap) {
      return undefined;
    }
    previousEnd = Math.max(previousEnd, word.charEnd);
    start = Math.min(start, word.start);
    end = Math.max(end, word.end);
  }
  return { start, end };
}
