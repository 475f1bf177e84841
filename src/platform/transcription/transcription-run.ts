/**
 * One `transcribe` call of WhisperProcessEngine: plans the windows, starts the runner at the first
 * window that holds speech, streams windows in and segments out, reports progress, and makes sure
 * that however it ends (done, abort, engine failure) no engine process is left running.
 */
import os from 'node:os';
import { TRANSCRIPTION_SAMPLE_RATE, TranscriptionError, type TranscribeOptions, type TranscriptSegment } from '../../core/ports/transcription';
import { RunnerProcess } from './runner-process';
import type { RunnerMessage } from './runner-protocol';
import { assembleSegments } from './segment-assembly';
import { DEFAULT_VAD_OPTIONS, EnergyVad, NoVad } from './vad';
import { DEFAULT_WINDOW_OPTIONS, planWindows, windowSpan, type ChunkSource, type WindowLayout } from './windows';
import type { WhisperEngineConfig } from './whisper-process-engine';

/** One core is left for the app and the UI. */
export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** The state of one `transcribe` call. */
export class TranscriptionRun {
  private runner: RunnerProcess | undefined;
  private readonly windows = new Map<number, WindowLayout>();
  private readonly segments: TranscriptSegment[] = [];
  private processedMs = 0;
  private consumedSamples = 0;
  /** Rejects as soon as a started engine fails, whatever the feeding is waiting for. */
  private readonly engineFailed: Promise<never>;
  private failEngine: (error: unknown) => void = () => undefined;

  constructor(
    private readonly config: WhisperEngineConfig,
    private readonly options: TranscribeOptions,
    private readonly totalMs: number | undefined,
  ) {
    this.engineFailed = new Promise<never>((_, reject) => { this.failEngine = reject; });
    this.engineFailed.catch(() => undefined);
  }

  async execute(source: ChunkSource): Promise<TranscriptSegment[]> {
    const { signal } = this.options;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => { reject(new TranscriptionError('aborted', 'Transcription was cancelled.')); };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    const work = this.feed(source);
    try {
      // Streamed audio may keep us waiting for the next chunk: neither an abort nor an engine
      // that died may wait for it.
      await Promise.race([work, aborted, this.engineFailed]);
      await Promise.race([this.runner?.finished, aborted]);
    } catch (error: unknown) {
      this.runner?.kill();
      // Settle only once the engine process is gone, so "rejected" means "nothing left running".
      await this.runner?.finished.catch(() => undefined);
      throw error;
    } finally {
      if (onAbort) {
        signal?.removeEventListener('abort', onAbort);
      }
      work.catch(() => undefined);
    }
    this.report(this.totalMs ?? (this.consumedSamples / TRANSCRIPTION_SAMPLE_RATE) * 1000);
    return this.segments;
  }

  private async feed(source: ChunkSource): Promise<void> {
    const { signal } = this.options;
    const segmenter = this.config.vad === false ? new NoVad() : new EnergyVad(TRANSCRIPTION_SAMPLE_RATE, this.config.vad ?? DEFAULT_VAD_OPTIONS);
    const windowOptions = { ...DEFAULT_WINDOW_OPTIONS, ...this.config.windows, sampleRate: TRANSCRIPTION_SAMPLE_RATE };
    for await (const window of planWindows(this.counted(source), segmenter, windowOptions)) {
      throwIfAborted(signal);
      // Keep what maps times back; the samples themselves go to the engine and are not kept.
      this.windows.set(window.index, { pieces: window.pieces, length: window.samples.length });
      this.runner ??= this.start();
      await this.runner.write(window.samples);
    }
    this.runner?.endInput();
  }

  private async *counted(source: ChunkSource): AsyncGenerator<Int16Array | Float32Array> {
    for await (const chunk of source) {
      this.consumedSamples += chunk.length;
      yield chunk;
    }
  }

  private start(): RunnerProcess {
    const runner = RunnerProcess.start({
      runnerPath: this.config.runnerPath,
      modelPath: this.config.modelPath,
      threads: validThreads(this.options.threads),
      language: this.options.language ?? 'en',
      maxTokensPerSegment: this.config.maxTokensPerSegment ?? 0,
      prompt: this.options.prompt,
      signal: this.options.signal,
      onMessage: (message) => { this.onMessage(message); },
    });
    runner.finished.catch((error: unknown) => { this.failEngine(error); });
    return runner;
  }

  private onMessage(message: RunnerMessage): void {
    switch (message.type) {
      case 'segment': {
        const window = this.windows.get(message.window);
        for (const segment of window ? assembleSegments(message, window, TRANSCRIPTION_SAMPLE_RATE) : []) {
          this.segments.push(segment);
          this.options.onSegment?.(segment);
        }
        break;
      }
      case 'progress':
      case 'window-done': {
        const window = this.windows.get(message.window);
        if (window !== undefined) {
          const span = windowSpan(window);
          const fraction = message.type === 'progress' ? message.percent / 100 : 1;
          this.report(((span.start + (span.end - span.start) * fraction) / TRANSCRIPTION_SAMPLE_RATE) * 1000);
        }
        if (message.type === 'window-done') {
          this.windows.delete(message.window);
        }
        break;
      }
      case 'ready':
      case 'done':
      case 'error':
        break; // the process wrapper acts on these
    }
  }

  private report(ms: number): void {
    const processedMs = Math.round(Math.max(this.processedMs, Math.min(ms, this.totalMs ?? ms)));
    this.processedMs = processedMs;
    const percent = this.totalMs === undefined ? undefined : this.totalMs > 0 ? Math.min(100, (processedMs / this.totalMs) * 100) : 100;
    this.options.onProgress?.({ processedMs, ...(percent !== undefined && { percent }) });
  }
}

/** A whole number of threads the runner accepts (1..256); anything else means the default. */
function validThreads(threads: number | undefined): number {
  return threads !== undefined && Number.isInteger(threads) && threads >= 1 ? Math.min(threads, 256) : defaultThreads();
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new TranscriptionError('aborted', 'Transcription was cancelled.');
  }
}

