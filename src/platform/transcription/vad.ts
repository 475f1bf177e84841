/**
 * Energy-based voice activity detection. Whisper invents text in silence ("Thank you.", "Bye.")
 * and spends a full 30-second encoder pass on every window it is given, so only stretches that
 * hold speech are sent to it. On a two-channel call each channel is silent while the other side
 * talks, which makes this both a quality and a speed measure.
 *
 * Method: per 20 ms frame, the RMS level in dBFS. The noise floor at a frame is the quietest frame
 * within 3 s before and 1 s after it (a "minimum statistics" estimate: it follows background noise
 * that changes, and a second of look-ahead means speech at the very start is measured against the
 * pause that follows it). A frame is speech when it is `thresholdDb` above that floor and above an
 * absolute level. Speech runs shorter than `minSpeechMs` (clicks) are dropped; kept regions get
 * `preRollMs` before and `hangoverMs` after, so soft word onsets and endings are not clipped.
 */
export interface VadOptions {
  readonly frameMs: number;
  readonly thresholdDb: number;
  /** Frames quieter than this (dBFS) are never speech, whatever the floor. */
  readonly minLevelDb: number;
  readonly floorLookBackMs: number;
  readonly floorLookAheadMs: number;
  readonly minSpeechMs: number;
  readonly preRollMs: number;
  readonly hangoverMs: number;
}

export const DEFAULT_VAD_OPTIONS: VadOptions = {
  frameMs: 20,
  thresholdDb: 9,
  minLevelDb: -50,
  floorLookBackMs: 3000,
  floorLookAheadMs: 1000,
  minSpeechMs: 100,
  preRollMs: 200,
  hangoverMs: 300,
};

/** Samples [start, end) of the input, counted from its first sample. */
export interface SampleRange {
  readonly start: number;
  readonly end: number;
}

/** What the window planner needs from a speech detector (or from "no detection"). */
export interface SpeechSegmenter {
  /** Feeds the next samples; returns the speech regions this completed, in order. */
  push(chunk: Int16Array | Float32Array): SampleRange[];
  /** No more input: returns the regions still open. */
  finish(): SampleRange[];
  /** Start of a speech region that has begun but not ended yet. */
  openStart(): number | undefined;
  /** Ends the open region at `at` (and opens the rest from there): cuts a very long stretch. */
  splitOpen(at: number): SampleRange | undefined;
  /** No region returned later will start before this sample: older audio may be dropped. */
  keepFrom(): number;
}

const SILENCE_DB = -120;

/** RMS level of samples[from, to) in dBFS; 16-bit samples are scaled to [-1, 1]. */
export function levelDb(samples: Int16Array | Float32Array, from = 0, to = samples.length): number {
  const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
  let sum = 0;
  for (let i = from; i < to; i += 1) {
    const v = (samples[i] ?? 0) * scale;
    sum += v * v;
  }
  return to > from ? powerDb(sum / (to - from)) : SILENCE_DB;
}

function powerDb(meanSquare: number): number {
  return meanSquare > 0 ? Math.max(SILENCE_DB, 10 * Math.log10(meanSquare)) : SILENCE_DB;
}

interface OpenRegion {
  start: number;
  lastSpeechFrame: number;
  speechFrames: number;
}

export class EnergyVad implements SpeechSegmenter {
  private readonly frameLen: number;
  private readonly back: number;
  private readonly ahead: number;
  private readonly bridge: number;
  private readonly minFrames: number;
  private readonly preRoll: number;
  private readonly hangover: number;
  /** Levels of frames [levelsBase, levelsBase + levels.length). */
  private levels: number[] = [];
  private levelsBase = 0;
  private partialSum = 0;
  private partialCount = 0;
  private totalSamples = 0;
  private decided = 0;
  private open: OpenRegion | undefined;
  private lastEnd = 0;

  constructor(
    sampleRate: number,
    private readonly options: VadOptions = DEFAULT_VAD_OPTIONS,
  ) {
    const frames = (ms: number) => Math.round(ms / options.frameMs);
    this.frameLen = Math.round((sampleRate * options.frameMs) / 1000);
    this.back = frames(options.floorLookBackMs);
    this.ahead = frames(options.floorLookAheadMs);
    this.minFrames = Math.max(1, frames(options.minSpeechMs));
    this.preRoll = Math.round((sampleRate * options.preRollMs) / 1000);
    this.hangover = Math.round((sampleRate * options.hangoverMs) / 1000);
    // A pause shorter than hangover + pre-roll would leave the padded regions touching: keep one.
    this.bridge = frames(options.hangoverMs + options.preRollMs);
  }

