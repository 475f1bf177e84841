import type Database from 'better-sqlite3-multiple-ciphers';
import type { Crypto, SymmetricKey } from '../../src/core/ports/crypto';
import { createKeyBucketStore } from '../../src/platform/db/key-bucket-repo';
import { RecordingKeys } from '../../src/platform/vault/recording-keys';

/** The key tree of a raw vault database (migration 023), read with the master key and the secrets given. */
export function treeKeysOf(db: Database.Database, crypto: Crypto, masterKey: SymmetricKey, secretOf: (epoch: number) => Uint8Array | undefined, epoch: number): RecordingKeys {
  return new RecordingKeys(crypto, () => masterKey, secretOf, { buckets: createKeyBucketStore(db), epoch: () => epoch });
}

/**
 * Makes a vault what a build before the key tree left: every key taken out of its bucket and
 * wrapped flat under epoch `toEpoch` (0: the master key's sub-key; n: S_n), the buckets dropped.
 */
export function flattenKeyTree(db: Database.Database, crypto: Crypto, masterKey: SymmetricKey, secretOf: (epoch: number) => Uint8Array | undefined, fromEpoch: number, toEpoch: number): void {
  const tree = treeKeysOf(db, crypto, masterKey, secretOf, fromEpoch);
  const flat = new RecordingKeys(crypto, () => masterKey, secretOf);
  for (const r of db.prepare<[], { id: string; key_epoch: number; wrapped_key: Buffer }>('SELECT id, key_epoch, wrapped_key FROM recordings WHERE length(wrapped_key) > 0').all()) {
    const key = tree.unwrap({ id: r.id, keyEpoch: r.key_epoch, wrappedKey: new Uint8Array(r.wrapped_key) });
    db.prepare('UPDATE recordings SET key_epoch = ?, wrapped_key = ? WHERE id = ?').run(toEpoch, Buffer.from(flat.wrap(r.id, key, toEpoch)), r.id);
    crypto.wipe(key);
  }
  for (const k of db.prepare<[], { owner: string; artifact: string; key_epoch: number; wrapped_key: Buffer }>('SELECT owner, artifact, key_epoch, wrapped_key FROM artifact_keys WHERE length(wrapped_key) > 0').all()) {
    const key = tree.unwrapArtifactKey(k.owner, k.artifact, { keyEpoch: k.key_epoch, wrappedKey: new Uint8Array(k.wrapped_key) });
    db.prepare('UPDATE artifact_keys SET key_epoch = ?, wrapped_key = ? WHERE owner = ? AND artifact = ?').run(toEpoch, Buffer.from(flat.wrapArtifactKey(k.owner, k.artifact, key, toEpoch)), k.owner, k.artifact);
    crypto.wipe(key);
  }
  tree.wipe();
  db.prepare('DELETE FROM key_buckets').run();
}
