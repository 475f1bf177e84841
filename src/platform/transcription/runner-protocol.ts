/**
 * The stdin/stdout protocol of native/whisper-runner/callvault-whisper (see the comment at the top
 * of callvault-whisper.cpp). Every line from the runner is checked against these schemas: a line
 * that does not fit is a protocol error, never silently half-used.
 */
import { z } from 'zod';

const ms = z.number().int();

const token = z.object({
  text: z.string(),
  /** The exact bytes, only when `text` is not valid UTF-8 on its own (a split multi-byte char). */
  hex: z.string().regex(/^(?:[0-9a-f]{2})*$/).optional(),
  t0: ms,
  t1: ms,
  p: z.number().min(0).max(1).nullable(),
  id: z.number().int().nonnegative(),
});

export const runnerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    modelType: z.string(),
    multilingual: z.boolean(),
    textCtx: z.number().int(),
    threads: z.number().int(),
    system: z.string(),
    /** Tokens of the initial prompt the engine received (0: none); never the prompt itself. */
    promptTokens: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal('progress'), window: z.number().int().nonnegative(), percent: z.number().min(0).max(100) }),
  z.object({
    type: z.literal('segment'),
    window: z.number().int().nonnegative(),
    t0: ms,
    t1: ms,
    text: z.string(),
    noSpeechProb: z.number().nullable(),
    tokens: z.array(token),
  }),
  z.object({ type: z.literal('window-done'), window: z.number().int().nonnegative() }),
  z.object({ type: z.literal('done') }),
  z.object({ type: z.literal('error'), stage: z.enum(['usage', 'load', 'input', 'transcribe']), message: z.string() }),
]);

export type RunnerMessage = z.infer<typeof runnerMessage>;
export type RunnerSegment = Extract<RunnerMessage, { type: 'segment' }>;
export type RunnerToken = RunnerSegment['tokens'][number];

/** Parses one stdout line; undefined when it is not a valid message. */
export function parseRunnerLine(line: string): RunnerMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = runnerMessage.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** One window on the runner's stdin: u32 little-endian sample count, then float32 LE samples. */
export function encodeWindow(samples: Float32Array): Buffer[] {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(samples.length, 0);
  // Float32Array is in the platform's byte order; every platform Electron ships on is little-endian.
  return [header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)];
}

/** Splits a byte stream into lines, refusing a line that grows past `maxLine` characters. */
export class LineSplitter {
  private pending = '';

  constructor(private readonly maxLine = 4 * 1024 * 1024) {}

  /** Returns complete lines; throws when an unterminated line is too long. */
  push(text: string): string[] {
    this.pending += text;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    if (this.pending.length > this.maxLine) {
      throw new Error('the engine wrote an over-long line');
    }
    return lines.filter((l) => l.length > 0);
  }
}