  push(chunk: Int16Array | Float32Array): SampleRange[] {
    const scale = chunk instanceof Int16Array ? 1 / 32768 : 1;
    for (let i = 0; i < chunk.length; i += 1) {
      const v = (chunk[i] ?? 0) * scale;
      this.partialSum += v * v;
      this.partialCount += 1;
      if (this.partialCount === this.frameLen) {
        this.levels.push(powerDb(this.partialSum / this.frameLen));
        this.partialSum = 0;
        this.partialCount = 0;
      }
    }
    this.totalSamples += chunk.length;
    const out: SampleRange[] = [];
    this.decideUpTo(this.levelsBase + this.levels.length - this.ahead, out);
    this.trimLevels();
    return out;
  }

  finish(): SampleRange[] {
    if (this.partialCount > 0) {
      this.levels.push(powerDb(this.partialSum / this.partialCount));
      this.partialSum = 0;
      this.partialCount = 0;
    }
    const out: SampleRange[] = [];
    this.decideUpTo(this.levelsBase + this.levels.length, out);
    this.close(out);
    return out;
  }

  openStart(): number | undefined {
    return this.open?.start;
  }

  splitOpen(at: number): SampleRange | undefined {
    if (this.open === undefined || at <= this.open.start) {
      return undefined;
    }
    const range = { start: this.open.start, end: Math.min(at, this.totalSamples) };
    this.open.start = range.end;
    this.open.speechFrames = Math.max(this.open.speechFrames, this.minFrames); // the rest is speech too
    this.lastEnd = range.end;
    return range;
  }

  keepFrom(): number {
    return this.open?.start ?? Math.max(this.lastEnd, this.decided * this.frameLen - this.preRoll);
  }

  private decideUpTo(endFrame: number, out: SampleRange[]): void {
    for (; this.decided < endFrame; this.decided += 1) {
      const f = this.decided;
      const level = this.level(f);
      const speech = level > this.options.minLevelDb && level > this.floor(f) + this.options.thresholdDb;
      if (speech) {
        if (this.open && f - this.open.lastSpeechFrame <= this.bridge) {
          this.open.lastSpeechFrame = f;
          this.open.speechFrames += 1;
        } else {
          this.close(out);
          this.open = { start: Math.max(this.lastEnd, f * this.frameLen - this.preRoll), lastSpeechFrame: f, speechFrames: 1 };
        }
      } else if (this.open && f - this.open.lastSpeechFrame > this.bridge) {
        this.close(out);
      }
    }
  }

  private close(out: SampleRange[]): void {
    const open = this.open;
    this.open = undefined;
    if (open === undefined || open.speechFrames < this.minFrames) {
      return;
    }
    const end = Math.min(this.totalSamples, (open.lastSpeechFrame + 1) * this.frameLen + this.hangover);
    if (end > open.start) {
      out.push({ start: open.start, end });
      this.lastEnd = end;
    }
  }

  private level(frame: number): number {
    return this.levels[frame - this.levelsBase] ?? SILENCE_DB;
  }

  private floor(frame: number): number {
    const from = Math.max(this.levelsBase, frame - this.back);
    const to = Math.min(this.levelsBase + this.levels.length - 1, frame + this.ahead);
    let min = Infinity;
    for (let f = from; f <= to; f += 1) {
      min = Math.min(min, this.level(f));
    }
    return min === Infinity ? SILENCE_DB : min;
  }

  /** Keeps only the levels later floor estimates can still look back to. */
  private trimLevels(): void {
    const drop = this.decided - this.back - this.levelsBase;
    if (drop > 4096) {
      this.levels = this.levels.slice(drop);
      this.levelsBase += drop;
    }
  }
}

/** "Everything is speech": plain consecutive windows, as whisper-cli would see the audio (benchmarks). */
export class NoVad implements SpeechSegmenter {
  private start = 0;
  private total = 0;

  push(chunk: Int16Array | Float32Array): SampleRange[] {
    this.total += chunk.length;
    return [];
  }

  finish(): SampleRange[] {
    const out = this.total > this.start ? [{ start: this.start, end: this.total }] : [];
    this.start = this.total;
    return out;
  }

  openStart(): number | undefined {
    return this.total > this.start ? this.start : undefined;
  }

  splitOpen(at: number): SampleRange | undefined {
    if (at <= this.start) {
      return undefined;
    }
    const range = { start: this.start, end: Math.min(at, this.total) };
    this.start = range.end;
    return range;
  }

  keepFrom(): number {
    return this.start;
  }
}
