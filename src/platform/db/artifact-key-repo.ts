import type { Db } from './connection';

/** A wrapped artifact key as stored (migration 013); an empty `wrappedKey` is a destroyed key. */
export interface StoredArtifactKey {
  readonly keyEpoch: number;
  readonly wrappedKey: Uint8Array;
}

export interface ArtifactKeyStore {
  get(owner: string, artifact: string): StoredArtifactKey | undefined;
  /** Stores a new key; replaces a destroyed (empty) one, never a live one. */
  put(owner: string, artifact: string, key: StoredArtifactKey): void;
  /** DANGEROUS, irreversible: empties the wrapped key (crypto-shredding every row sealed under it). */
  empty(owner: string, artifact: string): boolean;
  /** Forgets an owner's keys (all already emptied, or about to go with the owner's rows). */
  removeOwner(owner: string): void;
}

/** `artifact_keys`: one wrapped key per (owner, artifact), owner a recording id or a call id. */
export function createArtifactKeyStore(db: Db): ArtifactKeyStore {
  const get = db.prepare<[string, string], { key_epoch: number; wrapped_key: Buffer }>('SELECT key_epoch, wrapped_key FROM artifact_keys WHERE owner = ? AND artifact = ?');
  const put = db.prepare<[string, string, number, Buffer]>(
    `INSERT INTO artifact_keys (owner, artifact, key_epoch, wrapped_key) VALUES (?, ?, ?, ?)
     ON CONFLICT (owner, artifact) DO UPDATE SET key_epoch = excluded.key_epoch, wrapped_key = excluded.wrapped_key WHERE length(artifact_keys.wrapped_key) = 0`,
  );
  const empty = db.prepare<[string, string]>("UPDATE artifact_keys SET wrapped_key = X'' WHERE owner = ? AND artifact = ? AND length(wrapped_key) > 0");
  const removeOwner = db.prepare<[string]>('DELETE FROM artifact_keys WHERE owner = ?');
  return {
    get(owner, artifact) {
      const row = get.get(owner, artifact);
      return row && { keyEpoch: row.key_epoch, wrappedKey: new Uint8Array(row.wrapped_key) };
    },
    put(owner, artifact, key) {
      if (put.run(owner, artifact, key.keyEpoch, Buffer.from(key.wrappedKey)).changes === 0) {
        throw new Error(`artifact key ${artifact} of ${owner} exists already`);
      }
    },
    empty: (owner, artifact) => empty.run(owner, artifact).changes > 0,
    removeOwner(owner) {
      removeOwner.run(owner);
    },
  };
}
