import { encodeAudioChunk, STORAGE_SAMPLE_RATE } from '../../platform/audio/audio-chunk';
import type { ChunkWriter } from '../../platform/audio/chunk-file';
import { Resampler } from '../../platform/audio/resample';
import { AppFailure } from '../app-failure';

/** Chunks are sealed every half second, so a crash loses at most that much audio. */
export const CHUNK_FRAMES = STORAGE_SAMPLE_RATE / 2;
export const CHANNELS = 2;

export type CaptureState = 'capturing' | 'paused' | 'stopped';

export interface CaptureProgress {
  readonly state: CaptureState;
  readonly pauseReason: string | null;
  /** Recorded time so far (paused time is not recorded). */
  readonly recordedMs: number;
  readonly chunksWritten: number;
}

/**
 * One recording in progress: takes two-channel PCM as the capture delivers it (rep microphone
 * on channel 0, customer side on channel 1), resamples to 16 kHz, and seals a chunk every half
 * second. Nothing is buffered longer than that, and nothing at all while paused.
 */
export class CaptureSession {
  private state: CaptureState = 'capturing';
  private pauseReason: string | null = null;
  private readonly resamplers: Resampler[];
  private pending: Float32Array[] = [new Float32Array(0), new Float32Array(0)];
  private framesWritten = 0;

  constructor(
    readonly recordingId: string,
    private readonly writer: ChunkWriter,
    readonly inputRate: number,
    private readonly onChunk: (recordedMs: number) => void,
  ) {
    if (!Number.isInteger(inputRate) || inputRate < 8000 || inputRate > 192_000) {
      throw new AppFailure('BAD_REQUEST', `A capture sample rate of ${inputRate} Hz is not supported.`);
    }
    this.resamplers = [new Resampler(inputRate, STORAGE_SAMPLE_RATE), new Resampler(inputRate, STORAGE_SAMPLE_RATE)];
  }

  progress(): CaptureProgress {
    return { state: this.state, pauseReason: this.pauseReason, recordedMs: this.recordedMs(), chunksWritten: this.writer.chunksWritten };
  }

  /** Interleaved 16-bit stereo at `inputRate`. Dropped (never stored) unless capturing. */
  append(interleaved: Int16Array): { accepted: boolean } {
    if (this.state !== 'capturing') {
      return { accepted: false };
    }
    if (interleaved.length % CHANNELS !== 0) {
      throw new AppFailure('BAD_REQUEST', 'Audio frames must hold both channels, interleaved.');
    }
    const frames = interleaved.length / CHANNELS;
    for (let c = 0; c < CHANNELS; c += 1) {
      const planar = new Float32Array(frames);
      for (let i = 0; i < frames; i += 1) {
        planar[i] = (interleaved[i * CHANNELS + c] ?? 0) / 32768;
      }
      this.pending[c] = concatFloat(this.pending[c] ?? new Float32Array(0), this.resamplers[c]?.push(planar) ?? new Float32Array(0));
    }
    while (Math.min(...this.pending.map((p) => p.length)) >= CHUNK_FRAMES) {
      this.writeChunk(CHUNK_FRAMES);
    }
    return { accepted: true };
  }

  /** Seals what is buffered now, then drops further audio until `resume`. */
  pause(reason: string): void {
    if (this.state === 'capturing') {
      this.flush();
      this.state = 'paused';
      this.pauseReason = reason;
    }
  }

  resume(): void {
    if (this.state === 'paused') {
      this.state = 'capturing';
      this.pauseReason = null;
    }
  }

  /** Seals the rest with the final flag and closes the file. */
  stop(): number {
    if (this.state !== 'stopped') {
      this.flush();
      this.state = 'stopped';
      this.writer.finish();
    }
    return this.recordedMs();
  }

  /** Closes without sealing what is buffered (withdrawal: nothing after it may be kept). */
  abandon(): number {
    if (this.state !== 'stopped') {
      this.state = 'stopped';
      this.pending = [new Float32Array(0), new Float32Array(0)];
      this.writer.finish();
    }
    return this.recordedMs();
  }

  recordedMs(): number {
    return Math.round((this.framesWritten / STORAGE_SAMPLE_RATE) * 1000);
  }

  private flush(): void {
    const frames = Math.min(...this.pending.map((p) => p.length));
    if (frames > 0) {
      this.writeChunk(frames);
    }
    this.pending = [new Float32Array(0), new Float32Array(0)];
  }

  private writeChunk(frames: number): void {
    const channels = this.pending.map((p) => toInt16(p.subarray(0, frames)));
    this.writer.append(encodeAudioChunk({ sampleRate: STORAGE_SAMPLE_RATE, startFrame: this.framesWritten, channels }));
    this.framesWritten += frames;
    this.pending = this.pending.map((p) => p.slice(frames));
    this.onChunk(this.recordedMs());
  }
}

function concatFloat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i += 1) {
    out[i] = Math.max(-32768, Math.min(32767, Math.round((samples[i] ?? 0) * 32768)));
  }
  return out;
}
