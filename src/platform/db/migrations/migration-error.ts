import { CallVaultError } from '../../../shared/callvault-error';

export class MigrationError extends CallVaultError {
  override readonly name = 'MigrationError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('VAULT_CORRUPT', message, options);
  }
}
