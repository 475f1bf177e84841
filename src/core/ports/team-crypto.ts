/**
 * The cryptography of team sharing as the app sees it (one adapter, src/platform/crypto/team-crypto.ts):
 * a member's Ed25519 signing and X25519 box key pairs, manifest signatures, a clip's fresh content
 * key (XChaCha20-Poly1305 secretstream) sealed to each reader's box key. Secret keys and content
 * keys never leave the device and are never logged; only public keys, signatures, sealed keys and
 * ciphertext go to the team server.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type SigningSecretKey = Brand<Uint8Array, 'SigningSecretKey'>;
export type BoxSecretKey = Brand<Uint8Array, 'BoxSecretKey'>;
/** A clip's one-time content key. Wipe it when done. */
export type ContentKey = Brand<Uint8Array, 'ContentKey'>;

export interface MemberKeys {
  readonly signingPublic: Uint8Array;
  readonly signingSecret: SigningSecretKey;
  readonly boxPublic: Uint8Array;
  readonly boxSecret: BoxSecretKey;
}

export interface TeamCrypto {
  newMemberKeys(): MemberKeys;
  /** Checks stored key bytes (from the vault) and brands them; throws DecryptionError if they are not keys. */
  memberKeysFrom(bytes: { signingPublic: Uint8Array; signingSecret: Uint8Array; boxPublic: Uint8Array; boxSecret: Uint8Array }): MemberKeys;
  sign(secret: SigningSecretKey, message: string): Uint8Array;
  verify(signature: Uint8Array, message: string, publicKey: Uint8Array): boolean;
  /** Hex BLAKE2b-256 over the key kind's domain prefix and the key (as the server computes it). */
  fingerprint(kind: 'signing' | 'box', publicKey: Uint8Array): string;
  sha256Hex(bytes: Uint8Array): string;
  /** A fresh content key and the clip encrypted under it (secretstream, 64 KiB messages). */
  encryptClip(plaintext: Uint8Array): { key: ContentKey; ciphertext: Uint8Array };
  /** Throws DecryptionError for a wrong key, altered, truncated or extended ciphertext. */
  decryptClip(key: ContentKey, ciphertext: Uint8Array): Uint8Array;
  /** The content key sealed (anonymous box) to one reader's X25519 public key. */
  sealKey(key: ContentKey, boxPublic: Uint8Array): Uint8Array;
  /** Throws DecryptionError when the sealed key is not for this key pair or was altered. */
  openSealedKey(sealed: Uint8Array, keys: MemberKeys): ContentKey;
  wipe(buffer: Uint8Array): void;
  /** Any short message sealed (anonymous box) to one reader's X25519 key: an organisation-wide deletion request's identifiers. */
  sealTo(message: Uint8Array, boxPublic: Uint8Array): Uint8Array;
  /** Throws DecryptionError when the message is not sealed to this key pair or was altered. */
  openSealed(sealed: Uint8Array, keys: MemberKeys): Uint8Array;
}
