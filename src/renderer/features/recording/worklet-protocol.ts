// What the page and the capture worklet say to each other. Imported by both sides, so it holds
// only types and constants (the worklet bundle inlines it).

/** From the worklet: a block of interleaved 16-bit stereo (ch 0 mic, ch 1 customer), or levels. */
export type WorkletMessage =
  | { type: 'block'; pcm: ArrayBuffer; frames: number }
  | { type: 'level'; mic: number; system: number }
  | { type: 'flushed' };

/** To the worklet: `flush` posts what is buffered, then `flushed`; `stop` ends processing. */
export type WorkletCommand = { type: 'flush' } | { type: 'stop' };

export interface WorkletOptions {
  /** Frames per posted block (a quarter second at 48 kHz). */
  readonly blockFrames: number;
  /** Frames per level report (a tenth of a second at 48 kHz). */
  readonly levelFrames: number;
}

export const CAPTURE_PROCESSOR = 'callvault-capture';
