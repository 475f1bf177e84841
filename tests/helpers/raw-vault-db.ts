import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Crypto } from '../../src/core/ports/crypto';
import { unwrapMasterKey } from '../../src/platform/vault/vault-keys';
import { PASSPHRASE } from './vault-fixture';

/**
 * Opens a (locked) vault's database the way an attacker who knows the passphrase would, or a test
 * that plays one: to alter rows behind the app's back. Close it before unlocking the vault again.
 */
export async function openRawVaultDb(vaultDir: string, crypto: Crypto, passphrase = PASSPHRASE): Promise<Database.Database> {
  const { masterKey } = await unwrapMasterKey(vaultDir, { kind: 'passphrase', passphrase }, crypto);
  const dbKey = crypto.deriveSubkey(masterKey, { kind: 'database' });
  const db = new Database(path.join(vaultDir, 'vault.db'));
  db.pragma(`cipher='chacha20'`);
  db.pragma(`key="x'${Buffer.from(dbKey).toString('hex')}'"`);
  crypto.wipe(dbKey);
  crypto.wipe(masterKey);
  return db;
}
