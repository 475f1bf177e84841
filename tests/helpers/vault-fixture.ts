import { createCrypto } from '../../src/platform/crypto/sodium-crypto';
import { ProfileStore } from '../../src/platform/vault/profile-store';
import { OpenVault, type VaultContext } from '../../src/app/vault/open-vault';
import { tempDir } from './temp-dir';

export const PASSPHRASE = 'granite ocelot lantern mosaic 42';

export async function vaultContext(): Promise<VaultContext> {
  return { crypto: await createCrypto(), now: () => new Date() };
}

/** A real vault in a temp directory, created through the real code path. */
export async function createTestVault(passphrase = PASSPHRASE) {
  const ctx = await vaultContext();
  const home = tempDir();
  const profiles = new ProfileStore(home);
  const profile = profiles.create('Test Rep');
  const { vault, recoveryKey } = await OpenVault.create(profile, passphrase, ctx);
  return { ctx, home, profiles, profile, vault, recoveryKey };
}
