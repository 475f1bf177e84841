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
