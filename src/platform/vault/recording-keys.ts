import { DecryptionError, type Crypto, type SymmetricKey } from '../../core/ports/crypto';

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
  constructor(
    private readonly crypto: Crypto,
    private readonly masterKey: () => SymmetricKey,
    private readonly shredSecret: (epoch: number) => Uint8Array | undefined = () => undefined,
  ) {}

  /** A fresh data key for a new recording; the caller wraps it, uses it and wipes it. */
  newDataKey(): SymmetricKey {
    return this.crypto.randomKey();
  }

  wrap(recordingId: string, dataKey: SymmetricKey, epoch: number): Uint8Array {
    return this.withEpochKey(epoch, (epochKey) => this.crypto.seal(epochKey, dataKey, dataKeyAd(recordingId)));
  }

  /** The recording's data key; the caller wipes it. Throws `DecryptionError` if the row was altered. */
  unwrap(record: { readonly id: string; readonly keyEpoch: number; readonly wrappedKey: Uint8Array }): SymmetricKey {
    return this.withEpochKey(record.keyEpoch, (epochKey) => {
      try {
        return this.crypto.openKey(epochKey, record.wrappedKey, dataKeyAd(record.id));
      } catch (error) {
        throw new DecryptionError(`The key of recording ${record.id} does not open: its database row was altered.`, { cause: error });
      }
    });
  }

  /** Wraps an artifact key (#15 section 2) like a data key, with its owner and artifact bound in. */
  wrapArtifactKey(owner: string, artifact: string, key: SymmetricKey, epoch: number): Uint8Array {
    return this.withEpochKey(epoch, (epochKey) => this.crypto.seal(epochKey, key, artifactKeyAd(owner, artifact)));
  }

  /** The artifact's key; the caller wipes it. Throws `DecryptionError` if the row was altered or moved. */
  unwrapArtifactKey(owner: string, artifact: string, stored: { readonly keyEpoch: number; readonly wrappedKey: Uint8Array }): SymmetricKey {
    return this.withEpochKey(stored.keyEpoch, (epochKey) => {
      try {
        return this.crypto.openKey(epochKey, stored.wrappedKey, artifactKeyAd(owner, artifact));
      } catch (error) {
        throw new DecryptionError(`The ${artifact} key of ${owner} does not open: its database row was altered or moved.`, { cause: error });
      }
    });
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
    const ad = wrapped.kind === 'recording' ? dataKeyAd(wrapped.recordingId) : artifactKeyAd(wrapped.owner, wrapped.artifact);
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

/** The one place a data key's identifier (its authenticated data) is built. */
function dataKeyAd(recordingId: string): Uint8Array {
  return new TextEncoder().encode(`cv-datakey-v1:${recordingId}`);
}

function artifactKeyAd(owner: string, artifact: string): Uint8Array {
  return new TextEncoder().encode(`cv-artifactkey-v1:${artifact}:${owner}`);
}
