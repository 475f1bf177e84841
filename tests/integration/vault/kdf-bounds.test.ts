import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { ARGON2ID_DEFAULTS, assertKdfParamsInBounds, KdfParamsError, kdfWorkerActivity, TEST_KDF_ENV, TEST_WEAK_ARGON2ID } from '../../../src/platform/crypto/passphrase-kdf';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

const secret = { kind: 'passphrase', passphrase: PASSPHRASE } as const;

describe('Argon2id: one derivation at a time, and only within sane bounds', () => {
  it('runs ten parallel unlocks one key derivation at a time', async () => {
    const { vault, profile, ctx } = await createTestVault();
    vault.close();
    const before = kdfWorkerActivity();
    expect(before.running).toBe(0);
    const vaults = await Promise.all(Array.from({ length: 10 }, () => OpenVault.unlock(profile, secret, ctx).then((v) => { v.close(); return v; })));
    const after = kdfWorkerActivity();
    expect(vaults).toHaveLength(10);
    expect(after.started - before.started).toBe(10);
    expect(after.maxRunning).toBe(1);
  });

  it('refuses out-of-bounds parameters in the header as tampering, fast and before Argon2id runs', async () => {
    const { vault, profile, ctx } = await createTestVault();
    vault.close();
    const headerFile = path.join(profile.vaultDir, 'vault.json');
    const original = fs.readFileSync(headerFile, 'utf8');
    for (const kdf of [{ memLimitBytes: 2 * 1024 ** 3 }, { opsLimit: 64 }, { memLimitBytes: 16 * 1024, opsLimit: 1 }]) {
      const header = JSON.parse(original) as { kdf: Record<string, unknown> };
      fs.writeFileSync(headerFile, JSON.stringify({ ...header, kdf: { ...header.kdf, ...kdf } }));
      const started = kdfWorkerActivity().started;
      const t0 = Date.now();
      const attempt = OpenVault.unlock(profile, secret, ctx);
      await expect(attempt, JSON.stringify(kdf)).rejects.toMatchObject({ code: 'VAULT_HEADER_TAMPERED', message: expect.stringMatching(/vault\.json was altered/) as unknown });
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(kdfWorkerActivity().started).toBe(started);
    }
    fs.writeFileSync(headerFile, original);
    (await OpenVault.unlock(profile, secret, ctx)).close();
  });

  it('keeps the production defaults inside the bounds, and refuses the weak test profile without the test flag', async () => {
    expect(() => { assertKdfParamsInBounds(ARGON2ID_DEFAULTS, {}); }).not.toThrow();
    expect(() => { assertKdfParamsInBounds(TEST_WEAK_ARGON2ID, {}); }).toThrow(KdfParamsError);
    expect(() => { assertKdfParamsInBounds(TEST_WEAK_ARGON2ID, { [TEST_KDF_ENV]: 'weak' }); }).not.toThrow();

    // A weak-profile vault made by a test opens only while the flag is set, like a production process.
    const { vault, profile, ctx } = await createTestVault();
    vault.close();
    const flag = process.env[TEST_KDF_ENV];
    delete process.env.CALLVAULT_TEST_KDF;
    try {
      await expect(OpenVault.unlock(profile, secret, ctx)).rejects.toMatchObject({ code: 'VAULT_HEADER_TAMPERED' });
      await expect(createTestVault()).rejects.toThrow(/only for tests/);
    } finally {
      process.env[TEST_KDF_ENV] = flag;
    }
  });
});
