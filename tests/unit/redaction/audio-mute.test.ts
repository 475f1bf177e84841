import { describe, expect, it } from 'vitest';
import { findingsToTimeRanges, mergeTimeRanges, muteRanges, type TimedSegment } from '../../../src/core/redaction';
import { rms } from '../../helpers/wav';

const RATE = 1000;
const noise = (length: number): Int16Array => Int16Array.from({ length }, (_, i) => ((i * 7919) % 2000) - 1000 || 1);

describe('muteRanges', () => {
  it('silences exactly the frames inside each range and leaves the rest untouched', () => {
    const input = noise(3000);
    const out = muteRanges(input, RATE, [{ start: 0.5, end: 1.25 }, { start: 2.9, end: 5 }]);
    expect(out).not.toBe(input);
    for (let i = 0; i < out.length; i += 1) {
      const inside = (i >= 500 && i < 1250) || i >= 2900;
      expect(out[i]).toBe(inside ? 0 : input[i]);
    }
    expect(input[600]).not.toBe(0);
  });

  it('rounds outwards so a fractional boundary mutes more, never less', () => {
    const out = muteRanges(noise(100), RATE, [{ start: 0.0105, end: 0.0201 }]);
    expect(out[10]).toBe(0);
    expect(out[20]).toBe(0);
    expect(out[9]).not.toBe(0);
    expect(out[21]).not.toBe(0);
  });

  it('mutes every channel of an interleaved frame', () => {
    const input = noise(200);
    const out = muteRanges(input, RATE, [{ start: 0.01, end: 0.02 }], { channels: 2 });
    expect(Array.from(out.slice(20, 40))).toEqual(new Array(20).fill(0));
    expect(out[19]).toBe(input[19]);
    expect(out[40]).toBe(input[40]);
  });

  it('can replace with a tone instead of silence, on float PCM too', () => {
    const input = new Float32Array(1000).fill(0.5);
    const out = muteRanges(input, RATE, [{ start: 0.1, end: 0.5 }], { replacement: { kind: 'tone', frequencyHz: 100, amplitude: 0.2 } });
    expect(out).toBeInstanceOf(Float32Array);
    expect(rms(out, 100, 500)).toBeCloseTo(0.2 / Math.SQRT2, 2);
    expect(Math.max(...Array.from(out.slice(100, 500)).map(Math.abs))).toBeLessThanOrEqual(0.2 + 1e-6);
    expect(out[50]).toBe(0.5);
  });

  it('refuses malformed input instead of skipping a range', () => {
    expect(() => muteRanges(noise(10), RATE, [{ start: 2, end: 1 }])).toThrow(RangeError);
    expect(() => muteRanges(noise(10), 0, [])).toThrow(RangeError);
    expect(() => muteRanges(noise(11), RATE, [], { channels: 2 })).toThrow(RangeError);
  });

  it('merges overlapping ranges', () => {
    expect(mergeTimeRanges([{ start: 3, end: 4 }, { start: 0, end: 1 }, { start: 0.5, end: 2 }])).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 4 },
    ]);
  });
});

describe('findingsToTimeRanges', () => {
  // "my pin is 4821 thanks" with per-word timings, then a second segment without any.
  const text = 'my pin is 4821 thanks. call me at 415-555-0142';
  const segments: TimedSegment[] = [
    {
      charStart: 0,
      charEnd: 22,
      start: 0,
      end: 2,
      words: [
        { charStart: 0, charEnd: 2, start: 0, end: 0.2 },
        { charStart: 3, charEnd: 6, start: 0.25, end: 0.5 },
        { charStart: 7, charEnd: 9, start: 0.55, end: 0.7 },
        { charStart: 10, charEnd: 14, start: 0.8, end: 1.4 },
        { charStart: 15, charEnd: 22, start: 1.5, end: 2 },
      ],
    },
    { charStart: 23, charEnd: text.length, start: 2.5, end: 5 },
  ];

  it('maps a finding to the time of its words, padded', () => {
    const result = findingsToTimeRanges([{ start: 10, end: 14 }], segments, { padSeconds: 0.05 });
    expect(result).toEqual({ ok: true, ranges: [{ start: 0.75, end: 1.45 }], wholeSegments: [] });
  });

  it('mutes the whole segment when it has no word timings (fail closed)', () => {
    const at = text.indexOf('415');
    const result = findingsToTimeRanges([{ start: at, end: at + 12 }], segments);
    expect(result).toEqual({ ok: true, ranges: [{ start: 2.5, end: 5 }], wholeSegments: [1] });
  });

  it('mutes the whole segment when a word inside the finding lacks a timestamp', () => {
    const partial: TimedSegment[] = [
      { ...segments[0]!, words: segments[0]!.words!.map((w) => (w.charStart === 10 ? { charStart: w.charStart, charEnd: w.charEnd } : w)) },
    ];
    expect(findingsToTimeRanges([{ start: 10, end: 14 }], partial)).toEqual({ ok: true, ranges: [{ start: 0, end: 2 }], wholeSegments: [0] });
  });

  it('fails when a finding lies in no segment, so the caller cannot release the audio', () => {
    const result = findingsToTimeRanges([{ start: 100, end: 110 }], segments);
    expect(result.ok).toBe(false);
  });

  it('splits a finding across segments and merges the ranges', () => {
    const result = findingsToTimeRanges([{ start: 15, end: 30 }], segments, { padSeconds: 0 });
    expect(result).toEqual({ ok: true, ranges: [{ start: 1.5, end: 2 }, { start: 2.5, end: 5 }], wholeSegments: [1] });
  });
});
