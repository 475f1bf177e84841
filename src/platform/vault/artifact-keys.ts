import { ArtifactSealError, SEALED_ARTIFACTS, type ArtifactSealer, type SealedArtifact } from '../../core/ports/artifact-sealer';
import { DecryptionError, type Crypto, type SymmetricKey } from '../../core/ports/crypto';
import type { ArtifactKeyStore } from '../db/artifact-key-repo';
import type { RecordingKeys } from './recording-keys';

const AD_PREFIX = 'cv-artifact-v1';
/** Domain separation of `shortHashKey`'s derivation from every other `keyedHash` message. */
const SHORT_HASH_KEY_PREFIX = 'cv-short-hash-key-v1';
const SHORT_HASH_KEY_BYTES = 16;
const encoder = new TextEncoder();

/**
 * Custody of artifact keys (#15 section 2): a random key per (owner, artifact), made on first seal,
 * wrapped under the epoch key by `RecordingKeys`. Unwrapped keys are cached while the vault is
 * open (search hashes query tokens under every recording's transcript key) and wiped by
 * `destroy` and `wipe`. Destroying empties the wrapped key in the database: the rows sealed under
 * it never open again, wherever a copy of them lies, once no copy of the wrapped key is left.
 */
export class ArtifactKeys implements ArtifactSealer {
  private readonly cache = new Map<string, SymmetricKey>();
  /** Keys derived from a cached key (`shortHashKey`), by the key's cache name, then by label: they go with it. */
  private readonly derived = new Map<string, Map<string, Uint8Array>>();
  private generation = 0;

  constructor(
    private readonly crypto: Crypto,
    private readonly recordingKeys: RecordingKeys,
    private readonly store: ArtifactKeyStore,
    private readonly currentEpoch: () => number,
  ) {}

  seal(owner: string, artifact: SealedArtifact, context: string, plaintext: Uint8Array): Uint8Array {
    return this.crypto.seal(this.keyOf(owner, artifact, true), plaintext, contentAd(owner, artifact, context));
  }

  open(owner: string, artifact: SealedArtifact, context: string, sealed: Uint8Array): Uint8Array {
    const key = this.keyOf(owner, artifact, false);
    try {
      return this.crypto.open(key, sealed, contentAd(owner, artifact, context));
    } catch (error) {
      throw new ArtifactSealError('INTEGRITY', `The ${artifact} of ${owner} (${context}) does not open: the row was altered, or moved from another recording or version.`, { cause: error });
    }
  }

  keyedHash(owner: string, artifact: SealedArtifact, message: Uint8Array, options: { readonly create?: boolean } = {}): Uint8Array | undefined {
    const key = options.create === true ? this.keyOf(owner, artifact, true) : this.liveKey(owner, artifact);
    return key && this.crypto.mac(key, message);
  }

  shortHashKey(owner: string, artifact: SealedArtifact, label: string): Uint8Array | undefined {
    const name = cacheName(owner, artifact);
    const cached = this.derived.get(name)?.get(label);
    if (cached !== undefined) {
      return cached;
    }
    const key = this.liveKey(owner, artifact);
    if (key === undefined) {
      return undefined;
    }
    const mac = this.crypto.mac(key, encoder.encode(`${SHORT_HASH_KEY_PREFIX}\n${label}`));
    const derived = Uint8Array.from(mac.subarray(0, SHORT_HASH_KEY_BYTES));
    this.crypto.wipe(mac);
    let labels = this.derived.get(name);
    if (labels === undefined) {
      labels = new Map();
      this.derived.set(name, labels);
    }
    labels.set(label, derived);
    return derived;
  }

  get keyGeneration(): number {
    return this.generation;
  }

  shortHash(key: Uint8Array, message: Uint8Array): Uint8Array {
    return this.crypto.shortHash(key, message);
  }

  /** How many derived keys are cached for the owner's artifact (the tests' view of the cache). */
  cachedShortHashKeys(owner: string, artifact: SealedArtifact): number {
    return this.derived.get(cacheName(owner, artifact))?.size ?? 0;
  }

