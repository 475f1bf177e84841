// Speed 0.5x-2x keeps the pitch: the player's WSOLA stretch (what each window goes through before
// it plays at rate 1) changes duration by the rate, keeps each channel's frequency and loudness,
// and keeps events at their moment (an onset at 1 s plays at 1 s / rate).
import { describe, expect, it } from 'vitest';
import { timeStretch } from '../../../src/renderer/features/player/time-stretch';

const RATE = 16_000;

function tone(hz: number, seconds: number, startS = 0): Float32Array {
  return Float32Array.from({ length: Math.round(RATE * seconds) }, (_, i) => (i < startS * RATE ? 0 : 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE)));
}

/** Frequency from upward zero crossings over the middle half (edges excluded). */
function frequency(samples: Float32Array): number {
  const from = Math.floor(samples.length / 4);
  const to = Math.floor((3 * samples.length) / 4);
  let crossings = 0;
  for (let i = from + 1; i < to; i += 1) {
    if ((samples[i - 1] ?? 0) < 0 && (samples[i] ?? 0) >= 0) {
      crossings += 1;
    }
  }
  return crossings / ((to - from) / RATE);
}

function rms(samples: Float32Array): number {
  const from = Math.floor(samples.length / 4);
  const to = Math.floor((3 * samples.length) / 4);
  let sum = 0;
  for (let i = from; i < to; i += 1) {
    sum += (samples[i] ?? 0) ** 2;
  }
  return Math.sqrt(sum / (to - from));
}

describe('time stretch for playback speed', () => {
  it.each([0.5, 0.75, 1.25, 1.5, 2])('at %sx: duration divided by the rate, both channels at their own pitch and loudness', (rate) => {
    const rep = tone(220, 3);
    const customer = tone(440, 3);
    const out = timeStretch(rep, customer, rate, RATE);
    expect(out.rep.length).toBe(Math.round(rep.length / rate));
    expect(out.customer.length).toBe(out.rep.length);
    // Resampling (Web Audio's playbackRate) would give 220 * rate and 440 * rate.
    expect(frequency(out.rep)).toBeGreaterThan(220 * 0.97);
    expect(frequency(out.rep)).toBeLessThan(220 * 1.03);
    expect(frequency(out.customer)).toBeGreaterThan(440 * 0.97);
    expect(frequency(out.customer)).toBeLessThan(440 * 1.03);
    expect(rms(out.rep) / rms(rep)).toBeGreaterThan(0.85);
    expect(rms(out.rep) / rms(rep)).toBeLessThan(1.15);
  });

  it('plays an onset at its moment divided by the rate', () => {
    const rep = tone(300, 3, 1);
    const silent = new Float32Array(rep.length);
    for (const rate of [0.5, 2]) {
      const out = timeStretch(rep, silent, rate, RATE).rep;
      const onset = out.findIndex((x) => Math.abs(x) > 0.05) / RATE;
      expect(Math.abs(onset - 1 / rate)).toBeLessThan(0.04);
    }
  });

  it('returns the input unchanged at 1x and handles an empty window', () => {
    const rep = tone(300, 0.1);
    expect(timeStretch(rep, rep, 1, RATE).rep).toEqual(rep);
    expect(timeStretch(new Float32Array(0), new Float32Array(0), 2, RATE).rep.length).toBe(0);
  });
});
