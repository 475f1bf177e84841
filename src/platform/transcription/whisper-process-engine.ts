/**
 * TranscriptionEngine on whisper.cpp, run as a separate process (native/whisper-runner). Why a
 * process and not an in-process binding: a crash or abort() in native code (a corrupt model is
 * enough) must end one transcription, not the app; cancelling must stop the work at once (a kill);
 * and audio and text travel through pipes only, so nothing is written to disk in plaintext.
 *
 * One call of `transcribe`: check the model file, cut the channel into windows (silence left
 * out, see windows.ts and vad.ts), start the runner at the first window that holds speech, stream
 * the windows in and the segments out, map each segment's times back onto the channel.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import {
  TRANSCRIPTION_SAMPLE_RATE,
  TranscriptionError,
  type TranscribeOptions,
  type TranscriptionAudio,
  type TranscriptionEngine,
  type TranscriptSegment,
} from '../../core/ports/transcription';
import { inspectModelFile, ModelFileError, verifyModelFile } from './ggml-model-check';
import { throwIfAborted, TranscriptionRun } from './transcription-run';
import type { VadOptions } from './vad';
import type { WindowOptions } from './windows';

export { defaultThreads } from './transcription-run';

export interface WhisperEngineConfig {
  /** The callvault-whisper executable (from scripts/build-whisper.sh, or packaged resources). */
  readonly runnerPath: string;
  readonly modelPath: string;
  /** The model manifest's checksum; when given, the file is verified once, before first use. */
  readonly modelSha256?: string;
  /** `false` sends all audio, silence included (only to compare with whisper-cli in benchmarks). */
  readonly vad?: VadOptions | false;
  readonly windows?: Partial<Omit<WindowOptions, 'sampleRate'>>;
  /** Upper bound on tokens per segment, 0 for none. */
  readonly maxTokensPerSegment?: number;
}

const ARRAY_CHUNK = TRANSCRIPTION_SAMPLE_RATE * 30;

export class WhisperProcessEngine implements TranscriptionEngine {
  private verified: Promise<void> | undefined;

  constructor(private readonly config: WhisperEngineConfig) {}

  async transcribe(audio: TranscriptionAudio, options: TranscribeOptions = {}): Promise<TranscriptSegment[]> {
    const { signal } = options;
    throwIfAborted(signal);
    await this.checkRunner();
    await this.checkModel();
    throwIfAborted(signal);
    const totalMs = isArray(audio) ? (audio.length / TRANSCRIPTION_SAMPLE_RATE) * 1000 : options.durationMs;
    const run = new TranscriptionRun(this.config, options, totalMs);
    return run.execute(isArray(audio) ? arrayChunks(audio) : audio);
  }

  private async checkRunner(): Promise<void> {
    try {
      await access(this.config.runnerPath, constants.X_OK);
    } catch (error: unknown) {
      throw new TranscriptionError('engine-missing', `The transcription engine is not installed at ${this.config.runnerPath} (build it with scripts/build-whisper.sh).`, { cause: error });
    }
  }

  /** Structure every time (cheap), checksum once per engine (it reads the whole file). */
  private async checkModel(): Promise<void> {
    const { modelPath, modelSha256 } = this.config;
    try {
      await inspectModelFile(modelPath);
      if (modelSha256 !== undefined) {
        this.verified ??= verifyModelFile(modelPath, { sha256: modelSha256 });
        await this.verified;
      }
    } catch (error: unknown) {
      this.verified = undefined;
      if (error instanceof ModelFileError) {
        throw new TranscriptionError('model-invalid', `The transcription model ${path.basename(modelPath)} cannot be used: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
}

function isArray(audio: TranscriptionAudio): audio is Int16Array | Float32Array {
  return audio instanceof Int16Array || audio instanceof Float32Array;
}

/** Views into the caller's array (no copy), fed to the planner like a stream. */
function* arrayChunks(audio: Int16Array | Float32Array): Generator<Int16Array | Float32Array> {
  for (let at = 0; at < audio.length; at += ARRAY_CHUNK) {
    yield audio.subarray(at, Math.min(audio.length, at + ARRAY_CHUNK));
  }
}
