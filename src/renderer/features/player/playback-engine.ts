import { AudioWindowCache, type DecodedWindow, type WindowFetcher } from './audio-window-cache';
import { timeStretch } from './time-stretch';

// Plays a recording through Web Audio, fetching it window by window as it goes: only the window
// playing, the next one and a few recent ones are held (bounded memory on a 3-hour call), and
// nothing is ever written anywhere: the samples live in Float32Arrays and AudioBuffers. Channel 0
// is the rep, 1 the customer; each has its own gain so either can be soloed, and both play in
// both ears. Outside React, so a component only renders what `state()` says.

export type Solo = 'both' | 'rep' | 'customer';

export interface PlaybackState {
  readonly playing: boolean;
  /** Waiting for audio (a seek, or a window that came late). */
  readonly loading: boolean;
  readonly rate: number;
  readonly solo: Solo;
  readonly error: string | null;
}

export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;
/** Scheduling lead: sources start this far in the future so the first samples are not cut. */
const LEAD_S = 0.03;

export class PlaybackEngine {
  private ctx: AudioContext | null = null;
  private gains: { rep: GainNode; customer: GainNode; splitter: ChannelSplitterNode } | null = null;
  private readonly windows: AudioWindowCache;
  private sources: AudioBufferSourceNode[] = [];
  /** Bumped by every seek, pause and rate change: work for an older generation is dropped. */
  private generation = 0;
  private anchor = { ctxTime: 0, mediaMs: 0 };
  private pausedAt = 0;
  private current: PlaybackState = { playing: false, loading: false, rate: 1, solo: 'both', error: null };
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly durationMs: number,
    fetchWindow: WindowFetcher,
  ) {
    this.windows = new AudioWindowCache(durationMs, fetchWindow);
  }

  state(): PlaybackState {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Where playback is, in milliseconds of the recording. */
  position(): number {
    if (!this.current.playing || !this.ctx) {
      return this.pausedAt;
    }
    const elapsed = Math.max(0, this.ctx.currentTime - this.anchor.ctxTime);
    return Math.min(this.durationMs, this.anchor.mediaMs + elapsed * 1000 * this.current.rate);
  }

  play(): void {
    if (this.current.playing) {
      return;
    }
    const from = this.pausedAt >= this.durationMs - 50 ? 0 : this.pausedAt;
    this.startAt(from);
  }

  pause(): void {
    this.pausedAt = this.position();
    this.generation += 1;
    this.stopSources();
    this.set({ playing: false, loading: false });
  }

  toggle(): void {
    if (this.current.playing) {
      this.pause();
    } else {
      this.play();
    }
  }

  /** Moves to `ms`; keeps playing if it was, and fetches the audio there either way. */
  seek(ms: number): void {
    const to = clamp(Math.round(ms), 0, this.durationMs);
    if (this.current.playing) {
      this.startAt(to);
      return;
    }
    this.pausedAt = to;
    this.notify();
    // Paused: fetch the window now, so pressing play there starts at once.
    const generation = this.generation;
    void this.windowAt(to).catch((error: unknown) => {
      if (generation === this.generation) {
        this.set({ error: describe(error) });
      }
    });
  }

  skip(deltaMs: number): void {
    this.seek(this.position() + deltaMs);
  }

  setRate(rate: number): void {
    const next = clamp(rate, 0.5, 2);
    if (next === this.current.rate) {
      return;
    }
    const at = this.position();
    this.set({ rate: next });
    if (this.current.playing) {
      this.startAt(at);
    } else {
      this.pausedAt = at;
    }
  }

  setSolo(solo: Solo): void {
    this.set({ solo });
    this.applyGains();
  }

  dispose(): void {
    this.generation += 1;
    this.stopSources();
    this.windows.clear();
    this.listeners.clear();
    void this.ctx?.close();
    this.ctx = null;
  }

  private startAt(from: number): void {
    this.generation += 1;
    const generation = this.generation;
    this.stopSources();
    this.pausedAt = from;
    this.set({ playing: true, loading: true, error: null });
    const ctx = this.context();
    void ctx.resume();
    this.anchor = { ctxTime: Number.POSITIVE_INFINITY, mediaMs: from };
    void this.windowAt(from).then(
      (window) => {
        if (generation !== this.generation) {
          return;
        }
        const at = ctx.currentTime + LEAD_S;
        this.anchor = { ctxTime: at, mediaMs: from };
        this.set({ loading: false });
        this.schedule(generation, window, from, at);
      },
      (error: unknown) => {
        if (generation === this.generation) {
          this.set({ playing: false, loading: false, error: describe(error) });
        }
      },
    );
  }

  /**
   * Plays `window` from `fromMs` at context time `at`, then fetches the next window while this one
   * plays (one ahead, never more: the fetch after that starts when this one's successor begins).
   */
  private schedule(generation: number, window: DecodedWindow, fromMs: number, at: number): void {
    const ctx = this.context();
    const source = ctx.createBufferSource();
    // From `fromMs` on, stretched to the rate at the same pitch (playbackRate would resample: 2x
    // an octave up); the buffer then plays at rate 1.
    const offset = Math.min(window.rep.length, Math.max(0, Math.round(((fromMs - window.fromMs) / 1000) * window.sampleRate)));
    const rate = this.current.rate;
    const samples =
      rate === 1
        ? { rep: window.rep.subarray(offset), customer: window.customer.subarray(offset) }
        : timeStretch(window.rep.subarray(offset), window.customer.subarray(offset), rate, window.sampleRate);
    const buffer = ctx.createBuffer(2, Math.max(1, samples.rep.length), window.sampleRate);
    buffer.copyToChannel(samples.rep, 0);
    buffer.copyToChannel(samples.customer, 1);
    source.buffer = buffer;
    source.playbackRate.value = 1;
    source.connect(this.graph().splitter);
    source.start(at);
    const endsAt = at + (window.toMs - fromMs) / 1000 / this.current.rate;
    const previous = this.sources.at(-1);
    this.sources.push(source);
    source.onended = () => {
      this.sources = this.sources.filter((s) => s !== source);
      if (generation === this.generation && window.toMs >= this.durationMs && this.sources.length === 0) {
        this.pausedAt = this.durationMs;
        this.set({ playing: false });
      }
    };
    if (window.toMs >= this.durationMs) {
      return;
    }
    const fetchNext = () => {
      if (generation !== this.generation) {
        return;
      }
      void this.windowAt(window.toMs).then(
        (next) => {
          if (generation !== this.generation) {
            return;
          }
          const now = ctx.currentTime;
          if (now + 0.005 < endsAt) {
            this.schedule(generation, next, next.fromMs, endsAt);
            return;
          }
          // Came late: start it now, and measure time from here.
          const late = now + LEAD_S;
          this.anchor = { ctxTime: late, mediaMs: next.fromMs };
          this.schedule(generation, next, next.fromMs, late);
        },
        (error: unknown) => {
          if (generation === this.generation) {
            this.pause();
            this.set({ error: describe(error) });
          }
        },
      );
    };
    // The first window fetches its successor at once; later ones when the window before them ends.
    if (previous === undefined || ctx.currentTime >= at) {
      fetchNext();
    } else {
      previous.addEventListener('ended', fetchNext, { once: true });
    }
  }

  private windowAt(ms: number): Promise<DecodedWindow> {
    return this.windows.windowAt(ms);
  }

  private context(): AudioContext {
    if (!this.ctx) {
      this.ctx = new AudioContext({ sampleRate: 48_000, latencyHint: 'playback' });
    }
    return this.ctx;
  }

  private graph() {
    if (!this.gains) {
      const ctx = this.context();
      const splitter = ctx.createChannelSplitter(2);
      const rep = ctx.createGain();
      const customer = ctx.createGain();
      splitter.connect(rep, 0);
      splitter.connect(customer, 1);
      // A mono gain into the stereo destination plays in both ears.
      rep.connect(ctx.destination);
      customer.connect(ctx.destination);
      this.gains = { rep, customer, splitter };
      this.applyGains();
    }
    return this.gains;
  }

  private applyGains(): void {
    if (!this.gains) {
      return;
    }
    this.gains.rep.gain.value = this.current.solo === 'customer' ? 0 : 1;
    this.gains.customer.gain.value = this.current.solo === 'rep' ? 0 : 1;
  }

  private stopSources(): void {
    for (const source of this.sources) {
      source.onended = null;
      try {
        source.stop();
      } catch {
        // Not started yet or already stopped: nothing to stop.
      }
      source.disconnect();
    }
    this.sources = [];
  }

  private set(change: Partial<PlaybackState>): void {
    this.current = { ...this.current, ...change };
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
