/**
 * One run of the native engine (callvault-whisper) as a child process: started with an argument
 * array (never a shell), fed windows of audio through stdin, read as JSON lines from stdout.
 * Whatever happens to it (a crash, an abort, an out-of-memory kill) ends as a settled `finished`
 * promise with a `TranscriptionError`, never as an exception in the app.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { TranscriptionError } from '../../core/ports/transcription';
import { encodeWindow, LineSplitter, parseRunnerLine, type RunnerMessage } from './runner-protocol';

export interface RunnerStartOptions {
  readonly runnerPath: string;
  readonly modelPath: string;
  readonly threads: number;
  readonly language: string;
  /** 0 = no limit. */
  readonly maxTokensPerSegment: number;
  /**
   * Whisper's initial prompt (the rep's vocabulary). It holds customer and product names, so it
   * goes through stdin ahead of the audio, never in argv (which other users of the machine can read).
   */
  readonly prompt?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Called for every message, in order. If it throws, the run is stopped with that error. */
  readonly onMessage: (message: RunnerMessage) => void;
}

const STDERR_TAIL = 4096;

export class RunnerProcess {
  /** Settles once the process has exited: resolves after a complete run, else rejects. */
  readonly finished: Promise<void>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly model: string;
  private phase: 'loading' | 'transcribing' = 'loading';
  private sawDone = false;
  private aborted = false;
  private exited = false;
  private reportedError: Extract<RunnerMessage, { type: 'error' }> | undefined;
  private failure: Error | undefined;
  private stderrTail = '';

  private constructor(private readonly options: RunnerStartOptions) {
    if (os.endianness() !== 'LE') {
      throw new TranscriptionError('engine-failed', 'The transcription engine needs a little-endian CPU.');
    }
    this.model = path.basename(options.modelPath);
    const prompt = encodePrompt(options.prompt);
    const args = ['--model', options.modelPath, '--threads', String(options.threads), '--language', options.language, '--max-tokens', String(options.maxTokensPerSegment), '--no-context'];
    if (prompt !== undefined) {
      args.push('--prompt-stdin');
    }
    this.child = spawn(options.runnerPath, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: minimalEnv(),
      // Its own directory: ggml looks for CPU kernel libraries in the working directory too.
      cwd: path.dirname(options.runnerPath),
      windowsHide: true,
    });
    if (prompt !== undefined) {
      this.child.stdin.write(prompt); // first on stdin; the pipe buffers it while the model loads
    }
    this.finished = this.watch();
    this.finished.catch(() => undefined); // observed by the caller; never an unhandled rejection
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  static start(options: RunnerStartOptions): RunnerProcess {
    return new RunnerProcess(options);
  }

  /** Sends one window, waiting while the pipe is full. Throws the run's error if it has ended. */
  async write(samples: Float32Array): Promise<void> {
    for (const part of encodeWindow(samples)) {
      if (this.exited || this.child.stdin.destroyed) {
        break;
      }
      if (!this.child.stdin.write(part)) {
        await Promise.race([once(this.child.stdin, 'drain'), this.finished]).catch(() => undefined);
      }
    }
    if (this.exited) {
      await this.finished;
      throw new TranscriptionError('engine-failed', 'The transcription engine stopped before all audio was sent.');
    }
  }

  /** No more windows: the engine finishes the ones it has, then exits. */
  endInput(): void {
    this.child.stdin.end();
  }

  /** Stops the engine now (SIGKILL: it holds nothing that needs a clean shutdown). */
  kill(): void {
    if (!this.exited) {
      this.child.kill('SIGKILL');
    }
  }

  private readonly onAbort = (): void => {
    this.aborted = true;
    this.kill();
  };

  private stop(error: unknown): void {
    this.failure ??= error instanceof Error ? error : new TranscriptionError('engine-failed', 'Reading the transcription engine failed.');
    this.kill();
  }

