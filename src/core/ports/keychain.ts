/**
 * The operating system's secret store, as the vault sees it (Electron's safeStorage in the
 * desktop app). It protects one thing: a wrapped vault master key for device unlock.
 *
 * Never log, persist or send anywhere the plaintext given to `encrypt` or returned by `decrypt`:
 * it is the vault master key. The ciphertext may be stored on this device only.
 */
export interface Keychain {
  /** Whether the store can encrypt right now (false before the app is ready, or with no keyring). */
  isAvailable(): Promise<boolean>;
  /**
   * The store that protects the secret: `macos_keychain`, `windows_dpapi`, or on Linux one of
   * `gnome_libsecret`, `kwallet`, `kwallet5`, `kwallet6`, `basic_text` (a key kept in plain
   * text: no protection at all) or `unknown`.
   */
  backend(): string;
  /** Throws when the store cannot encrypt. */
  encrypt(plaintext: Uint8Array): Promise<Uint8Array>;
  /**
   * Throws when the ciphertext was not made by this store for this user. `shouldReEncrypt`
   * says the store rotated its key: encrypt the plaintext again and replace the stored copy.
   */
  decrypt(ciphertext: Uint8Array): Promise<KeychainDecryption>;
}

export interface KeychainDecryption {
  readonly plaintext: Uint8Array;
  readonly shouldReEncrypt: boolean;
}
