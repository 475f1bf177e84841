import type { ErrorCode } from '../shared/contract';

/** An error meant for the person using the app: the message says what happened and what to do. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  override readonly name = 'AppFailure';
}
