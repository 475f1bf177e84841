/**
 * Audio redaction on raw PCM: the samples inside each time range are replaced by silence or a
 * tone. Pure: it returns a new buffer and never touches the input, so the caller decides when
 * the unredacted audio may be dropped. Ranges are widened to whole samples outwards (start
 * floored, end ceiled) so rounding can only mute more, never less.
 */

export interface TimeRange {
  /** Seconds from the start of the audio. */
  readonly start: number;
  readonly end: number;
}

export type Replacement =
  | { readonly kind: 'silence' }
  | { readonly kind: 'tone'; readonly frequencyHz: number; readonly amplitude: number };

export interface MuteOptions {
  /** Interleaved channel count; every channel of a frame is muted together. */
  readonly channels?: number;
  readonly replacement?: Replacement;
}

export function muteRanges(samples: Int16Array, sampleRate: number, ranges: readonly TimeRange[], options?: MuteOptions): Int16Array;
export function muteRanges(samples: Float32Array, sampleRate: number, ranges: readonly TimeRange[], options?: MuteOptions): Float32Array;
export function muteRanges(
  samples: Int16Array | Float32Array,
  sampleRate: number,
  ranges: readonly TimeRange[],
  options: MuteOptions = {},
): Int16Array | Float32Array {
  const channels = options.channels ?? 1;
  const replacement = options.replacement ?? { kind: 'silence' };
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new RangeError(`sample rate must be a positive number, got ${sampleRate}`);
  }
  if (!Number.isInteger(channels) || channels < 1 || samples.length % channels !== 0) {
    throw new RangeError(`channel count ${channels} does not divide ${samples.length} samples`);
  }
  const out = samples.slice();
  const frames = samples.length / channels;
  const scale = out instanceof Int16Array ? 32767 : 1;
  for (const range of ranges) {
    if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.end < range.start) {
      // A malformed range cannot be honoured; silently skipping it would leak what it covers.
      throw new RangeError(`invalid time range ${range.start}..${range.end}`);
    }
    const first = Math.max(0, Math.floor(range.start * sampleRate));
    const last = Math.min(frames, Math.ceil(range.end * sampleRate));
    for (let frame = first; frame < last; frame += 1) {
      const value = sampleAt(replacement, frame - first, sampleRate) * scale;
      const stored = scale === 1 ? value : Math.round(value);
      for (let channel = 0; channel < channels; channel += 1) {
        out[frame * channels + channel] = stored;
      }
    }
  }
  return out;
}

function sampleAt(replacement: Replacement, offset: number, sampleRate: number): number {
  switch (replacement.kind) {
    case 'silence':
      return 0;
    case 'tone': {
      const amplitude = Math.min(1, Math.max(0, replacement.amplitude));
      return amplitude * Math.sin((2 * Math.PI * replacement.frequencyHz * offset) / sampleRate);
    }
  }
}

/** Sorts and joins overlapping or touching ranges. */
export function mergeTimeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}
