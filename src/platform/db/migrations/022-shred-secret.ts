import type { Migration } from './migration';

/**
 * The shred secret's state (#15 section 2). Every recording's and artifact's key is wrapped under
 * a key derived from the master key and the shred secret S_epoch, which is kept outside the vault
 * folder (platform/vault/shred-key-store.ts) and replaced after every destruction. This row says
 * which epoch the wrapped keys use, proves a secret from the store is the right one
 * (`secret_check`, a MAC under the derived wrapping key), and escrows S_epoch for the recovery
 * key: sealed to the vault's recovery box public key (only the recovery key re-creates its
 * secret half), or, for a vault made before this table whose recovery key was not used since,
 * under a key derived from the master key until it is. `rotation_due` is set in the transaction
 * of a destruction and cleared in the rotation's, so a crash in between rotates at next unlock.
 * A vault from before this table gets its row at its first unlock (app/vault/shred-secret.ts).
 */
export const migration022: Migration = {
  version: 22,
  name: 'shred-secret',
  up: `
    CREATE TABLE shred_state (
      id                  INTEGER PRIMARY KEY CHECK (id = 1),
      epoch               INTEGER NOT NULL CHECK (epoch >= 1),
      secret_check        BLOB NOT NULL,
      escrow_kind         TEXT NOT NULL CHECK (escrow_kind IN ('recovery-box', 'master')),
      recovery_public_key BLOB,
      escrow              BLOB NOT NULL,
      rotation_due        INTEGER NOT NULL DEFAULT 0 CHECK (rotation_due IN (0, 1)),
      CHECK ((escrow_kind = 'recovery-box') = (recovery_public_key IS NOT NULL))
    ) STRICT;
  `,
};
