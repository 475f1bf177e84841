import { describe, expect, it } from 'vitest';
import { EnergyVad, NoVad, type SpeechSegmenter } from '../../../src/platform/transcription/vad';
import { pieceAt, planWindows, toSource, windowSpan, type AudioWindow, type WindowOptions } from '../../../src/platform/transcription/windows';
import { addVoice, ms, noise, RATE } from './synthetic-audio';

async function plan(signal: Float32Array, segmenter: SpeechSegmenter, options: Partial<WindowOptions> = {}, chunk = ms(500)): Promise<AudioWindow[]> {
  function* chunks(): Generator<Float32Array> {
    for (let at = 0; at < signal.length; at += chunk) {
      yield signal.subarray(at, at + chunk);
    }
  }
  const out: AudioWindow[] = [];
  for await (const w of planWindows(chunks(), segmenter, { sampleRate: RATE, maxWindowMs: 10_000, gapMs: 300, cutSearchMs: 2_000, ...options })) {
    out.push(w);
  }
  return out;
}

/** Every piece's samples in the window are exactly the channel's samples at its source. */
function expectFaithful(windows: readonly AudioWindow[], signal: Float32Array): void {
  for (const w of windows) {
    for (const p of w.pieces) {
      expect(Array.from(w.samples.subarray(p.offset, p.offset + p.length))).toEqual(Array.from(signal.subarray(p.start, p.start + p.length)));
    }
  }
}

describe('planWindows', () => {
  it('without a VAD, covers the channel in consecutive windows no longer than the maximum, cut in a quiet spot', async () => {
    // Continuous "speech" with one quiet dip at 8.5 s, inside the cut search range (8..10 s).
    const signal = addVoice(addVoice(noise(ms(25_000), 0.002), 0, 8_400), 8_600, 25_000);
    const windows = await plan(signal, new NoVad());
    expect(windows.map((w) => w.index)).toEqual(windows.map((_, i) => i));
    let next = 0;
    for (const w of windows) {
      expect(w.pieces).toHaveLength(1);
      expect(w.pieces[0]!.start).toBe(next);
      expect(w.samples.length).toBeLessThanOrEqual(ms(10_000));
      next = w.pieces[0]!.start + w.pieces[0]!.length;
    }
    expect(next).toBe(signal.length);
    expect(Math.abs(windows[0]!.pieces[0]!.length - ms(8_500))).toBeLessThanOrEqual(ms(100));
    expectFaithful(windows, signal);
  });

  it('with the VAD, packs the speech of a mostly silent channel into few windows and leaves the silence out', async () => {
    const signal = noise(ms(60_000), 0.002);
    for (const at of [2_000, 15_000, 31_000, 50_000]) {
      addVoice(signal, at, at + 2_000);
    }
    const windows = await plan(signal, new EnergyVad(RATE));
    const pieces = windows.flatMap((w) => w.pieces);
    expect(pieces).toHaveLength(4);
    expect(windows.length).toBeLessThan(pieces.length); // packed, not one window per turn
    const sent = windows.reduce((n, w) => n + w.samples.length, 0);
    expect(sent).toBeLessThan(ms(15_000)); // of 60 s
    for (const w of windows) {
      w.pieces.slice(1).forEach((p, i) => {
        const before = w.pieces[i]!;
        expect(p.offset - (before.offset + before.length)).toBe(ms(300)); // the inserted gap
        expect(Array.from(w.samples.subarray(before.offset + before.length, p.offset)).every((v) => v === 0)).toBe(true);
      });
    }
    expectFaithful(windows, signal);
  });

  it('cuts one very long stretch of speech into bounded windows as it streams', async () => {
    const signal = addVoice(noise(ms(45_000), 0.002), 0, 45_000);
    const windows = await plan(signal, new EnergyVad(RATE), {}, ms(100));
    expect(windows.length).toBeGreaterThanOrEqual(5);
    for (const w of windows) {
      expect(w.samples.length).toBeLessThanOrEqual(ms(10_000));
    }
    const covered = windows.flatMap((w) => w.pieces).reduce((n, p) => n + p.length, 0);
    expect(covered).toBe(signal.length);
    expectFaithful(windows, signal);
  });

  it('pads a very short window to one second, which whisper needs', async () => {
    const signal = new Float32Array(ms(300)).fill(0.1);
    const [w] = await plan(signal, new NoVad());
    expect(w!.samples.length).toBe(ms(1_000));
    expect(w!.pieces).toEqual([{ offset: 0, start: 0, length: ms(300) }]);
  });

  it('yields nothing for empty input', async () => {
    expect(await plan(new Float32Array(0), new NoVad())).toEqual([]);
    expect(await plan(new Float32Array(0), new EnergyVad(RATE))).toEqual([]);
  });
});

describe('mapping window positions back to the channel', () => {
  const layout = { pieces: [{ offset: 0, start: 1000, length: 500 }, { offset: 800, start: 9000, length: 200 }] };

  it('finds the piece a position is in, or the next one for a position in a gap', () => {
    expect(pieceAt(layout, 0)).toBe(layout.pieces[0]);
    expect(pieceAt(layout, 499)).toBe(layout.pieces[0]);
    expect(pieceAt(layout, 600)).toBe(layout.pieces[1]);
    expect(pieceAt(layout, 5000)).toBe(layout.pieces[1]);
    expect(pieceAt({ pieces: [] }, 0)).toBeUndefined();
  });

  it('maps into the piece, clamped to it', () => {
    expect(toSource(layout.pieces[1]!, 850)).toBe(9050);
    expect(toSource(layout.pieces[1]!, 600)).toBe(9000);
    expect(toSource(layout.pieces[1]!, 5000)).toBe(9200);
    expect(windowSpan(layout)).toEqual({ start: 1000, end: 9200 });
  });
});
