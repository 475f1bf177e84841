/**
 * A recording's waveform peaks: for each channel (0 the rep, 1 the customer) the loudest sample of
 * every BIN_MS of audio, on a 0..255 scale. Computed once from the decrypted audio and stored sealed
 * under the recording's data key (they follow the shape of what was said, so they are as sensitive
 * as the audio's loudness). Pure: the streaming and the sealing happen in the app and platform.
 */
export const PEAKS_FORMAT = 1;
export const PEAKS_BIN_MS = 100;
const HEADER_BYTES = 12;

export interface WaveformPeaks {
  readonly binMs: number;
  /** Interleaved per bin: rep, customer, rep, customer, ... (0..255). */
  readonly peaks: Uint8Array<ArrayBuffer>;
}

/** The peaks as stored before sealing; nothing else enters a row in plaintext. */
export interface StoredPeaks {
  readonly recordingId: string;
  readonly format: number;
  /** How many chunks the audio had when the peaks were computed. */
  readonly sourceChunks: number;
  readonly sealed: Uint8Array;
  readonly computedAt: string;
}

export interface PeaksRepo {
  get(recordingId: string): StoredPeaks | undefined;
  /** Stores (or replaces) a recording's sealed peaks. */
  save(peaks: StoredPeaks): void;
}

/** Accumulates 16-bit samples into peak bins as the audio streams past, in bounded memory. */
export class PeakAccumulator {
  private readonly framesPerBin: number;
  private bins: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  private used = 0;

  constructor(sampleRate: number, readonly binMs = PEAKS_BIN_MS) {
    this.framesPerBin = Math.max(1, Math.round((sampleRate * binMs) / 1000));
  }

  /** Adds one channel's samples starting at `startFrame` (frames since the recording began). */
  add(channel: 0 | 1, startFrame: number, samples: Int16Array): void {
    let frame = startFrame;
    let at = 0;
    while (at < samples.length) {
      const bin = Math.floor(frame / this.framesPerBin);
      const binEnd = (bin + 1) * this.framesPerBin;
      const stop = Math.min(samples.length, at + (binEnd - frame));
      let max = 0;
      for (let i = at; i < stop; i += 1) {
        const v = samples[i] ?? 0;
        const a = v < 0 ? -v : v;
        if (a > max) {
          max = a;
        }
      }
      this.put(bin, channel, Math.min(255, Math.round((max / 32768) * 255)));
      frame += stop - at;
      at = stop;
    }
  }

  result(): WaveformPeaks {
    return { binMs: this.binMs, peaks: this.bins.slice(0, this.used * 2) };
  }

  private put(bin: number, channel: 0 | 1, value: number): void {
    if (bin * 2 + 2 > this.bins.length) {
      const grown = new Uint8Array(Math.max(this.bins.length * 2, bin * 2 + 2));
      grown.set(this.bins);
      this.bins = grown;
    }
    this.used = Math.max(this.used, bin + 1);
    const at = bin * 2 + channel;
    if (value > (this.bins[at] ?? 0)) {
      this.bins[at] = value;
    }
  }
}

/** The plaintext layout that gets sealed: u8 format, u8 channels=2, u16 0, u32le binMs, u32le bins, then the bins. */
export function encodePeaks(peaks: WaveformPeaks): Uint8Array {
  const bins = peaks.peaks.length / 2;
  const out = new Uint8Array(HEADER_BYTES + peaks.peaks.length);
  const view = new DataView(out.buffer);
  out[0] = PEAKS_FORMAT;
  out[1] = 2;
  view.setUint32(4, peaks.binMs, true);
  view.setUint32(8, bins, true);
  out.set(peaks.peaks, HEADER_BYTES);
  return out;
}

/** Reads what `encodePeaks` wrote; undefined for anything else (the caller computes them again). */
export function decodePeaks(bytes: Uint8Array): WaveformPeaks | undefined {
  if (bytes.length < HEADER_BYTES || bytes[0] !== PEAKS_FORMAT || bytes[1] !== 2) {
    return undefined;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const binMs = view.getUint32(4, true);
  const bins = view.getUint32(8, true);
  if (binMs < 1 || bytes.length !== HEADER_BYTES + bins * 2) {
    return undefined;
  }
  return { binMs, peaks: bytes.slice(HEADER_BYTES) };
}

/**
 * The peaks reduced to at most `bins` bins (the loudest of each group), for an overview as wide
 * as the screen; a finer request returns them as stored.
 */
export function reducePeaks(peaks: WaveformPeaks, bins: number): WaveformPeaks {
  const have = peaks.peaks.length / 2;
  if (bins >= have) {
    return peaks;
  }
  const group = Math.ceil(have / bins);
  const count = Math.ceil(have / group);
  const out = new Uint8Array(count * 2);
  for (let b = 0; b < have; b += 1) {
    const to = Math.floor(b / group) * 2;
    out[to] = Math.max(out[to] ?? 0, peaks.peaks[b * 2] ?? 0);
    out[to + 1] = Math.max(out[to + 1] ?? 0, peaks.peaks[b * 2 + 1] ?? 0);
  }
  return { binMs: peaks.binMs * group, peaks: out };
}
