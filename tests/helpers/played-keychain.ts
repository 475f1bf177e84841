import type { Crypto, SymmetricKey } from '../../src/core/ports/crypto';
import type { Keychain } from '../../src/core/ports/keychain';

/**
 * The test plays the OS keychain: it seals with a key of its own, as DPAPI or the Secret Service
 * would with the user's login key, and can be switched to another store, locked, or reset.
 */
export class PlayedKeychain implements Keychain {
  available = true;
  store: string;
  private key: SymmetricKey;
  rotated = false;

  constructor(private readonly crypto: Crypto, store = 'gnome_libsecret') {
    this.store = store;
    this.key = crypto.randomKey();
  }

  isAvailable = () => Promise.resolve(this.available);
  backend = () => this.store;
  encrypt = (plaintext: Uint8Array) => Promise.resolve(new Uint8Array(this.crypto.seal(this.key, plaintext, new Uint8Array())));
  decrypt = (ciphertext: Uint8Array) => Promise.resolve({ plaintext: this.crypto.open(this.key, ciphertext, new Uint8Array()), shouldReEncrypt: this.rotated });
  /** The user reset their keyring: everything sealed before no longer opens. */
  reset(): void {
    this.key = this.crypto.randomKey();
  }
}

