import { DecryptionError, type Crypto, type SymmetricKey } from '../../core/ports/crypto';
import type { KeyBucketStore } from '../db/key-bucket-repo';
import { bucketOf, bucketOfRef, bucketRef, kekAd } from './key-tree';

/** A wrapped key as a row stores it: `keyEpoch` names its wrapping (an epoch, or a bucket: key-tree.ts). */
export interface StoredKey {
  readonly keyEpoch: number;
  readonly wrappedKey: Uint8Array;
}

/** Where the open vault's key tree lives: its buckets' wrapped KEKs, and the epoch new KEKs are wrapped under. */
export interface KeyTree {
  readonly buckets: KeyBucketStore;
  readonly epoch: () => number;
}

/**
 * The key that wraps recordings' and artifacts' keys at shred epoch `epoch` (>= 1): derived from
 * the master key's wrap sub-key AND the shred secret S_epoch held outside the vault folder
 * (#15 section 2), so neither alone unwraps anything. The caller wipes it.
 */
export function shredWrapKey(crypto: Crypto, masterKey: SymmetricKey, secret: Uint8Array, epoch: number): SymmetricKey {
  const base = crypto.deriveSubkey(masterKey, { kind: 'recording-wrap', epoch: 0 });
  const input = new Uint8Array(base.length + secret.length);
  input.set(base, 0);
  input.set(secret, base.length);
  try {
    return crypto.deriveKeyFromHighEntropy(input, `shred-wrap-v1:${epoch}`);
  } finally {
    crypto.wipe(base);
    crypto.wipe(input);
  }
}

/**
 * Custody of recordings' data keys. Each recording has a random data key, sealed under the
 * wrapping key of its epoch with the recording's id bound in as authenticated data, so a wrapped
 * key moved onto another recording's row does not open. Epoch 0 (a vault from before the shred
 * secret, until its first unlock converts it) is the master key's sub-key alone; epoch n >= 1 is
 * `shredWrapKey` with S_n from the key store, which `shredSecret` gives while it exists. The master
 * key stays with its owner (the open vault); each call derives the epoch key and wipes it.
 */
export class RecordingKeys {
  /** Unwrapped bucket KEKs, each with the wrapped bytes it came from: a rekeyed, rotated or rolled-back row is unwrapped again. */
  private readonly keks = new Map<number, { readonly wrapped: Uint8Array; readonly kek: SymmetricKey }>();

  constructor(
    private readonly crypto: Crypto,
    private readonly masterKey: () => SymmetricKey,
    private readonly shredSecret: (epoch: number) => Uint8Array | undefined = () => undefined,
    /** The key tree (migration 023); without it keys are wrapped flat under the epoch key (migrations, tests of old vaults). */
    private readonly tree?: KeyTree,
  ) {}

  /**
   * Wraps a new key: in its owner's bucket when the vault has a key tree, else flat under `epoch`.
   * Returns what the row stores.
   */
  wrapNew(of: WrappedKeyOf, key: SymmetricKey, epoch: number): StoredKey {
    const ad = adOf(of);
    if (this.tree === undefined) {
      return { keyEpoch: epoch, wrappedKey: this.withEpochKey(epoch, (epochKey) => this.crypto.seal(epochKey, key, ad)) };
    }
    const bucket = bucketOf(of.kind === 'recording' ? of.recordingId : of.owner);
    return { keyEpoch: bucketRef(bucket), wrappedKey: this.crypto.seal(this.kekOf(bucket, true), key, ad) };
  }

  /** Wipes the cached bucket KEKs (the vault is closing). */
  wipe(): void {
    for (const { kek } of this.keks.values()) {
      this.crypto.wipe(kek);
    }
    this.keks.clear();
  }

  /** A fresh data key for a new recording; the caller wraps it, uses it and wipes it. */
  newDataKey(): SymmetricKey {
    return this.crypto.randomKey();
  }

  wrap(recordingId: string, dataKey: SymmetricKey, epoch: number): Uint8Array {
    return this.withEpochKey(epoch, (epochKey) => this.crypto.seal(epochKey, dataKey, dataKeyAd(recordingId)));
  }

  /** The recording's data key; the caller wipes it. Throws `DecryptionError` if the row was altered. */
  unwrap(record: { readonly id: string; readonly keyEpoch: number; readonly wrappedKey: Uint8Array }): SymmetricKey {
    return this.openStored(record, dataKeyAd(record.id), `The key of recording ${record.id} does not open: its database row was altered.`);
  }

  /** Wraps an artifact key (#15 section 2) like a data key, with its owner and artifact bound in. */
  wrapArtifactKey(owner: string, artifact: string, key: SymmetricKey, epoch: number): Uint8Array {
    return this.withEpochKey(epoch, (epochKey) => this.crypto.seal(epochKey, key, artifactKeyAd(owner, artifact)));
  }

  /** The artifact's key; the caller wipes it. Throws `DecryptionError` if the row was altered or moved. */
  unwrapArtifactKey(owner: string, artifact: string, stored: { readonly keyEpoch: number; readonly wrappedKey: Uint8Array }): SymmetricKey {
    return this.openStored(stored, artifactKeyAd(owner, artifact), `The ${artifact} key of ${owner} does not open: its database row was altered or moved.`);
  }

