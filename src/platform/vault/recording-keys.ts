import { DecryptionError, type Crypto, type SymmetricKey } from '../../core/ports/crypto';

/**
 * Custody of recordings' data keys. Each recording has a random data key, sealed under the
 * epoch key (a sub-key of the master key) with the recording's id bound in as authenticated
 * data, so a wrapped key moved onto another recording's row does not open. The master key stays
 * with its owner (the open vault); each call derives the epoch key and wipes it before returning.
 */
export class RecordingKeys {
  constructor(
    private readonly crypto: Crypto,
    private readonly masterKey: () => SymmetricKey,
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

  private withEpochKey<T>(epoch: number, use: (epochKey: SymmetricKey) => T): T {
    const epochKey = this.crypto.deriveSubkey(this.masterKey(), { kind: 'recording-wrap', epoch });
    try {
      return use(epochKey);
    } finally {
      this.crypto.wipe(epochKey);
    }
  }
}

/** The one place a data key's identifier (its authenticated data) is built. */
function dataKeyAd(recordingId: string): Uint8Array {
  return new TextEncoder().encode(`cv-datakey-v1:${recordingId}`);
}

function artifactKeyAd(owner: string, artifact: string): Uint8Array {
  return new TextEncoder().encode(`cv-artifactkey-v1:${artifact}:${owner}`);
}
