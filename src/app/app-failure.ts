import { CallVaultError } from '../shared/callvault-error';

/** An error meant for the person using the app: the message says what happened and what to do. */
export class AppFailure extends CallVaultError {
  override readonly name = 'AppFailure';
}