  /** Opens a stored key under its bucket's KEK or its epoch's key, as its `keyEpoch` says. */
  private openStored(stored: StoredKey, ad: Uint8Array, altered: string): SymmetricKey {
    const bucket = bucketOfRef(stored.keyEpoch);
    const open = (wrappingKey: SymmetricKey): SymmetricKey => {
      try {
        return this.crypto.openKey(wrappingKey, stored.wrappedKey, ad);
      } catch (error) {
        throw new DecryptionError(altered, { cause: error });
      }
    };
    return bucket === undefined ? this.withEpochKey(stored.keyEpoch, open) : open(this.kekOf(bucket, false));
  }

  /**
   * The bucket's KEK (cached while its stored row is unchanged). `create`: a bucket without one gets
   * a fresh KEK wrapped under the current epoch (the caller's transaction stores it).
   */
  private kekOf(bucket: number, create: boolean): SymmetricKey {
    const tree = this.tree;
    if (tree === undefined) {
      throw new DecryptionError(`A key of bucket ${bucket} was read without the vault's key tree.`);
    }
    const stored = tree.buckets.get(bucket);
    const cached = this.keks.get(bucket);
    if (stored !== undefined && cached !== undefined && this.crypto.constantTimeEqual(cached.wrapped, stored.wrappedKek)) {
      return cached.kek;
    }
    if (cached !== undefined) {
      this.crypto.wipe(cached.kek);
      this.keks.delete(bucket);
    }
    let kek: SymmetricKey;
    let wrapped: Uint8Array;
    if (stored === undefined) {
      if (!create) {
        throw new DecryptionError(`Key bucket ${bucket} has no key-encryption key: the vault's key table was altered.`);
      }
      kek = this.crypto.randomKey();
      const epoch = tree.epoch();
      wrapped = this.withEpochKey(epoch, (epochKey) => wrapKek(this.crypto, epochKey, bucket, kek));
      tree.buckets.insert(bucket, { keyEpoch: epoch, wrappedKek: wrapped });
    } else {
      wrapped = stored.wrappedKek;
      kek = this.withEpochKey(stored.keyEpoch, (epochKey) => openKek(this.crypto, epochKey, bucket, stored.wrappedKek));
    }
    this.keks.set(bucket, { wrapped: Uint8Array.from(wrapped), kek });
    return kek;
  }

  /** The wrapping key of an epoch, for a rotation that rewraps many keys; the caller wipes it. */
  wrappingKey(epoch: number): SymmetricKey {
    return this.epochKey(epoch);
  }

  /**
   * Moves a wrapped key from one wrapping key to another (a rotation), its identity unchanged.
   * Throws `DecryptionError` if it does not open under `from`. The plain key is wiped.
   */
  rewrap(wrapped: WrappedKeyOf, sealed: Uint8Array, from: SymmetricKey, to: SymmetricKey): Uint8Array {
    const ad = adOf(wrapped);
    let key: SymmetricKey;
    try {
      key = this.crypto.openKey(from, sealed, ad);
    } catch (error) {
      const what = wrapped.kind === 'recording' ? `The key of recording ${wrapped.recordingId}` : `The ${wrapped.artifact} key of ${wrapped.owner}`;
      throw new DecryptionError(`${what} does not open: its database row was altered or moved.`, { cause: error });
    }
    try {
      return this.crypto.seal(to, key, ad);
    } finally {
      this.crypto.wipe(key);
    }
  }

  private withEpochKey<T>(epoch: number, use: (epochKey: SymmetricKey) => T): T {
    const epochKey = this.epochKey(epoch);
    try {
      return use(epochKey);
    } finally {
      this.crypto.wipe(epochKey);
    }
  }

  private epochKey(epoch: number): SymmetricKey {
    if (epoch === 0) {
      return this.crypto.deriveSubkey(this.masterKey(), { kind: 'recording-wrap', epoch: 0 });
    }
    const secret = this.shredSecret(epoch);
    if (secret === undefined) {
      throw new DecryptionError(`The shred secret of key epoch ${epoch} is gone (destroyed after a deletion), so the keys wrapped under it no longer open.`);
    }
    return shredWrapKey(this.crypto, this.masterKey(), secret, epoch);
  }
}

export type WrappedKeyOf = { readonly kind: 'recording'; readonly recordingId: string } | { readonly kind: 'artifact'; readonly owner: string; readonly artifact: string };

/** Opens a bucket's wrapped KEK under an epoch's wrapping key; a KEK altered or moved from another bucket is refused. */
export function openKek(crypto: Crypto, epochKey: SymmetricKey, bucket: number, wrapped: Uint8Array): SymmetricKey {
  try {
    return crypto.openKey(epochKey, wrapped, kekAd(bucket));
  } catch (error) {
    throw new DecryptionError(`The key-encryption key of key bucket ${bucket} does not open: its database row was altered or moved, or its shred secret is gone.`, { cause: error });
  }
}

/** Wraps a bucket's KEK under an epoch's wrapping key. */
export function wrapKek(crypto: Crypto, epochKey: SymmetricKey, bucket: number, kek: SymmetricKey): Uint8Array {
  return crypto.seal(epochKey, kek, kekAd(bucket));
}

function adOf(of: WrappedKeyOf): Uint8Array {
  return of.kind === 'recording' ? dataKeyAd(of.recordingId) : artifactKeyAd(of.owner, of.artifact);
}

/** The one place a data key's identifier (its authenticated data) is built. */
function dataKeyAd(recordingId: string): Uint8Array {
  return new TextEncoder().encode(`cv-datakey-v1:${recordingId}`);
}

function artifactKeyAd(owner: string, artifact: string): Uint8Array {
  return new TextEncoder().encode(`cv-artifactkey-v1:${artifact}:${owner}`);
}
