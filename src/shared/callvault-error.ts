// The one error model. Every error CallVault throws on purpose extends CallVaultError and carries
// a code from ErrorCode; the code alone decides what the person is told (the renderer's
// client/error-text.ts) and how the command line exits (cli/exit-codes.ts). Nothing tells errors
// apart by their message text or their `name`.
import type { ErrorCode } from './contract/result';

export interface CallVaultErrorOptions {
  readonly cause?: unknown;
  /**
   * A finer distinction inside one code (a model file that is truncated rather than corrupt, a
   * model that is not installed): a fixed word, never personal data. It crosses the bridge as
   * `AppError.detail`; the CLI exits on it, the renderer words the code alone.
   */
  readonly detail?: string;
}

/**
 * An error with a code the app knows. The message says what happened and what to do, for the
 * person using the app; it never holds secrets, keys or transcript text. Code INTERNAL marks a
 * bug rather than a situation: its message is logged, and the UI says only that something broke.
 */
export class CallVaultError extends Error {
  override readonly name: string = 'CallVaultError';
  readonly detail: string | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: CallVaultErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.detail = options.detail;
  }
}
