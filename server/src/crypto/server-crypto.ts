import { createHash } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import type { Crypto, Mac, SymmetricKey } from '../../../src/core/ports/crypto';
import { fingerprintPrefix } from '../../../src/shared/team/signing';

/**
 * The team server's only libsodium importer. The server verifies signatures and hashes; it
 * never holds a key that opens a clip. Its secrets are the audit MAC key and the organisation's
 * admin signing key, which signs the roster and the policy publication.
 */
export type ChainCrypto = Pick<Crypto, 'hash' | 'mac' | 'verifyMac' | 'constantTimeEqual'>;

/** The organisation's admin key (Ed25519): signs rosters and policy publications. */
export interface OrgSigner {
  readonly publicKey: Uint8Array;
  sign(message: string): Uint8Array;
}

export interface ServerCrypto extends ChainCrypto {
  /** The admin key pair from its 32-byte seed. */
  orgSigner(seed: Uint8Array): OrgSigner;
  randomBytes(length: number): Uint8Array;
  /** Ed25519 detached signature check; false for any malformed input, never a throw. */
  verifySignature(signature: Uint8Array, message: string, publicKey: Uint8Array): boolean;
  fingerprint(kind: 'signing' | 'box', publicKey: Uint8Array): string;
  sha256Hex(bytes: Uint8Array): string;
  auditKey(bytes: Uint8Array): SymmetricKey;
}

export async function loadServerCrypto(): Promise<ServerCrypto> {
  await sodium.ready;
  const na = sodium;
  const encoder = new TextEncoder();
  return {
    randomBytes: (length) => na.randombytes_buf(length),
    orgSigner(seed) {
      if (seed.length !== na.crypto_sign_SEEDBYTES) {
        throw new Error(`The organisation key seed must be ${na.crypto_sign_SEEDBYTES} bytes.`);
      }
      const pair = na.crypto_sign_seed_keypair(seed);
      return { publicKey: pair.publicKey, sign: (message) => na.crypto_sign_detached(encoder.encode(message), pair.privateKey) };
    },
    verifySignature(signature, message, publicKey) {
      if (signature.length !== na.crypto_sign_BYTES || publicKey.length !== na.crypto_sign_PUBLICKEYBYTES) {
        return false;
      }
      try {
        return na.crypto_sign_verify_detached(signature, encoder.encode(message), publicKey);
      } catch {
        return false;
      }
    },
    fingerprint(kind, publicKey) {
      const prefix = encoder.encode(fingerprintPrefix(kind));
      const input = new Uint8Array(prefix.length + publicKey.length);
      input.set(prefix, 0);
      input.set(publicKey, prefix.length);
      return na.to_hex(na.crypto_generichash(32, input, null));
    },
    sha256Hex: (bytes) => createHash('sha256').update(bytes).digest('hex'),
    hash: (message) => na.crypto_generichash(32, message, null),
    mac: (key, message) => na.crypto_auth(message, key) as Mac,
    verifyMac: (key, mac, message) => mac.length === na.crypto_auth_BYTES && na.crypto_auth_verify(mac, message, key),
    constantTimeEqual: (a, b) => a.length === b.length && na.memcmp(a, b),
    auditKey(bytes) {
      if (bytes.length !== na.crypto_auth_KEYBYTES) {
        throw new Error(`The audit key must be ${na.crypto_auth_KEYBYTES} bytes.`);
      }
      return bytes as SymmetricKey;
    },
  };
}
