import { describe, expect, it } from 'vitest';
import type { RunnerSegment } from '../../../src/platform/transcription/runner-protocol';
import { assembleSegments } from '../../../src/platform/transcription/segment-assembly';

const RATE = 16_000;
const ms = (n: number): number => n * 16;

function segment(t0: number, t1: number, tokens: { text: string; t0: number; t1: number; p: number; hex?: string }[]): RunnerSegment {
  return {
    type: 'segment',
    window: 0,
    t0,
    t1,
    text: tokens.map((t) => t.text).join(''),
    noSpeechProb: 0.01,
    tokens: tokens.map((t, id) => ({ ...t, id })),
  };
}

describe('assembleSegments', () => {
  it('moves times from the window onto the channel and builds words from tokens', () => {
    // One piece: window 0..5 s is channel 60..65 s.
    const window = { pieces: [{ offset: 0, start: ms(60_000), length: ms(5_000) }], length: ms(5_000) };
    const [s, ...rest] = assembleSegments(segment(100, 2000, [
      { text: ' Hel', t0: 100, t1: 400, p: 0.9 },
      { text: 'lo', t0: 400, t1: 600, p: 0.5 },
      { text: ',', t0: 600, t1: 700, p: 1 },
      { text: ' world', t0: 800, t1: 2000, p: 0.8 },
    ]), window, RATE);

    expect(rest).toEqual([]);
    expect(s).toMatchObject({ startMs: 60_100, endMs: 62_000, text: ' Hello, world', noSpeechProb: 0.01 });
    expect(s!.confidence).toBeCloseTo((0.9 + 0.5 + 1 + 0.8) / 4, 6);
    expect(s!.words).toEqual([
      { text: ' Hello,', startMs: 60_100, endMs: 60_700, p: 0.9 * 0.5 * 1 },
      { text: ' world', startMs: 60_800, endMs: 62_000, p: 0.8 },
    ]);
    expect(s!.tokens[3]).toEqual({ text: ' world', startMs: 60_800, endMs: 62_000, p: 0.8, id: 3 });
  });

  it('splits a segment at the seam between two packed stretches, so neither spans the silence', () => {
    // Window: 0..2 s = channel 10..12 s, a 0.3 s gap, then 2.3..4.3 s = channel 40..42 s.
    const window = { pieces: [{ offset: 0, start: ms(10_000), length: ms(2_000) }, { offset: ms(2_300), start: ms(40_000), length: ms(2_000) }], length: ms(4_300) };
    const parts = assembleSegments(segment(0, 4300, [
      { text: ' one', t0: 0, t1: 900, p: 1 },
      { text: ' two', t0: 900, t1: 2100, p: 1 },
      { text: ' three', t0: 2200, t1: 3000, p: 1 }, // starts in the gap: belongs to the next stretch
      { text: ' four', t0: 3000, t1: 4300, p: 1 },
    ]), window, RATE);

    expect(parts.map((p) => [p.text, p.startMs, p.endMs])).toEqual([
      [' one two', 10_000, 12_000],
      [' three four', 40_000, 42_000],
    ]);
    expect(parts[1]!.tokens[0]).toMatchObject({ startMs: 40_000, endMs: 40_700 });
  });

  it('clamps times a model places after the end of the audio it was given', () => {
    const window = { pieces: [{ offset: 0, start: 0, length: ms(3_000) }], length: ms(3_000) };
    const [s] = assembleSegments(segment(500, 30_000, [{ text: ' late', t0: 29_000, t1: 30_000, p: 0.3 }]), window, RATE);
    expect(s).toMatchObject({ startMs: 500, endMs: 3_000 });
    expect(s!.tokens[0]).toMatchObject({ startMs: 3_000, endMs: 3_000 });
  });

  it('puts a character split across two tokens back together from the exact bytes', () => {
    const window = { pieces: [{ offset: 0, start: 0, length: ms(3_000) }], length: ms(3_000) };
    // 'é' is C3 A9; the runner sends each half as U+FFFD plus the raw byte in hex.
    const [s] = assembleSegments(segment(0, 1000, [
      { text: ' caf', t0: 0, t1: 300, p: 1 },
      { text: '\ufffd', hex: 'c3', t0: 300, t1: 400, p: 1 },
      { text: '\ufffd', hex: 'a9', t0: 400, t1: 500, p: 1 },
      { text: ' ok', t0: 500, t1: 1000, p: 1 },
    ]), window, RATE);
    expect(s!.text).toBe(' café ok');
    expect(s!.words.map((w) => w.text)).toEqual([' café', ' ok']);
  });

  it('drops a segment with no text and treats a missing probability as 0', () => {
    const window = { pieces: [{ offset: 0, start: 0, length: ms(3_000) }], length: ms(3_000) };
    expect(assembleSegments(segment(0, 1000, [{ text: ' ', t0: 0, t1: 100, p: 1 }]), window, RATE)).toEqual([]);
    const raw = segment(0, 1000, [{ text: ' hi', t0: 0, t1: 100, p: 1 }]);
    const [s] = assembleSegments({ ...raw, tokens: [{ ...raw.tokens[0]!, p: null }] }, window, RATE);
    expect(s!.tokens[0]!.p).toBe(0);
    expect(s!.confidence).toBe(0);
  });
});
