import type { Crypto, SymmetricKey } from '../../core/ports/crypto';
import type { VaultHeader } from '../../platform/vault/vault-header';

export interface SalvagedDatabase {
  readonly vaultDir: string;
  /** The new database, complete and closed, before it replaces the damaged one. */
  readonly databaseFile: string;
  readonly header: VaultHeader;
  readonly masterKey: SymmetricKey;
  readonly crypto: Crypto;
}

/**
 * The seam where a salvaged database is bound to the vault header before it goes live. The
 * header has no database anchor yet, so there is nothing to bind and this does nothing; once
 * `vault.json` carries a database generation anchor, this is where salvage writes the new one
 * (the salvaged database is a new generation), so an unlock does not take it for a rolled-back
 * or swapped file.
 */
export function anchorSalvagedDatabase(_salvaged: SalvagedDatabase): void {
  // Nothing to bind until the header has a database generation anchor.
}
