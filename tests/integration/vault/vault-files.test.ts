import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileWithVault } from '../../../src/app/vault/create-profile-vault';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { TEST_KDF_ENV } from '../../../src/platform/crypto/passphrase-kdf';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { runCliCapture } from '../../helpers/cli-runner';
import { tempDir } from '../../helpers/temp-dir';
import { createTestVault, PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('vault files on disk', () => {
  it('creates vault.db and its -wal and -shm owner-only (0600) whatever the umask', async () => {
    const previous = process.umask(0o022);
    try {
      const { vault, profile } = await createTestVault();
      const files = ['vault.db', 'vault.db-wal', 'vault.db-shm'].map((f) => path.join(profile.vaultDir, f));
      expect(files.map((f) => [path.basename(f), modeOf(f)])).toEqual(files.map((f) => [path.basename(f), 0o600]));
      vault.close();
      expect(modeOf(files[0]!)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('leaves no half-made profile when `vault init` refuses a weak passphrase', async () => {
    const home = tempDir();
    const result = await runCliCapture(['vault', 'init', '--name-file', '-'], { CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: 'password123' }, 'Wendy\n');
    expect(result.code).toBe(2);
    expect(fs.existsSync(path.join(home, 'profiles')) ? fs.readdirSync(path.join(home, 'profiles')) : []).toEqual([]);
  });

  it('removes the profile and every vault file when creation fails part-way', async () => {
    const home = tempDir();
    const profiles = new ProfileStore(home);
    const flag = process.env[TEST_KDF_ENV];
    delete process.env.CALLVAULT_TEST_KDF; // the weak test profile is then refused inside the creation
    try {
      await expect(createProfileWithVault(profiles, 'Fay', PASSPHRASE, await vaultContext())).rejects.toThrow(/only for tests/);
    } finally {
      process.env[TEST_KDF_ENV] = flag;
    }
    expect(fs.readdirSync(path.join(home, 'profiles'))).toEqual([]);

    // A failure after the database exists (its path is taken by a directory) leaves the profile as it was.
    const profile = profiles.create('Gus');
    fs.mkdirSync(path.join(profile.vaultDir, 'vault.db', 'x'), { recursive: true });
    fs.rmSync(path.join(profile.vaultDir, 'vault.db'), { recursive: true });
    fs.mkdirSync(path.join(profile.vaultDir, 'vault.db-wal'));
    await expect(OpenVault.create(profile, PASSPHRASE, await vaultContext())).rejects.toThrow();
    expect(fs.readdirSync(profile.vaultDir).filter((f) => f !== 'vault.db-wal')).toEqual([]);
    expect(profiles.hasVault(profile)).toBe(false);
  });
});
