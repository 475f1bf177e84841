import { describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '../../../src/core/ports/transcription';
import { mergeSpeakerSegments } from '../../../src/core/transcription/merge-segments';

function seg(startMs: number, endMs: number, text: string): TranscriptSegment {
  return { startMs, endMs, text, confidence: 0.5, noSpeechProb: 0, words: [], tokens: [] };
}

const label = (s: { speaker: string; text: string }): string => `${s.speaker}:${s.text}`;

describe('mergeSpeakerSegments', () => {
  it('interleaves two channels by start time and labels each segment with its speaker', () => {
    const merged = mergeSpeakerSegments([
      { speaker: 'rep', segments: [seg(0, 2000, 'hello'), seg(5000, 7000, 'great')] },
      { speaker: 'customer', segments: [seg(2500, 4000, 'hi'), seg(8000, 9000, 'bye')] },
    ]);
    expect(merged.map(label)).toEqual(['rep:hello', 'customer:hi', 'rep:great', 'customer:bye']);
    expect(merged[1]).toMatchObject({ startMs: 2500, endMs: 4000, confidence: 0.5 });
  });

  it('keeps crosstalk: overlapping segments of both speakers are all there, by start', () => {
    const merged = mergeSpeakerSegments([
      { speaker: 'rep', segments: [seg(0, 5000, 'long sentence')] },
      { speaker: 'customer', segments: [seg(1000, 1500, 'mhm'), seg(3000, 3500, 'right')] },
    ]);
    expect(merged.map(label)).toEqual(['rep:long sentence', 'customer:mhm', 'customer:right']);
  });

  it('orders equal starts by end, then by track order', () => {
    const merged = mergeSpeakerSegments([
      { speaker: 'rep', segments: [seg(1000, 3000, 'a'), seg(4000, 5000, 'c')] },
      { speaker: 'customer', segments: [seg(1000, 2000, 'b'), seg(4000, 5000, 'd')] },
    ]);
    expect(merged.map(label)).toEqual(['customer:b', 'rep:a', 'rep:c', 'customer:d']);
  });

  it("never reorders a channel's own segments, even if their times are not sorted", () => {
    const merged = mergeSpeakerSegments([
      { speaker: 'rep', segments: [seg(3000, 4000, 'first'), seg(1000, 2000, 'second')] },
      { speaker: 'customer', segments: [seg(2000, 2500, 'x')] },
    ]);
    expect(merged.filter((s) => s.speaker === 'rep').map((s) => s.text)).toEqual(['first', 'second']);
    expect(merged).toHaveLength(3);
  });

  it('handles empty and one-sided calls', () => {
    expect(mergeSpeakerSegments([])).toEqual([]);
    expect(mergeSpeakerSegments([{ speaker: 'rep', segments: [] }, { speaker: 'customer', segments: [] }])).toEqual([]);
    expect(mergeSpeakerSegments([{ speaker: 'rep', segments: [] }, { speaker: 'customer', segments: [seg(0, 1, 'only')] }]).map(label)).toEqual(['customer:only']);
  });
});
