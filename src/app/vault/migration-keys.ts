import type { Crypto, SymmetricKey } from '../../core/ports/crypto';
import { createArtifactKeyStore } from '../../platform/db/artifact-key-repo';
import type { Db } from '../../platform/db/connection';
import type { MigrationKeys } from '../../platform/db/migrations';
import { ArtifactKeys } from '../../platform/vault/artifact-keys';
import { RecordingKeys } from '../../platform/vault/recording-keys';

/**
 * The vault's keys for migrations that seal rows SQL cannot (013, 021), on the database being
 * migrated: the unlock and the salvage both give them. `wipe` clears every unwrapped key they made.
 */
export function migrationKeysFor(crypto: Crypto, masterKey: SymmetricKey, keyEpoch: number): { readonly keysFor: (db: Db) => MigrationKeys; readonly wipe: () => void } {
  const sealers: ArtifactKeys[] = [];
  const keysFor = (opened: Db): MigrationKeys => {
    const recordingKeys = new RecordingKeys(crypto, () => masterKey);
    const sealer = new ArtifactKeys(crypto, recordingKeys, createArtifactKeyStore(opened), () => keyEpoch);
    sealers.push(sealer);
    return {
      sealer,
      openUnderDataKey: (recording, sealed, ad) => {
        const dataKey = recordingKeys.unwrap(recording);
        try {
          return crypto.open(dataKey, sealed, ad);
        } finally {
          crypto.wipe(dataKey);
        }
      },
    };
  };
  return {
    keysFor,
    wipe: () => {
      for (const sealer of sealers) {
        sealer.wipe();
      }
    },
  };
}
