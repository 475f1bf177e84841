/**
 * Cryptography as the rest of the app sees it. One adapter (src/platform/crypto) implements it;
 * nothing else imports libsodium. Secrets are Uint8Arrays behind branded types, never strings,
 * and none of them may ever be logged or leave the device.
 */
import { CallVaultError } from '../../shared/callvault-error';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A 32-byte symmetric key. Wipe it with `Crypto.wipe` when done. */
export type SymmetricKey = Brand<Uint8Array, 'SymmetricKey'>;
/** A versioned envelope: version byte, nonce, ciphertext with tag. */
export type Sealed = Brand<Uint8Array, 'Sealed'>;
export type Mac = Brand<Uint8Array, 'Mac'>;
/** An Ed25519 secret signing key (an issuer's: the team server's, or a test's). Wipe it when done. */
export type SigningSecretKey = Brand<Uint8Array, 'SigningSecretKey'>;

export interface Argon2idParams {
  readonly alg: 'argon2id13';
  readonly opsLimit: number;
  readonly memLimitBytes: number;
  /** Hex-encoded 16-byte salt. */
  readonly salt: string;
}

/** Sub-keys of the vault master key; each purpose gets its own, so one leak does not spread. */
export type SubkeyPurpose =
  | { readonly kind: 'database' }
  | { readonly kind: 'audit-mac' }
  | { readonly kind: 'header-mac' }
  | { readonly kind: 'settings' }
  | { readonly kind: 'recording-wrap'; readonly epoch: number };

export interface Crypto {
  randomBytes(length: number): Uint8Array;
  randomKey(): SymmetricKey;
  /** Argon2id off the calling thread; the worker is terminated afterwards to release its memory. */
  deriveKeyFromPassphrase(passphrase: string, params: Argon2idParams): Promise<SymmetricKey>;
  newArgon2idParams(): Argon2idParams;
  /** A key from a high-entropy secret (a recovery key); no stretching needed. */
  deriveKeyFromHighEntropy(secret: Uint8Array, context: string): SymmetricKey;
  deriveSubkey(master: SymmetricKey, purpose: SubkeyPurpose): SymmetricKey;
  /** XChaCha20-Poly1305 with a random nonce; `ad` is authenticated, not encrypted. */
  seal(key: SymmetricKey, plaintext: Uint8Array, ad: Uint8Array): Sealed;
  /** Throws `DecryptionError` when the key, the data or the `ad` is wrong. Never returns the input. */
  open(key: SymmetricKey, sealed: Uint8Array, ad: Uint8Array): Uint8Array;
  /** Opens a sealed key (a wrapped master or data key): `open`, then checked to be a key. */
  openKey(key: SymmetricKey, sealed: Uint8Array, ad: Uint8Array): SymmetricKey;
  /**
   * Takes key bytes that arrived from outside the port (the OS keychain) as a key, after
   * checking their length; throws `DecryptionError` for anything that is not a 32-byte key.
   */
  keyFromBytes(bytes: Uint8Array): SymmetricKey;
  mac(key: SymmetricKey, message: Uint8Array): Mac;
  verifyMac(key: SymmetricKey, mac: Uint8Array, message: Uint8Array): boolean;
  hash(message: Uint8Array): Uint8Array;
  /**
   * SipHash-2-4 (libsodium's `crypto_shorthash`): an 8-byte keyed hash under a 16-byte key, about
   * ten times cheaper than `mac`. For hash-table lookups under a secret key (the search index's
   * term hashes), not for authenticating data. Throws for a key that is not 16 bytes.
   */
  shortHash(key: Uint8Array, message: Uint8Array): Uint8Array;
  /**
   * Ed25519 detached signatures, as the team server signs (holds, roles). The app verifies; it
   * signs nothing itself today, but an issuer's side (and the tests that play one) needs both.
   */
  newSigningKeyPair(): { readonly publicKey: Uint8Array; readonly secretKey: SigningSecretKey };
  sign(secretKey: SigningSecretKey, message: Uint8Array): Uint8Array;
  /** Takes a stored Ed25519 secret key (the vault's certificate key) back as one; throws `DecryptionError` for anything else. */
  signingKeyFromBytes(bytes: Uint8Array): { readonly publicKey: Uint8Array; readonly secretKey: SigningSecretKey };
  /** False for a wrong length, a wrong key or an altered message; never throws on bad input. */
  verifySignature(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): boolean;
  constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean;
  wipe(buffer: Uint8Array): void;
  /**
   * An X25519 key pair from a 32-byte seed (the vault's recovery box, #15 section 2: made from
   * the recovery secret, so only the recovery key re-creates the secret half). Wipe `secretKey`.
   */
  boxKeyPairFromSeed(seed: Uint8Array): { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array };
  /** crypto_box_seal: anyone may seal to the public key; only its secret half opens. */
  sealToPublicKey(publicKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** Opens what `sealToPublicKey` sealed; throws `DecryptionError` for a wrong key or altered bytes. */
  openSealedBox(keyPair: { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array }, sealed: Uint8Array): Uint8Array;
}

export class DecryptionError extends CallVaultError {
  override readonly name = 'DecryptionError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('INTEGRITY', message, options);
  }
}
