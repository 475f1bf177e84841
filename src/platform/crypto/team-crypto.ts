import { DecryptionError } from '../../core/ports/crypto';
import type { BoxSecretKey, ContentKey, MemberKeys, SigningSecretKey, TeamCrypto } from '../../core/ports/team-crypto';
import { fingerprintPrefix } from '../../shared/team/signing';
import { concat } from './sodium-crypto';
import { loadSodium, type Sodium } from './sodium';

/** Plaintext bytes per secretstream message; the last message carries TAG_FINAL. */
const CLIP_CHUNK = 64 * 1024;
const utf8 = (text: string) => new TextEncoder().encode(text);

class SodiumTeamCrypto implements TeamCrypto {
  constructor(private readonly na: Sodium) {}

  newMemberKeys(): MemberKeys {
    const signing = this.na.crypto_sign_keypair();
    const box = this.na.crypto_box_keypair();
    return { signingPublic: signing.publicKey, signingSecret: signing.privateKey as SigningSecretKey, boxPublic: box.publicKey, boxSecret: box.privateKey as BoxSecretKey };
  }

  memberKeysFrom(bytes: { signingPublic: Uint8Array; signingSecret: Uint8Array; boxPublic: Uint8Array; boxSecret: Uint8Array }): MemberKeys {
    const na = this.na;
    if (
      bytes.signingPublic.length !== na.crypto_sign_PUBLICKEYBYTES ||
      bytes.signingSecret.length !== na.crypto_sign_SECRETKEYBYTES ||
      bytes.boxPublic.length !== na.crypto_box_PUBLICKEYBYTES ||
      bytes.boxSecret.length !== na.crypto_box_SECRETKEYBYTES
    ) {
      throw new DecryptionError('The team keys stored in this vault are damaged: enrol this device again.');
    }
    // The secret halves must belong to the public halves the server knows.
    const signingPublic = na.crypto_sign_ed25519_sk_to_pk(bytes.signingSecret);
    const boxPublic = na.crypto_scalarmult_base(bytes.boxSecret);
    if (!na.memcmp(signingPublic, bytes.signingPublic) || !na.memcmp(boxPublic, bytes.boxPublic)) {
      throw new DecryptionError('The team keys stored in this vault do not match: enrol this device again.');
    }
    return { signingPublic: bytes.signingPublic, signingSecret: bytes.signingSecret as SigningSecretKey, boxPublic: bytes.boxPublic, boxSecret: bytes.boxSecret as BoxSecretKey };
  }

  sign(secret: SigningSecretKey, message: string): Uint8Array {
    return this.na.crypto_sign_detached(utf8(message), secret);
  }

  verify(signature: Uint8Array, message: string, publicKey: Uint8Array): boolean {
    if (signature.length !== this.na.crypto_sign_BYTES || publicKey.length !== this.na.crypto_sign_PUBLICKEYBYTES) {
      return false;
    }
    try {
      return this.na.crypto_sign_verify_detached(signature, utf8(message), publicKey);
    } catch {
      return false;
    }
  }

  fingerprint(kind: 'signing' | 'box', publicKey: Uint8Array): string {
    return this.na.to_hex(this.na.crypto_generichash(32, concat(utf8(fingerprintPrefix(kind)), publicKey), null));
  }

  sha256Hex(bytes: Uint8Array): string {
    return this.na.to_hex(this.na.crypto_hash_sha256(bytes));
  }

  encryptClip(plaintext: Uint8Array): { key: ContentKey; ciphertext: Uint8Array } {
    const na = this.na;
    const key = na.crypto_secretstream_xchacha20poly1305_keygen() as ContentKey;
    const { state, header } = na.crypto_secretstream_xchacha20poly1305_init_push(key);
    const parts: Uint8Array[] = [header];
    let offset = 0;
    for (;;) {
      const last = offset + CLIP_CHUNK >= plaintext.length;
      const tag = last ? na.crypto_secretstream_xchacha20poly1305_TAG_FINAL : na.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      parts.push(na.crypto_secretstream_xchacha20poly1305_push(state, plaintext.subarray(offset, offset + CLIP_CHUNK), null, tag));
      if (last) {
        break;
      }
      offset += CLIP_CHUNK;
    }
    return { key, ciphertext: concat(...parts) };
  }

  decryptClip(key: ContentKey, ciphertext: Uint8Array): Uint8Array {
    const na = this.na;
    const headerBytes = na.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
    if (ciphertext.length < headerBytes + na.crypto_secretstream_xchacha20poly1305_ABYTES) {
      throw new DecryptionError('The shared clip is truncated.');
    }
    const out: Uint8Array[] = [];
    const step = CLIP_CHUNK + na.crypto_secretstream_xchacha20poly1305_ABYTES;
    try {
      const state = na.crypto_secretstream_xchacha20poly1305_init_pull(ciphertext.subarray(0, headerBytes), key);
      let offset = headerBytes;
      for (;;) {
        const piece = na.crypto_secretstream_xchacha20poly1305_pull(state, ciphertext.subarray(offset, offset + step), null);
        if (piece === false) {
          throw new Error('pull failed');
        }
        out.push(piece.message);
        offset += step;
        if (piece.tag === na.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
          if (offset < ciphertext.length) {
            throw new Error('bytes after the final message');
          }
          return concat(...out);
        }
        if (offset >= ciphertext.length) {
          throw new Error('no final message');
        }
      }
    } catch (cause) {
      throw new DecryptionError('The shared clip does not decrypt: it was altered, truncated or is not for this key.', { cause });
    }
  }

  sealKey(key: ContentKey, boxPublic: Uint8Array): Uint8Array {
    return this.na.crypto_box_seal(key, boxPublic);
  }

  sealTo(message: Uint8Array, boxPublic: Uint8Array): Uint8Array {
    return this.na.crypto_box_seal(message, boxPublic);
  }

  openSealed(sealed: Uint8Array, keys: MemberKeys): Uint8Array {
    try {
      return this.na.crypto_box_seal_open(sealed, keys.boxPublic, keys.boxSecret);
    } catch (cause) {
      throw new DecryptionError('The message sealed to you does not open: it is not for this device, or it was altered.', { cause });
    }
  }

  openSealedKey(sealed: Uint8Array, keys: MemberKeys): ContentKey {
    let key: Uint8Array;
    try {
      key = this.na.crypto_box_seal_open(sealed, keys.boxPublic, keys.boxSecret);
    } catch (cause) {
      throw new DecryptionError('The clip key sealed to you does not open: it is not for this device, or it was altered.', { cause });
    }
    if (key.length !== this.na.crypto_secretstream_xchacha20poly1305_KEYBYTES) {
      throw new DecryptionError('The clip key sealed to you is not a key.');
    }
    return key as ContentKey;
  }

  wipe(buffer: Uint8Array): void {
    this.na.memzero(buffer);
  }
}

export async function createTeamCrypto(): Promise<TeamCrypto> {
  return new SodiumTeamCrypto(await loadSodium());
}
