import type { Clock } from '../core/ports/clock';
import { systemClock } from '../platform/clock/system-clock';

/**
 * The app's one logger. It is given messages and error objects only: never passphrases, keys,
 * transcript text or audio, and nothing it writes leaves the device.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Log lines carry the wall-clock time; a test may hand in its own clock. */
export function createStderrLogger(write: (line: string) => void = (line) => process.stderr.write(line), clock: Clock = systemClock): Logger {
  const stamp = () => clock.now().toISOString();
  return {
    info: (message) => { write(`${stamp()} info ${message}\n`); },
    warn: (message) => { write(`${stamp()} warn ${message}\n`); },
    error: (message, error) => {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? '' : typeof error === 'string' ? error : 'non-Error value thrown';
      write(`${stamp()} error ${message}${detail ? ` (${detail})` : ''}\n`);
    },
  };
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
