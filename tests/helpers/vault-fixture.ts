import { createCrypto } from '../../src/platform/crypto/sodium-crypto';
import { TEST_KDF_ENV } from '../../src/platform/crypto/passphrase-kdf';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { OpenVault, type VaultContext } from '../../src/app/vault/open-vault';
import { tempDir } from './temp-dir';

export const PASSPHRASE = 'granite ocelot lantern mosaic 42';

// TEST ONLY: lets this process (and the CLI and host processes it starts, which inherit the
// environment) create and open vaults with the weak Argon2id profile. Nothing in the app sets it.
process.env[TEST_KDF_ENV] = 'weak';

/**
 * A context whose new vaults use the weak test KDF (8 MiB, 1 pass) unless `kdf: 'production'`
 * is asked for: only tests about the production KDF itself need 256 MiB and 3 passes.
 */
export async function vaultContext(options: { kdf?: 'production' | 'test-weak' } = {}): Promise<VaultContext> {
  return { crypto: await createCrypto(), now: () => new Date(), kdfProfile: options.kdf ?? 'test-weak' };
}

/** A real vault in a temp directory, created through the real code path. */
export async function createTestVault(passphrase = PASSPHRASE, options: { kdf?: 'production' | 'test-weak' } = {}) {
  const ctx = await vaultContext(options);
  const home = tempDir();
  const profiles = new ProfileStore(home);
  const profile = profiles.create('Test Rep');
  const { vault, recoveryKey } = await OpenVault.create(profile, passphrase, ctx);
  return { ctx, home, profiles, profile, vault, recoveryKey };
}
