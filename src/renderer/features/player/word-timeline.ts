import type { TranscriptWordsView } from '../../../shared/contract';

export interface TimedWordRef {
  readonly segment: number;
  /** The word's position within its segment. */
  readonly word: number;
  readonly startMs: number;
  readonly endMs: number;
}

/** A word stays lit this long after it ends when the next one has not started (a pause). */
const LINGER_MS = 1_000;

/** Every word of a transcript in time order, for finding the one being spoken. */
export function wordTimeline(words: TranscriptWordsView['segments']): TimedWordRef[] {
  const all: TimedWordRef[] = [];
  words.forEach((segment, s) => {
    segment.forEach((w, i) => {
      if (w.text.trim() !== '' && Number.isFinite(w.startMs) && Number.isFinite(w.endMs)) {
        all.push({ segment: s, word: i, startMs: w.startMs, endMs: Math.max(w.startMs, w.endMs) });
      }
    });
  });
  return all.sort((a, b) => a.startMs - b.startMs || a.segment - b.segment || a.word - b.word);
}

/** The index in `timeline` of the word spoken at `ms` (the last one begun, while it lingers), or -1. */
export function wordAt(timeline: readonly TimedWordRef[], ms: number): number {
  let lo = 0;
  let hi = timeline.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((timeline[mid]?.startMs ?? Infinity) <= ms) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const word = timeline[found];
  return word !== undefined && ms <= word.endMs + LINGER_MS ? found : -1;
}
