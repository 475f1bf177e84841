import { BoundedReadError, formatLimit, readBoundedFile, readBoundedStream } from '../platform/files/bounded-read';
import { CliFailure } from './cli-failure';
import { ExitCode, type CliIo } from './cli-io';
import { LinePrompt } from './prompt';

/**
 * Free text that may name people (a dismissal's reason, an export's purpose, the rep's own name)
 * never comes from the command line: other users of the machine can read arguments (the process
 * list) and npx writes them to npm's log files. It comes from a file, standard input or a prompt,
 * as the call details of "record" do (src/cli/call-details.ts).
 */

/** Far more than any reason, purpose or name. */
export const MAX_FREE_TEXT_BYTES = 64 * 1024;

/** Refuses an option that used to take personal free text, saying where it goes now. */
export function refuseArgvText(flag: string, instead: string): never {
  // The value is not repeated: the message may end up in a log of its own.
  throw new CliFailure(
    ExitCode.usage,
    `--${flag} is no longer accepted: command-line arguments can be read by other users of this computer (the process list) and npx writes them to npm's log files. ${instead}`,
  );
}

/** The lines of FILE ("-": standard input), without line endings and trailing empty lines. */
export async function readTextLines(io: CliIo, file: string, what: string): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readBoundedStream(io.stdin, MAX_FREE_TEXT_BYTES, 'standard input') : readBoundedFile(file, MAX_FREE_TEXT_BYTES);
  } catch (error) {
    if (error instanceof BoundedReadError) {
      throw new CliFailure(error.problem === 'missing' ? ExitCode.notFound : ExitCode.usage, `Cannot read ${what}: ${error.message}${error.problem === 'too-large' ? ` (at most ${formatLimit(MAX_FREE_TEXT_BYTES)})` : ''}.`);
    }
    if (error instanceof Error) {
      throw new CliFailure(ExitCode.usage, `Cannot read ${what}: ${error.message}.`);
    }
    throw error;
  }
  const lines = bytes.toString('utf8').split('\n').map((line) => line.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') {
    lines.pop();
  }
  return lines;
}

/** Asks each question on the terminal in turn; the answers, trimmed. */
export async function askLines(io: CliIo, questions: readonly string[]): Promise<string[]> {
  const prompt = new LinePrompt(io);
  try {
    const answers: string[] = [];
    for (const question of questions) {
      answers.push((await prompt.ask(question)).trim());
    }
    return answers;
  } finally {
    prompt.close();
  }
}

/** With "-" standard input carries the text, so the secret must come from elsewhere. */
export function requireSecretOffStdin(io: CliIo, values: { 'passphrase-file'?: string | undefined; 'recovery-key-file'?: string | undefined }, flag: string): void {
  if (values['passphrase-file'] === undefined && values['recovery-key-file'] === undefined && !io.env.CALLVAULT_PASSPHRASE) {
    throw new CliFailure(ExitCode.usage, `With --${flag} - standard input carries the text, so give the passphrase with --passphrase-file or CALLVAULT_PASSPHRASE.`);
  }
}
