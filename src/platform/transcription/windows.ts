/**
 * Cuts a channel into the windows the engine transcribes one by one, so a long call is never held
 * in memory as floats (a window is at most `maxWindowMs` of audio, 5 minutes by default).
 *
 * Speech regions from the segmenter are packed into a window back to back, each pair separated by
 * a short silence, until the window is full; the silence between them is never sent. A window
 * records where each piece came from, so times in the window map back to times in the call.
 * Whisper encodes 30 s at a time whatever it is given, so packing a channel's many short turns
 * into one window costs one encoder pass instead of one per turn. A region longer than the room
 * left is cut at the quietest 20 ms within the last `cutSearchMs` before the limit.
 */
import { SampleStore } from './sample-store';
import type { SampleRange, SpeechSegmenter } from './vad';

export interface WindowPiece {
  /** Where the piece starts in the window, in samples. */
  readonly offset: number;
  /** Where it came from in the channel, in samples. */
  readonly start: number;
  readonly length: number;
}

export interface AudioWindow {
  readonly index: number;
  readonly samples: Float32Array;
  readonly pieces: readonly WindowPiece[];
}

/** What is kept of a window once its samples have gone to the engine: enough to map times back. */
export interface WindowLayout {
  readonly pieces: readonly WindowPiece[];
  /** Samples in the window, gaps and padding included. */
  readonly length: number;
}

export interface WindowOptions {
  readonly sampleRate: number;
  readonly maxWindowMs: number;
  /** Silence put between two packed pieces, so words of different turns do not run together. */
  readonly gapMs: number;
  readonly cutSearchMs: number;
}

/**
 * 5-minute windows: whisper decodes in 30 s steps and the last step of every window is usually
 * partial but costs a full encoder pass, so few, long windows waste least (2-minute windows cost
 * 10% more decoding on a 10-minute call). 5 minutes of floats is 19 MB.
 */
export const DEFAULT_WINDOW_OPTIONS: WindowOptions = { sampleRate: 16_000, maxWindowMs: 300_000, gapMs: 300, cutSearchMs: 10_000 };

const CUT_FRAME_MS = 20;
// Whisper refuses input under 100 ms; a little more keeps a lone short word decodable.
const MIN_WINDOW_MS = 1000;

/** A channel's audio in order, as it arrives (sync for an array in memory, async for a stream). */
export type ChunkSource = Iterable<Int16Array | Float32Array> | AsyncIterable<Int16Array | Float32Array>;

export async function* planWindows(source: ChunkSource, segmenter: SpeechSegmenter, options: WindowOptions = DEFAULT_WINDOW_OPTIONS): AsyncGenerator<AudioWindow> {
  const perMs = options.sampleRate / 1000;
  const max = Math.round(options.maxWindowMs * perMs);
  const search = Math.min(Math.round(options.cutSearchMs * perMs), Math.floor(max / 2));
  const store = new SampleStore();
  const builder = new WindowBuilder(store, { max, gap: Math.round(options.gapMs * perMs), search, frame: Math.round(CUT_FRAME_MS * perMs), minLength: Math.round(MIN_WINDOW_MS * perMs) });

  for await (const chunk of source) {
    if (chunk.length === 0) {
      continue;
    }
    store.append(chunk);
    for (const range of segmenter.push(chunk)) {
      yield* builder.add(range);
    }
    // A stretch of speech with no pause (or hold music) must not pile up unbounded: cut it.
    for (let open = segmenter.openStart(); open !== undefined && store.end - open > max; open = segmenter.openStart()) {
      const range = segmenter.splitOpen(store.quietestPoint(open + max - search, open + max, builder.frame));
      if (range === undefined) {
        break;
      }
      yield* builder.add(range);
    }
    store.dropBefore(segmenter.keepFrom());
  }
  for (const range of segmenter.finish()) {
    yield* builder.add(range);
  }
  const last = builder.flush();
  if (last !== undefined) {
    yield last;
  }
}

interface BuilderLimits {
  readonly max: number;
  readonly gap: number;
  readonly search: number;
  readonly frame: number;
  readonly minLength: number;
}

class WindowBuilder {
  private buffer: Float32Array | undefined;
  private pieces: WindowPiece[] = [];
  private used = 0;
  private index = 0;

  constructor(
    private readonly store: SampleStore,
    private readonly limits: BuilderLimits,
  ) {}

  get frame(): number {
    return this.limits.frame;
  }

  /** Adds a region, returning the windows it filled. */
  add(range: SampleRange): AudioWindow[] {
    const out: AudioWindow[] = [];
    let { start } = range;
    while (start < range.end) {
      const gap = this.pieces.length > 0 ? this.limits.gap : 0;
      const room = this.limits.max - this.used - gap;
      const length = range.end - start;
      if (length <= room) {
        this.place(start, range.end, gap);
        break;
      }
      if (this.pieces.length > 0 && (length <= this.limits.max || room < this.limits.search)) {
        out.push(this.emit()); // start the region in a fresh window rather than split it
        continue;
      }
      const cut = this.store.quietestPoint(start + room - this.limits.search, start + room, this.limits.frame);
      this.place(start, cut, gap);
      out.push(this.emit());
      start = cut;
    }
    return out;
  }

  flush(): AudioWindow | undefined {
    return this.pieces.length > 0 ? this.emit() : undefined;
  }

  private place(start: number, end: number, gap: number): void {
    this.buffer ??= new Float32Array(this.limits.max);
    const offset = this.used + gap; // the gap is already zeros
    this.store.copyTo(start, end, this.buffer, offset);
    this.pieces.push({ offset, start, length: end - start });
    this.used = offset + (end - start);
  }

  private emit(): AudioWindow {
    const length = Math.max(this.used, this.limits.minLength);
    const buffer = this.buffer ?? new Float32Array(length);
    const samples = length <= buffer.length ? buffer.subarray(0, length) : padded(buffer, this.used, length);
    const window = { index: this.index, samples, pieces: this.pieces };
    this.index += 1;
    this.buffer = undefined;
    this.pieces = [];
    this.used = 0;
    return window;
  }
}

function padded(buffer: Float32Array, used: number, length: number): Float32Array {
  const out = new Float32Array(length);
  out.set(buffer.subarray(0, used));
  return out;
}

/**
 * The piece a window position belongs to: the one it lies in, or for a position in an inserted
 * gap the piece after it (what starts in a gap starts with the next piece's audio).
 */
export function pieceAt(window: Pick<WindowLayout, 'pieces'>, position: number): WindowPiece | undefined {
  return window.pieces.find((piece) => position < piece.offset + piece.length) ?? window.pieces[window.pieces.length - 1];
}

/** Maps a window position into `piece` (clamped to it) and from there to the channel, in samples. */
export function toSource(piece: WindowPiece, position: number): number {
  return piece.start + Math.min(Math.max(position, piece.offset), piece.offset + piece.length) - piece.offset;
}

/** The channel span a window covers, in samples. */
export function windowSpan(window: Pick<WindowLayout, 'pieces'>): SampleRange {
  const first = window.pieces[0];
  const last = window.pieces[window.pieces.length - 1];
  return { start: first?.start ?? 0, end: last ? last.start + last.length : 0 };
}
