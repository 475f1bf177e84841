import type { Crypto, SymmetricKey } from '../../core/ports/crypto';
import { createAuditRepo } from '../../platform/db/audit-repo';
import { openEncryptedDatabase } from '../../platform/db/connection';
import { createSettingsRepo } from '../../platform/db/settings-repo';
import type { VaultHeader } from '../../platform/vault/vault-header';
import { writeAnchoredHeader } from '../../platform/vault/vault-keys';
import { VaultAnchor } from './vault-anchor';

export interface SalvagedDatabase {
  readonly vaultDir: string;
  /** The new database, complete and closed, before it replaces the damaged one. */
  readonly databaseFile: string;
  readonly header: VaultHeader;
  readonly masterKey: SymmetricKey;
  readonly crypto: Crypto;
  readonly now: () => Date;
}

/**
 * Binds a salvaged database to the vault header before it goes live: the salvaged database is a
 * new generation (it may lack rows and audit entries the header saw), so it gets the next
 * generation and the header is re-signed with its audit head. Without this the next unlock would
 * take it for a rolled-back copy. The header is written before the swap: a crash in between
 * leaves the damaged database live (it could not be opened anyway) and the salvaged one in the
 * salvage folder.
 */
export function anchorSalvagedDatabase(salvaged: SalvagedDatabase): void {
  const { crypto, masterKey } = salvaged;
  const dbKey = crypto.deriveSubkey(masterKey, { kind: 'database' });
  const auditKey = crypto.deriveSubkey(masterKey, { kind: 'audit-mac' });
  const db = openEncryptedDatabase(salvaged.databaseFile, dbKey, { create: false });
  try {
    const settings = createSettingsRepo(db);
    let header = salvaged.header;
    const anchor = new VaultAnchor(
      crypto,
      auditKey,
      {
        inTransaction: () => db.inTransaction,
        totalChanges: () => 0,
        settings,
        transaction: (fn) => { db.transaction(fn)(); },
      },
      createAuditRepo(db),
      {
        current: () => header,
        reanchor: (next) => { header = writeAnchoredHeader(salvaged.vaultDir, header, masterKey, crypto, next); },
      },
      undefined,
      salvaged.now,
    );
    anchor.adoptAsNewGeneration();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
    crypto.wipe(dbKey);
    crypto.wipe(auditKey);
  }
}
