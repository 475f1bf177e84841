/**
 * Two-channel calls are transcribed one channel at a time (channel 0 = the rep's microphone,
 * channel 1 = the customer's side), which gives speaker labels for free. This merges the two
 * segment lists into one conversation ordered by time.
 */
import type { TranscriptSegment } from '../ports/transcription';

export type Speaker = 'rep' | 'customer';

export const SPEAKER_LABELS: Readonly<Record<Speaker, string>> = { rep: 'Rep', customer: 'Customer' };

/** The recording channel each speaker is captured on. */
export const SPEAKER_CHANNELS: Readonly<Record<Speaker, number>> = { rep: 0, customer: 1 };

export interface SpeakerSegment extends TranscriptSegment {
  readonly speaker: Speaker;
}

export interface SpeakerTrack<T extends Timed = TranscriptSegment> {
  readonly speaker: Speaker;
  /** One channel's segments, in the order the engine produced them. */
  readonly segments: readonly T[];
}

interface Timed {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Orders all segments by start time; on equal starts the shorter one first, then the earlier track.
 * Each track's own order is kept even if its times were not sorted (a k-way merge, not a sort), so
 * a channel's text never reads out of sequence. Overlapping segments (both talking at once) are
 * both kept: crosstalk is part of the record.
 */
export function mergeSpeakerSegments<T extends Timed = TranscriptSegment>(tracks: readonly SpeakerTrack<T>[]): (T & { readonly speaker: Speaker })[] {
  const next = tracks.map(() => 0);
  const total = tracks.reduce((n, t) => n + t.segments.length, 0);
  const out: (T & { readonly speaker: Speaker })[] = [];
  while (out.length < total) {
    let best = -1;
    let bestSegment: T | undefined;
    tracks.forEach((track, i) => {
      const candidate = track.segments[next[i] ?? 0];
      if (candidate !== undefined && (bestSegment === undefined || comesBefore(candidate, bestSegment))) {
        best = i;
        bestSegment = candidate;
      }
    });
    const track = tracks[best];
    if (track === undefined || bestSegment === undefined) {
      break; // unreachable while the counts agree; guards the loop anyway
    }
    out.push({ ...bestSegment, speaker: track.speaker });
    next[best] = (next[best] ?? 0) + 1;
  }
  return out;
}

// Strictly earlier only: ties go to the track found first, i.e. the earlier track.
function comesBefore(a: Timed, b: Timed): boolean {
  return a.startMs < b.startMs || (a.startMs === b.startMs && a.endMs < b.endMs);
}
