/**
 * Band-limited resampling (windowed sinc) for speech: capture runs at 48 kHz, storage and
 * transcription at 16 kHz. The low-pass cut-off sits below the new Nyquist frequency so no
 * aliasing folds into the speech band. Stateful, so audio can arrive a frame at a time.
 */
const TAPS_PER_SIDE = 16;

export class Resampler {
  private readonly ratio: number;
  private readonly cutoff: number;
  private history: Float32Array = new Float32Array(0);
  /** Position of the next output sample, in input samples relative to the start of `history`. */
  private position = 0;

  constructor(
    readonly fromRate: number,
    readonly toRate: number,
  ) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new Error('Sample rates must be positive.');
    }
    this.ratio = fromRate / toRate;
    this.cutoff = Math.min(1, toRate / fromRate) * 0.95;
  }

  /** Feeds samples in [-1, 1] or 16-bit; returns the resampled samples they complete. */
  push(input: Float32Array): Float32Array {
    if (this.fromRate === this.toRate) {
      return input.slice();
    }
    const buffer = new Float32Array(this.history.length + input.length);
    buffer.set(this.history, 0);
    buffer.set(input, this.history.length);
    const reach = Math.ceil(TAPS_PER_SIDE / this.cutoff);
    const out: number[] = [];
    while (this.position + reach < buffer.length) {
      out.push(this.sampleAt(buffer, this.position, reach));
      this.position += this.ratio;
    }
    // Keep what the next call still needs on the left of its first output sample.
    const keepFrom = Math.max(0, Math.floor(this.position) - reach);
    this.history = buffer.slice(keepFrom);
    this.position -= keepFrom;
    return Float32Array.from(out);
  }

  /** Flushes the tail by padding with silence. */
  flush(): Float32Array {
    const reach = Math.ceil(TAPS_PER_SIDE / this.cutoff);
    return this.push(new Float32Array(reach * 2 + 1));
  }

  private sampleAt(buffer: Float32Array, at: number, reach: number): number {
    const center = Math.floor(at);
    let sum = 0;
    for (let i = center - reach + 1; i <= center + reach; i += 1) {
      if (i < 0 || i >= buffer.length) {
        continue;
      }
      const x = at - i;
      const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / (reach + 1));
      const arg = Math.PI * x * this.cutoff;
      const sinc = arg === 0 ? 1 : Math.sin(arg) / arg;
      sum += (buffer[i] ?? 0) * sinc * this.cutoff * window;
    }
    return sum;
  }
}

export function resampleInt16(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  const r = new Resampler(fromRate, toRate);
  const floats = Float32Array.from(input, (v) => v / 32768);
  const head = r.push(floats);
  const tail = r.flush();
  const wanted = Math.round((input.length * toRate) / fromRate);
  const out = new Int16Array(wanted);
  for (let i = 0; i < wanted; i += 1) {
    const v = i < head.length ? head[i] : tail[i - head.length];
    out[i] = Math.max(-32768, Math.min(32767, Math.round((v ?? 0) * 32768)));
  }
  return out;
}
