import { safeStorage } from 'electron';
import type { Keychain } from '../../src/core/ports/keychain';

/**
 * The Keychain port over Electron's safeStorage: the macOS Keychain, Windows DPAPI, or on Linux
 * whichever store Chromium selected (possibly `basic_text`, which protects nothing — the
 * device-unlock policy refuses it). Use only after the app is ready.
 *
 * safeStorage encrypts strings, so the key crosses it as base64 text; that string cannot be wiped
 * and lives until garbage collection. It is never logged or stored.
 */
/** On macOS and Windows safeStorage always uses the OS store; Linux reports which one it chose. */
const OS_STORES: Partial<Record<NodeJS.Platform, string>> = { darwin: 'macos_keychain', win32: 'windows_dpapi' };

export function createSafeStorageKeychain(platform: NodeJS.Platform = process.platform): Keychain {
  return {
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    backend: () => {
      if (platform === 'linux') {
        return safeStorage.getSelectedStorageBackend();
      }
      return OS_STORES[platform] ?? 'unknown';
    },
    encrypt: async (plaintext) => new Uint8Array(await safeStorage.encryptStringAsync(Buffer.from(plaintext).toString('base64'))),
    decrypt: async (ciphertext) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(ciphertext));
      return { plaintext: new Uint8Array(Buffer.from(result, 'base64')), shouldReEncrypt };
    },
  };
}