  private async watch(): Promise<void> {
    const splitter = new LineSplitter();
    this.child.stdout.setEncoding('utf8').on('data', (text: string) => {
      try {
        for (const line of splitter.push(text)) {
          this.handle(line);
        }
      } catch (error: unknown) {
        this.stop(error);
      }
    });
    this.child.stderr.setEncoding('utf8').on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL);
    });
    this.child.stdin.on('error', () => undefined); // EPIPE when the engine dies first: the exit says why
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      this.child.on('close', (code, signal) => { resolve({ code, signal }); });
    });
    // 'on', not 'once': a ChildProcess 'error' with no listener would throw in the app.
    const spawnError = new Promise<Error>((resolve) => this.child.on('error', resolve));
    const outcome = await Promise.race([exit, spawnError]);
    this.exited = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    if (outcome instanceof Error) {
      throw new TranscriptionError('engine-missing', `The transcription engine could not be started (${errorCode(outcome)}): ${this.options.runnerPath}`, { cause: outcome });
    }
    this.settle(outcome.code, outcome.signal);
  }

  private handle(line: string): void {
    const message = parseRunnerLine(line);
    if (message === undefined) {
      throw new TranscriptionError('engine-failed', 'The transcription engine wrote output CallVault does not understand (version mismatch?).');
    }
    if (message.type === 'ready') {
      this.phase = 'transcribing';
    } else if (message.type === 'done') {
      this.sawDone = true;
    } else if (message.type === 'error') {
      this.reportedError = message;
    }
    this.options.onMessage(message);
  }

  private settle(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.aborted) {
      throw new TranscriptionError('aborted', 'Transcription was cancelled.');
    }
    if (this.failure !== undefined) {
      throw this.failure;
    }
    const doing = this.phase === 'loading' ? `loading model ${this.model}` : `transcribing with model ${this.model}`;
    if (signal !== null) {
      throw new TranscriptionError('engine-crashed', `The transcription engine crashed (${signal}) while ${doing}: ${crashHint(signal, this.phase)}${this.detail()}`);
    }
    const reported = this.reportedError;
    if (reported?.stage === 'load') {
      throw new TranscriptionError('model-invalid', `Could not load model ${this.model}: ${reported.message}${this.detail()}`);
    }
    if (code !== 0 || reported !== undefined) {
      throw new TranscriptionError('engine-failed', `The transcription engine failed (exit code ${code ?? 'none'}) while ${doing}${reported ? `: ${reported.message}` : ''}${this.detail()}`);
    }
    if (!this.sawDone) {
      throw new TranscriptionError('engine-failed', `The transcription engine exited before finishing while ${doing}.`);
    }
  }

  /**
   * The engine's last error line (an assertion, a loader error) helps whoever reads a bug report.
   * The runner never writes transcript text to stderr, so this is safe to put in a message.
   */
  private detail(): string {
    const lines = this.stderrTail.split('\n').map((l) => l.trim()).filter((l) => /error|assert|failed|fatal/i.test(l));
    const last = lines[lines.length - 1];
    return last ? ` [engine: ${last.slice(0, 240)}]` : '';
  }
}

/** The engine reads at most this many bytes of prompt (see callvault-whisper.cpp). */
export const MAX_PROMPT_BYTES = 4096;

/** The prompt frame: u32le byte count, then UTF-8; undefined for no prompt. */
export function encodePrompt(prompt: string | undefined): Uint8Array | undefined {
  if (prompt === undefined || prompt.trim() === '') {
    return undefined;
  }
  const bytes = new TextEncoder().encode(prompt);
  if (bytes.byteLength > MAX_PROMPT_BYTES) {
    throw new TranscriptionError('engine-failed', `The vocabulary prompt is too long for the engine (${bytes.byteLength} bytes, at most ${MAX_PROMPT_BYTES}). Shorten the vocabulary.`);
  }
  const frame = new Uint8Array(4 + bytes.byteLength);
  new DataView(frame.buffer).setUint32(0, bytes.byteLength, true);
  frame.set(bytes, 4);
  return frame;
}

function crashHint(signal: NodeJS.Signals, phase: 'loading' | 'transcribing'): string {
  if (signal === 'SIGKILL') {
    return 'the system stopped it, most likely because memory ran out';
  }
  return phase === 'loading'
    ? 'the model file may be corrupt'
    : 'the model file may be corrupt or of a type this engine build does not support';
}

function errorCode(error: Error): string {
  return 'code' in error && typeof error.code === 'string' ? error.code : error.name;
}

/**
 * The engine gets no inherited environment (nothing of the app's leaks into it, and nothing from
 * the user's shell changes how it runs). GGML_NO_BACKTRACE stops ggml's abort handler from
 * starting gdb to print a backtrace, which costs seconds and spills stack dumps.
 */
function minimalEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GGML_NO_BACKTRACE: '1' };
  if (process.platform === 'win32' && process.env.SystemRoot !== undefined) {
    env.SystemRoot = process.env.SystemRoot; // Windows cannot load system DLLs without it
  }
  return env;
}
