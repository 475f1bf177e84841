import { CallVaultError, type CallVaultErrorOptions } from '../shared/callvault-error';
import type { ErrorCode } from '../shared/contract';

/** An error meant for the person using the app: the message says what happened and what to do. */
export class AppFailure extends CallVaultError {
  constructor(code: ErrorCode, message: string, options?: CallVaultErrorOptions) {
    super(code, message, options);
  }
  override readonly name = 'AppFailure';
}
