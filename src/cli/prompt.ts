import type { CliIo } from './cli-io';

interface RawModeStream {
  setRawMode?: (mode: boolean) => void;
}

/** Reads a line from the terminal without echoing it. */
export function promptHidden(io: CliIo, question: string): Promise<string> {
  io.stderr.write(question);
  const input = io.stdin as typeof io.stdin & RawModeStream;
  input.setRawMode?.(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          finish();
          reject(new Error('Cancelled.'));
          return;
        }
        value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
      }
    };
    const finish = () => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      io.stderr.write('\n');
    };
    input.on('data', onData);
  });
}

/**
 * Visible line-by-line questions on the terminal. Keeps what was typed (or pasted) past the
 * current line for the next question, so pasting several answers at once loses none.
 */
export class LinePrompt {
  private buffered = '';
  private readonly waiting: ((line: string | undefined) => void)[] = [];
  private ended = false;
  private readonly onData = (chunk: Buffer | string): void => {
    this.buffered += chunk.toString();
    this.deliver();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.deliver();
  };

  constructor(private readonly io: CliIo) {
    io.stdin.on('data', this.onData);
    io.stdin.once('end', this.onEnd);
    io.stdin.resume();
  }

  /** The next line typed, without its line ending; throws when input ends first. */
  async ask(question: string): Promise<string> {
    this.io.stderr.write(question);
    const line = await new Promise<string | undefined>((resolve) => {
      this.waiting.push(resolve);
      this.deliver();
    });
    if (line === undefined) {
      throw new Error('Input ended before every question was answered.');
    }
    return line;
  }

  close(): void {
    this.io.stdin.off('data', this.onData);
    this.io.stdin.off('end', this.onEnd);
    this.io.stdin.pause();
  }

  private deliver(): void {
    for (let at = this.buffered.indexOf('\n'); at !== -1 && this.waiting.length > 0; at = this.buffered.indexOf('\n')) {
      const line = this.buffered.slice(0, at).replace(/\r$/, '');
      this.buffered = this.buffered.slice(at + 1);
      this.waiting.shift()?.(line);
    }
    if (this.ended) {
      for (const resolve of this.waiting.splice(0)) {
        resolve(undefined);
      }
    }
  }
}