  /** Whether the owner has a live key for the artifact (something sealed under it may exist). */
  hasKey(owner: string, artifact: SealedArtifact): boolean {
    return this.liveKey(owner, artifact) !== undefined;
  }

  /**
   * DANGEROUS, irreversible: empties the artifact's wrapped key (the caller deletes its rows in the
   * same transaction) and wipes the cached copy.
   */
  destroy(owner: string, artifact: SealedArtifact): void {
    this.store.empty(owner, artifact);
    this.forget(owner, artifact);
  }

  /** Drops cached keys of an owner whose rows are gone (the store's rows go with them). */
  removeOwner(owner: string): void {
    for (const artifact of SEALED_ARTIFACTS) {
      this.forget(owner, artifact);
    }
    this.store.removeOwner(owner);
  }

  /** Wipes every cached key (the vault is closing). */
  wipe(): void {
    for (const key of this.cache.values()) {
      this.crypto.wipe(key);
    }
    this.cache.clear();
    for (const labels of this.derived.values()) {
      for (const key of labels.values()) {
        this.crypto.wipe(key);
      }
    }
    this.derived.clear();
    this.generation += 1;
  }

  private forget(owner: string, artifact: SealedArtifact): void {
    const name = cacheName(owner, artifact);
    this.generation += 1;
    for (const key of this.derived.get(name)?.values() ?? []) {
      this.crypto.wipe(key);
    }
    this.derived.delete(name);
    const cached = this.cache.get(name);
    if (cached !== undefined) {
      this.crypto.wipe(cached);
      this.cache.delete(name);
    }
  }

  private liveKey(owner: string, artifact: SealedArtifact): SymmetricKey | undefined {
    const name = cacheName(owner, artifact);
    const cached = this.cache.get(name);
    if (cached !== undefined) {
      return cached;
    }
    const stored = this.store.get(owner, artifact);
    if (stored === undefined || stored.wrappedKey.length === 0) {
      return undefined;
    }
    const key = this.unwrap(owner, artifact, stored);
    this.cache.set(name, key);
    return key;
  }

  private keyOf(owner: string, artifact: SealedArtifact, create: boolean): SymmetricKey {
    if (!create) {
      const live = this.liveKey(owner, artifact);
      if (live !== undefined) {
        return live;
      }
      if (this.store.get(owner, artifact) === undefined) {
        throw new ArtifactSealError('INTEGRITY', `The ${artifact} of ${owner} has sealed rows but no key: the vault's key table was altered.`);
      }
      throw new ArtifactSealError('NOT_FOUND', `The ${artifact} of this call was destroyed (its key is gone), so it can no longer be read.`);
    }
    // Sealing checks the stored row, not only the cache: a key made in a transaction that rolled
    // back must not go on sealing rows that no stored key opens.
    const stored = this.store.get(owner, artifact);
    if (stored !== undefined && stored.wrappedKey.length > 0) {
      return this.liveKey(owner, artifact) ?? this.unwrap(owner, artifact, stored);
    }
    this.forget(owner, artifact);
    // A destroyed key is never revived: new content after a destruction gets a fresh key.
    const key = this.crypto.randomKey();
    this.store.put(owner, artifact, this.recordingKeys.wrapNew({ kind: 'artifact', owner, artifact }, key, this.currentEpoch()));
    this.cache.set(cacheName(owner, artifact), key);
    return key;
  }

  private unwrap(owner: string, artifact: SealedArtifact, stored: { keyEpoch: number; wrappedKey: Uint8Array }): SymmetricKey {
    try {
      return this.recordingKeys.unwrapArtifactKey(owner, artifact, stored);
    } catch (error) {
      if (error instanceof DecryptionError) {
        throw new ArtifactSealError('INTEGRITY', error.message, { cause: error });
      }
      throw error;
    }
  }
}

function cacheName(owner: string, artifact: SealedArtifact): string {
  return `${artifact}\n${owner}`;
}

/** The one place the authenticated data of a sealed artifact value is built. */
function contentAd(owner: string, artifact: SealedArtifact, context: string): Uint8Array {
  return new TextEncoder().encode(`${AD_PREFIX}\n${artifact}\n${owner}\n${context}`);
}
