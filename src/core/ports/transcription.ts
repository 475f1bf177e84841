/**
 * Speech to text, on this device. The desktop app implements it with whisper.cpp running in a
 * separate process (src/platform/transcription); core code only sees this interface.
 *
 * Never log, persist in plaintext, or send anywhere: the audio given to `transcribe` and the text
 * it returns (segment, word and token text). Transcripts are stored only inside the encrypted
 * vault. Timings, counts, progress and error messages carry no transcript text and may be logged;
 * `TranscriptionError` messages are written so that this holds.
 */
import { CallVaultError } from '../../shared/callvault-error';

/**
 * Mono audio at 16 kHz (channel 0 of a recording is the rep, channel 1 the customer: transcribe
 * them one at a time). Samples are 16-bit integers or floats in [-1, 1]. An async iterable lets a
 * long call be decoded piece by piece, so the whole call never has to sit in memory as floats.
 */
export type TranscriptionAudio = Int16Array | Float32Array | AsyncIterable<Int16Array | Float32Array>;

export const TRANSCRIPTION_SAMPLE_RATE = 16_000;

export interface TranscribeOptions {
  /** Engine threads. Default: one less than the CPU count, at least 1, so the UI stays responsive. */
  readonly threads?: number;
  /** ISO 639-1 code ('en', 'de', ...), or 'auto' to let a multilingual model detect it. Default 'en'. */
  readonly language?: string;
  /** Aborting kills the engine at once; `transcribe` then rejects with an error named 'AbortError'. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TranscriptionProgress) => void;
  /** Each segment as soon as it is decoded, in order (for a live view). */
  readonly onSegment?: (segment: TranscriptSegment) => void;
  /** Length of streamed audio, when known, so progress can be given as a percentage. */
  readonly durationMs?: number;
  /**
   * Text the decoder reads as if it came before the audio (whisper's initial prompt): the rep's
   * vocabulary of product and customer names. Personal data: never logged, never in argv.
   */
  readonly prompt?: string | undefined;
}

export interface TranscriptionProgress {
  /** How far into the audio the transcription has got, in ms; never decreases. */
  readonly processedMs: number;
  /** 0..100, when the audio's length is known. */
  readonly percent?: number;
}

export interface TranscriptToken {
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The model's probability for this token, 0..1. */
  readonly p: number;
  /** The model's vocabulary id. */
  readonly id: number;
}

export interface TranscriptWord {
  /** The word with its leading space, as the model produced it (' hello'). */
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Product of its tokens' probabilities: the model's confidence in the whole word, 0..1. */
  readonly p: number;
}

export interface TranscriptSegment {
  /** Milliseconds from the start of the audio given to `transcribe`. */
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
  /** Mean token probability, 0..1 (0 for a segment without tokens). */
  readonly confidence: number;
  /** The model's estimate that the window held no speech at all, 0..1. */
  readonly noSpeechProb: number;
  readonly words: readonly TranscriptWord[];
  readonly tokens: readonly TranscriptToken[];
}

export interface TranscriptionEngine {
  /**
   * Transcribes one channel. Resolves with the segments in time order; silence yields none.
   * Rejects with a `TranscriptionError` (see its `code`), never with a crash of the caller.
   */
  transcribe(audio: TranscriptionAudio, options?: TranscribeOptions): Promise<TranscriptSegment[]>;
}

export type TranscriptionErrorCode =
  /** The signal was aborted; the engine process is gone. */
  | 'aborted'
  /** The model file is missing, truncated, corrupt, or fails its checksum. */
  | 'model-invalid'
  /** The engine program is not where it should be, or cannot be started. */
  | 'engine-missing'
  /** The engine died from a signal (a crash, or killed by the system, e.g. out of memory). */
  | 'engine-crashed'
  /** The engine reported an error, exited unexpectedly, or broke its protocol. */
  | 'engine-failed';

/**
 * A transcription failure; `detail` says which. A model that cannot be used is MODEL_UNAVAILABLE;
 * the rest (the engine, an abort) are INTERNAL for the bridge, but their messages are still
 * written for the rep, who sees them on the failed job.
 */
export class TranscriptionError extends CallVaultError {
  // 'AbortError' for aborts, as fetch and Node's APIs do, for code outside CallVault that expects it.
  override readonly name: string;
  declare readonly detail: TranscriptionErrorCode;

  constructor(detail: TranscriptionErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(detail === 'model-invalid' ? 'MODEL_UNAVAILABLE' : 'INTERNAL', message, { ...options, detail });
    this.name = detail === 'aborted' ? 'AbortError' : 'TranscriptionError';
  }
}
