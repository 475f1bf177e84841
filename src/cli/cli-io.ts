import type { Readable, Writable } from 'node:stream';

/** The streams a command talks through; tests pass their own. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stdin is an interactive terminal (passphrase prompts need one). */
  readonly interactive: boolean;
}

/** Documented exit codes; the README lists them. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  wrongSecret: 3,
  integrity: 4,
  notFound: 5,
  policyBlocked: 6,
  exportRefused: 7,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A CLI command: parses its own arguments, returns an exit code, never calls process.exit. */
export type CliCommand = (argv: readonly string[], io: CliIo) => Promise<number>;

export function writeLine(stream: Writable, line: string): void {
  stream.write(`${line}\n`);
}
