import { describe, expect, it } from 'vitest';
import { EnergyVad, levelDb, NoVad, type SampleRange, type SpeechSegmenter } from '../../../src/platform/transcription/vad';
import { addVoice, ms, noise, RATE, toInt16 } from './synthetic-audio';

function run(segmenter: SpeechSegmenter, signal: Float32Array | Int16Array, chunk = ms(500)): SampleRange[] {
  const out: SampleRange[] = [];
  for (let at = 0; at < signal.length; at += chunk) {
    out.push(...segmenter.push(signal.subarray(at, at + chunk)));
  }
  return [...out, ...segmenter.finish()];
}

const inMs = (r: SampleRange): [number, number] => [Math.round((r.start / RATE) * 1000), Math.round((r.end / RATE) * 1000)];

describe('EnergyVad', () => {
  it('finds each stretch of speech over background noise, padded before and after', () => {
    const signal = addVoice(addVoice(noise(ms(12_000), 0.003), 2_000, 4_000), 7_000, 9_500);
    const regions = run(new EnergyVad(RATE), signal).map(inMs);
    expect(regions).toHaveLength(2);
    const [first, second] = regions;
    expect(first![0]).toBeGreaterThanOrEqual(1_700);
    expect(first![0]).toBeLessThanOrEqual(2_000);
    expect(first![1]).toBeGreaterThanOrEqual(4_000);
    expect(first![1]).toBeLessThanOrEqual(4_400);
    expect(second![0]).toBeGreaterThanOrEqual(6_700);
    expect(second![1]).toBeLessThanOrEqual(9_900);
  });

  it('finds nothing in digital silence, in steady noise, or in very quiet noise', () => {
    expect(run(new EnergyVad(RATE), new Float32Array(ms(10_000)))).toEqual([]);
    expect(run(new EnergyVad(RATE), noise(ms(10_000), 0.1))).toEqual([]); // loud but steady: a fan, a line hiss
    expect(run(new EnergyVad(RATE), noise(ms(10_000), 0.001))).toEqual([]);
    expect(run(new EnergyVad(RATE), new Int16Array(0))).toEqual([]);
  });

  it('catches speech that starts at the very first sample', () => {
    const regions = run(new EnergyVad(RATE), addVoice(noise(ms(6_000), 0.003), 0, 2_000)).map(inMs);
    expect(regions).toHaveLength(1);
    expect(regions[0]![0]).toBe(0);
  });

  it('ignores a click shorter than the minimum speech length', () => {
    const signal = addVoice(noise(ms(6_000), 0.003), 3_000, 3_040, 0.5);
    expect(run(new EnergyVad(RATE), signal)).toEqual([]);
  });

  it('keeps a short pause inside one region instead of cutting the sentence', () => {
    const signal = addVoice(addVoice(noise(ms(8_000), 0.003), 1_000, 3_000), 3_300, 5_000);
    expect(run(new EnergyVad(RATE), signal)).toHaveLength(1);
  });

  it('gives the same regions whatever the chunk size, for 16-bit and float input', () => {
    const signal = addVoice(addVoice(noise(ms(15_000), 0.004, 7), 1_000, 2_500), 8_000, 12_000, 0.05);
    const reference = run(new EnergyVad(RATE), signal, signal.length);
    expect(reference).toHaveLength(2);
    for (const chunk of [1, 319, 320, 4096, ms(1_000)]) {
      expect(run(new EnergyVad(RATE), signal, chunk)).toEqual(reference);
    }
    expect(run(new EnergyVad(RATE), toInt16(signal), ms(500)).map(inMs)).toEqual(reference.map(inMs));
  });

  it('never asks to keep audio from before a region it has yet to return', () => {
    const vad = new EnergyVad(RATE);
    const signal = addVoice(addVoice(noise(ms(20_000), 0.003), 3_000, 5_000), 12_000, 15_000);
    let keepFrom = 0;
    const regions: SampleRange[] = [];
    for (let at = 0; at < signal.length; at += ms(250)) {
      regions.push(...vad.push(signal.subarray(at, at + ms(250))));
      for (const r of regions) {
        expect(r.end).toBeLessThanOrEqual(at + ms(250));
      }
      expect(vad.keepFrom()).toBeGreaterThanOrEqual(keepFrom);
      keepFrom = vad.keepFrom();
    }
    for (const r of vad.finish()) {
      expect(r.start).toBeGreaterThanOrEqual(keepFrom);
    }
  });

  it('splits a region that is still open, and carries on after the cut', () => {
    const vad = new EnergyVad(RATE);
    vad.push(addVoice(noise(ms(6_000), 0.003), 1_000, 6_000));
    const open = vad.openStart();
    expect(open).toBeDefined();
    expect(vad.splitOpen(ms(3_000))).toEqual({ start: open, end: ms(3_000) });
    expect(vad.openStart()).toBe(ms(3_000));
    expect(vad.finish()[0]?.start).toBe(ms(3_000));
  });
});

describe('NoVad', () => {
  it('treats everything as one open region, cut where asked', () => {
    const vad = new NoVad();
    expect(run(vad, new Float32Array(1000), 300)).toEqual([{ start: 0, end: 1000 }]);
    const cut = new NoVad();
    cut.push(new Float32Array(1000));
    expect(cut.splitOpen(400)).toEqual({ start: 0, end: 400 });
    expect(cut.finish()).toEqual([{ start: 400, end: 1000 }]);
  });
});

describe('levelDb', () => {
  it('measures RMS in dBFS for both sample types', () => {
    expect(levelDb(new Float32Array(100).fill(0.5))).toBeCloseTo(-6.02, 1);
    expect(levelDb(new Int16Array(100).fill(16384))).toBeCloseTo(-6.02, 1);
    expect(levelDb(new Float32Array(100))).toBe(-120);
  });
});
