// The player's audio, window by window: fetched through `recordings.audioWindow` on demand,
// decoded to float samples in memory, and only a few windows kept (bounded memory on a 3-hour
// call). No DOM here, so the benchmarks measure exactly what the player holds.

/** What `recordings.audioWindow` answers, as the player uses it. */
export interface AudioWindowAnswer {
  readonly fromMs: number;
  readonly toMs: number;
  readonly sampleRate: number;
  /** Interleaved 16-bit little-endian stereo. */
  readonly pcm: Uint8Array;
}

export type WindowFetcher = (fromMs: number, toMs: number) => Promise<AudioWindowAnswer>;

/** Each request asks for this much audio (the contract allows up to 30 s). */
export const WINDOW_MS = 8_000;
/** Decoded windows kept for replay and small seeks back (about 1 MB each). */
export const KEPT_WINDOWS = 4;

export interface DecodedWindow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly sampleRate: number;
  readonly rep: Float32Array<ArrayBuffer>;
  readonly customer: Float32Array<ArrayBuffer>;
}

/** 16-bit little-endian interleaved stereo to two float channels. */
export function decodeWindow(answer: AudioWindowAnswer): DecodedWindow {
  const view = new DataView(answer.pcm.buffer, answer.pcm.byteOffset, answer.pcm.byteLength);
  const frames = Math.floor(answer.pcm.byteLength / 4);
  const rep = new Float32Array(frames);
  const customer = new Float32Array(frames);
  for (let f = 0; f < frames; f += 1) {
    rep[f] = view.getInt16(f * 4, true) / 32768;
    customer[f] = view.getInt16(f * 4 + 2, true) / 32768;
  }
  return { fromMs: answer.fromMs, toMs: answer.toMs, sampleRate: answer.sampleRate, rep, customer };
}

export class AudioWindowCache {
  private readonly windows = new Map<number, DecodedWindow>();
  private readonly inFlight = new Map<number, Promise<DecodedWindow>>();

  constructor(
    private readonly durationMs: number,
    private readonly fetchWindow: WindowFetcher,
  ) {}

  /** How many decoded windows are held now (never more than KEPT_WINDOWS). */
  get size(): number {
    return this.windows.size;
  }

  /** The decoded window that holds `ms`: a kept one, or one fetched starting exactly there. */
  windowAt(ms: number): Promise<DecodedWindow> {
    for (const window of this.windows.values()) {
      // A kept window serves a position well inside it (not its last moment).
      if (window.fromMs <= ms && ms < window.toMs - 250) {
        this.windows.delete(window.fromMs);
        this.windows.set(window.fromMs, window);
        return Promise.resolve(window);
      }
    }
    const from = Math.round(ms);
    const pending = this.inFlight.get(from);
    if (pending) {
      return pending;
    }
    const fetched = this.fetchWindow(from, Math.min(this.durationMs, from + WINDOW_MS)).then((answer) => {
      const window = decodeWindow(answer);
      this.windows.set(window.fromMs, window);
      while (this.windows.size > KEPT_WINDOWS) {
        const oldest = this.windows.keys().next().value;
        if (oldest === undefined) {
          break;
        }
        this.windows.delete(oldest);
      }
      return window;
    });
    this.inFlight.set(from, fetched);
    void fetched.finally(() => this.inFlight.delete(from)).catch(() => undefined);
    return fetched;
  }

  /** The bytes of decoded samples held now. */
  get heldBytes(): number {
    let bytes = 0;
    for (const window of this.windows.values()) {
      bytes += window.rep.byteLength + window.customer.byteLength;
    }
    return bytes;
  }

  clear(): void {
    this.windows.clear();
  }
}
