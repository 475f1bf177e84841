import {
  DecryptionError,
  type Argon2idParams,
  type Crypto,
  type Mac,
  type SigningSecretKey,
  type Sealed,
  type SubkeyPurpose,
  type SymmetricKey,
} from '../../core/ports/crypto';
import { assertNever } from '../../shared/assert';
import { ARGON2ID_DEFAULTS, deriveInWorker } from './passphrase-kdf';
import { loadSodium, type Sodium } from './sodium';

/** Envelope format version; bump it when the layout below changes. */
const ENVELOPE_V1 = 1;
const NONCE_BYTES = 24;
const KEY_BYTES = 32;
const KDF_CONTEXT = 'CVvault1';

function subkeyId(purpose: SubkeyPurpose): number {
  switch (purpose.kind) {
    case 'database':
      return 1;
    case 'audit-mac':
      return 2;
    case 'header-mac':
      return 3;
    case 'settings':
      return 4;
    case 'recording-wrap':
      if (!Number.isSafeInteger(purpose.epoch) || purpose.epoch < 0) {
        throw new Error('A recording-wrap epoch must be a non-negative integer.');
      }
      return 1000 + purpose.epoch;
    default:
      return assertNever(purpose);
  }
}

class SodiumCrypto implements Crypto {
  constructor(private readonly na: Sodium) {}

  randomBytes(length: number): Uint8Array {
    return this.na.randombytes_buf(length);
  }

  randomKey(): SymmetricKey {
    return this.na.randombytes_buf(32) as SymmetricKey;
  }

  deriveKeyFromPassphrase(passphrase: string, params: Argon2idParams): Promise<SymmetricKey> {
    return deriveInWorker(passphrase, params);
  }

  newArgon2idParams(): Argon2idParams {
    return {
      alg: 'argon2id13',
      opsLimit: ARGON2ID_DEFAULTS.opsLimit,
      memLimitBytes: ARGON2ID_DEFAULTS.memLimitBytes,
      salt: this.na.to_hex(this.na.randombytes_buf(this.na.crypto_pwhash_SALTBYTES)),
    };
  }

  deriveKeyFromHighEntropy(secret: Uint8Array, context: string): SymmetricKey {
    const personal = this.na.crypto_generichash(32, new TextEncoder().encode(`callvault:${context}`), null);
    return this.na.crypto_generichash(32, secret, personal) as SymmetricKey;
  }

  deriveSubkey(master: SymmetricKey, purpose: SubkeyPurpose): SymmetricKey {
    return this.na.crypto_kdf_derive_from_key(32, subkeyId(purpose), KDF_CONTEXT, master) as SymmetricKey;
  }

  seal(key: SymmetricKey, plaintext: Uint8Array, ad: Uint8Array): Sealed {
    // The same source libsodium's randombytes uses (Web Crypto's CSPRNG), in one call: its JS
    // build asks for 32 bits at a time, which made sealing many small values (search snippets) slow.
    const nonce = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const header = new Uint8Array(1 + NONCE_BYTES);
    header[0] = ENVELOPE_V1;
    header.set(nonce, 1);
    // The version byte is authenticated too, so it cannot be swapped for another format's.
    const body = this.na.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, concat(header.subarray(0, 1), ad), null, nonce, key);
    return concat(header, body) as Sealed;
  }

  open(key: SymmetricKey, sealed: Uint8Array, ad: Uint8Array): Uint8Array {
    if (sealed.length < 1 + NONCE_BYTES + 16 || sealed[0] !== ENVELOPE_V1) {
      throw new DecryptionError('Not a CallVault v1 envelope.');
    }
    try {
      return this.na.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        sealed.subarray(1 + NONCE_BYTES),
        concat(sealed.subarray(0, 1), ad),
        sealed.subarray(1, 1 + NONCE_BYTES),
        key,
      );
    } catch {
      throw new DecryptionError('Decryption failed: wrong key, or the data was altered.');
    }
  }

  openKey(key: SymmetricKey, sealed: Uint8Array, ad: Uint8Array): SymmetricKey {
    return this.keyFromBytes(this.open(key, sealed, ad));
  }

  keyFromBytes(bytes: Uint8Array): SymmetricKey {
    if (bytes.length !== KEY_BYTES) {
      throw new DecryptionError('Not a key: a CallVault key is 32 bytes.');
    }
    return bytes as SymmetricKey;
  }

  mac(key: SymmetricKey, message: Uint8Array): Mac {
    return this.na.crypto_auth(message, key) as Mac;
  }

  verifyMac(key: SymmetricKey, mac: Uint8Array, message: Uint8Array): boolean {
    return mac.length === this.na.crypto_auth_BYTES && this.na.crypto_auth_verify(mac, message, key);
  }

  newSigningKeyPair(): { readonly publicKey: Uint8Array; readonly secretKey: SigningSecretKey } {
    const pair = this.na.crypto_sign_keypair();
    return { publicKey: pair.publicKey, secretKey: pair.privateKey as SigningSecretKey };
  }

  sign(secretKey: SigningSecretKey, message: Uint8Array): Uint8Array {
    return this.na.crypto_sign_detached(message, secretKey);
  }

  signingKeyFromBytes(bytes: Uint8Array): { readonly publicKey: Uint8Array; readonly secretKey: SigningSecretKey } {
    if (bytes.length !== this.na.crypto_sign_SECRETKEYBYTES) {
      throw new DecryptionError('The stored signing key is not an Ed25519 secret key.');
    }
    return { publicKey: this.na.crypto_sign_ed25519_sk_to_pk(bytes), secretKey: Uint8Array.from(bytes) as SigningSecretKey };
  }

  verifySignature(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): boolean {
    if (signature.length !== this.na.crypto_sign_BYTES || publicKey.length !== this.na.crypto_sign_PUBLICKEYBYTES) {
      return false;
    }
    try {
      return this.na.crypto_sign_verify_detached(signature, message, publicKey);
    } catch {
      return false;
    }
  }

  hash(message: Uint8Array): Uint8Array {
    return this.na.crypto_generichash(32, message, null);
  }

  shortHash(key: Uint8Array, message: Uint8Array): Uint8Array {
    if (key.length !== this.na.crypto_shorthash_KEYBYTES) {
      throw new Error(`A short-hash key must be ${this.na.crypto_shorthash_KEYBYTES} bytes.`);
    }
    return this.na.crypto_shorthash(message, key);
  }

  constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
    return a.length === b.length && this.na.memcmp(a, b);
  }

  wipe(buffer: Uint8Array): void {
    this.na.memzero(buffer);
  }

  boxKeyPairFromSeed(seed: Uint8Array): { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array } {
    if (seed.length !== this.na.crypto_box_SEEDBYTES) {
      throw new Error('A box key seed must be 32 bytes.');
    }
    const pair = this.na.crypto_box_seed_keypair(seed);
    return { publicKey: pair.publicKey, secretKey: pair.privateKey };
  }

  sealToPublicKey(publicKey: Uint8Array, message: Uint8Array): Uint8Array {
    return this.na.crypto_box_seal(message, publicKey);
  }

  openSealedBox(keyPair: { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array }, sealed: Uint8Array): Uint8Array {
    try {
      return this.na.crypto_box_seal_open(sealed, keyPair.publicKey, keyPair.secretKey);
    } catch (cause) {
      throw new DecryptionError('The sealed box does not open: it is not for this key, or it was altered.', { cause });
    }
  }
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export async function createCrypto(): Promise<Crypto> {
  return new SodiumCrypto(await loadSodium());
}
