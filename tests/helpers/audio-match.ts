/**
 * Finds where a recorded signal sits in its (looping) source and how well it matches there:
 * normalised cross-correlation over every lag by FFT, then the Pearson correlation at the best lag.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { correlation, readWavFile } from './speech';

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) {
    p *= 2;
  }
  return p;
}

/** In-place iterative radix-2 FFT; `inverse` also scales by 1/n. */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i += 1) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) {
      j ^= bit;
    }
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k += 1) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
        const next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i += 1) {
      re[i] = re[i]! / n;
      im[i] = im[i]! / n;
    }
  }
}

/** `source` repeated until it is at least `length` samples long (the fake devices loop their file). */
export function looped(source: Int16Array, length: number): Int16Array {
  const out = new Int16Array(length);
  for (let i = 0; i < length; i += source.length) {
    out.set(source.subarray(0, Math.min(source.length, length - i)), i);
  }
  return out;
}

export interface LagMatch {
  /** Where in the (looped) source the recording starts, in samples. */
  readonly lag: number;
  /** Pearson correlation of the recording with the source at that lag. */
  readonly correlation: number;
}

/** The best-matching lag of `recorded` within `source` played in a loop, and the correlation there. */
export function bestLagCorrelation(recorded: Int16Array, source: Int16Array): LagMatch {
  const m = recorded.length;
  const extended = looped(source, source.length + m);
  const n = nextPow2(extended.length + m);
  const ar = new Float64Array(n);
  const ai = new Float64Array(n);
  const br = new Float64Array(n);
  const bi = new Float64Array(n);
  extended.forEach((v, i) => {
    ar[i] = v;
  });
  recorded.forEach((v, i) => {
    br[i] = v;
  });
  fft(ar, ai, false);
  fft(br, bi, false);
  // Cross-correlation: A * conj(B).
  for (let i = 0; i < n; i += 1) {
    const r = ar[i]! * br[i]! + ai[i]! * bi[i]!;
    const im = ai[i]! * br[i]! - ar[i]! * bi[i]!;
    ar[i] = r;
    ai[i] = im;
  }
  fft(ar, ai, true);
  const energy = new Float64Array(extended.length + 1);
  for (let i = 0; i < extended.length; i += 1) {
    energy[i + 1] = energy[i]! + extended[i]! * extended[i]!;
  }
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = 0; lag < source.length; lag += 1) {
    const local = energy[lag + m]! - energy[lag]!;
    const score = local > 0 ? ar[lag]! / Math.sqrt(local) : -Infinity;
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return { lag: best, correlation: correlation(recorded, extended.subarray(best, best + m)) };
}

export interface AlignedMatch {
  /** Energy-weighted mean of the windows' correlations, each at its own best lag near the global one. */
  readonly correlation: number;
  /** The single best lag for the whole recording, and the correlation there. */
  readonly global: LagMatch;
  /**
   * The median window's correlation (windows with sound only). A glitch in the source (Chromium's
   * tab playback under load skips a few ms) spoils the windows it falls in; the median shows
   * whether the rest of the channel is that voice.
   */
  readonly medianWindow: number;
  readonly windows: number;
  /** Where a window's lag moved against the previous one: a dropout or glitch in capture. */
  readonly discontinuities: number;
}

/**
 * Like `bestLagCorrelation`, but tolerant of small glitches: the recording is cut into short windows
 * and each is matched at its own best lag within `searchSamples` of the global alignment. A real
 * capture may drop or insert a few milliseconds under load (Chromium's fake microphone skips its
 * 10 ms ticks when the machine is busy), which shifts everything after it; a lost block of the
 * product's own (a quarter second) lies outside the search and still fails the match.
 */
export function alignedCorrelation(recorded: Int16Array, source: Int16Array, windowSamples = 4000, searchSamples = 960): AlignedMatch {
  const global = bestLagCorrelation(recorded, source);
  const extended = looped(source, 2 * source.length + recorded.length + 2 * searchSamples);
  let weighted = 0;
  let energyTotal = 0;
  let windows = 0;
  let discontinuities = 0;
  let previousShift: number | undefined;
  const perWindow: number[] = [];
  for (let start = 0; start + windowSamples <= recorded.length; start += windowSamples) {
    const window = recorded.subarray(start, start + windowSamples);
    const centre = source.length + global.lag + start;
    let bestShift = 0;
    let bestScore = -Infinity;
    for (let shift = -searchSamples; shift <= searchSamples; shift += 1) {
      const from = centre + shift;
      let dot = 0;
      let energy = 0;
      for (let i = 0; i < windowSamples; i += 1) {
        const s = extended[from + i]!;
        dot += window[i]! * s;
        energy += s * s;
      }
      const score = energy > 0 ? dot / Math.sqrt(energy) : -Infinity;
      if (score > bestScore) {
        bestScore = score;
        bestShift = shift;
      }
    }
    let windowEnergy = 0;
    for (let i = 0; i < windowSamples; i += 1) {
      windowEnergy += window[i]! * window[i]!;
    }
    const from = centre + bestShift;
    const r = correlation(window, extended.subarray(from, from + windowSamples));
    if (Number.isFinite(r) && windowEnergy > 0) {
      weighted += r * windowEnergy;
      energyTotal += windowEnergy;
      perWindow.push(r);
    }
    if (previousShift !== undefined && Math.abs(bestShift - previousShift) > 8) {
      discontinuities += 1;
    }
    previousShift = bestShift;
    windows += 1;
  }
  perWindow.sort((a, b) => a - b);
  const medianWindow = perWindow.length > 0 ? (perWindow[Math.floor(perWindow.length / 2)] ?? 0) : 0;
  return { correlation: energyTotal > 0 ? weighted / energyTotal : 0, medianWindow, global, windows, discontinuities };
}

/** Speech from espeak-ng in a given voice, as a 48 kHz mono 16-bit WAV (sox converts it). */
export function voiceWav(dir: string, name: string, voice: string, text: string): string {
  const raw = path.join(dir, `${name}-raw.wav`);
  const out = path.join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-v', voice, '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', out]);
  return out;
}

/** A WAV file's first channel resampled by sox (the vault stores 16 kHz). */
export function resampled(file: string, rate: number): Int16Array {
  const out = file.replace(/\.wav$/, `-${rate}.wav`);
  execFileSync('sox', [file, '-r', String(rate), out]);
  const channel = readWavFile(out).channels[0];
  if (!channel) {
    throw new Error(`${out} has no audio`);
  }
  return channel;
}
