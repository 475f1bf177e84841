import type { StoredSegment } from '../../src/core/transcription/transcript';

/** A hand-written transcript segment whose words are spread evenly over its time span. */
export function timedSegment(speaker: 'rep' | 'customer', startMs: number, endMs: number, text: string, wordTimes = true): StoredSegment {
  const words = text.split(' ');
  const step = (endMs - startMs) / words.length;
  return {
    speaker,
    startMs,
    endMs,
    text,
    confidence: 0.9,
    words: wordTimes ? words.map((w, i) => ({ text: ` ${w}`, startMs: Math.round(startMs + i * step), endMs: Math.round(startMs + (i + 1) * step), p: 0.9 })) : [],
  };
}
