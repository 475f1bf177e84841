import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { VaultHeaderError } from '../../../src/platform/vault/vault-header';
import { WrongSecretError } from '../../../src/platform/vault/vault-keys';
import { hashTree } from '../../helpers/temp-dir';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

describe('vault lifecycle', () => {
  it('unlocks with the passphrase and with the recovery key, and sees the same data', async () => {
    const { vault, profile, ctx, recoveryKey } = await createTestVault();
    const { record, writer } = vault.startRecording({ title: 'Acme discovery', callType: 'discovery', policyHash: 'test-policy-hash' });
    writer.finish(new Uint8Array([1, 2, 3]));
    vault.close();

    const byPassphrase = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    expect(byPassphrase.recordings.list().map((r) => r.id)).toEqual([record.id]);
    byPassphrase.close();

    expect(recoveryKey).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{5}$/);
    const byRecovery = await OpenVault.unlock(profile, { kind: 'recovery-key', recoveryKey: recoveryKey.toLowerCase() }, ctx);
    expect(byRecovery.readRecording(record.id).chunks[0]?.data).toEqual(new Uint8Array([1, 2, 3]));
    byRecovery.close();
  });

  it('refuses a wrong passphrase with a clear error and changes no file in the vault', async () => {
    const { vault, profile, ctx } = await createTestVault();
    vault.startRecording({ title: 't', callType: 'demo', policyHash: 'test-policy-hash' }).writer.finish(new Uint8Array(10));
    vault.close();
    const before = hashTree(profile.vaultDir);

    const attempt = OpenVault.unlock(profile, { kind: 'passphrase', passphrase: 'granite ocelot lantern mosaic 43' }, ctx);
    await expect(attempt).rejects.toBeInstanceOf(WrongSecretError);
    await expect(attempt).rejects.toThrow(/doesn't open this vault/);
    expect(hashTree(profile.vaultDir)).toEqual(before);
  });

  it('refuses a recovery key with a typo before trying it, and a well-formed wrong one after', async () => {
    const { vault, profile, ctx, recoveryKey } = await createTestVault();
    vault.close();
    const typo = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(OpenVault.unlock(profile, { kind: 'recovery-key', recoveryKey: typo }, ctx)).rejects.toThrow(/typo|checksum/);
    const other = await createTestVault();
    other.vault.close();
    await expect(OpenVault.unlock(profile, { kind: 'recovery-key', recoveryKey: other.recoveryKey }, ctx)).rejects.toThrow(/recovery key doesn't open/);
  });

  it('reports a damaged header clearly, and an edited header after unlock', async () => {
    const { vault, profile, ctx } = await createTestVault();
    vault.close();
    const headerFile = path.join(profile.vaultDir, 'vault.json');
    const original = fs.readFileSync(headerFile, 'utf8');

    fs.writeFileSync(headerFile, original.slice(0, 100));
    await expect(OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx)).rejects.toThrow(/header is damaged/);

    const edited = JSON.parse(original) as { createdAt: string };
    edited.createdAt = '2001-01-01T00:00:00.000Z';
    fs.writeFileSync(headerFile, JSON.stringify(edited));
    const attempt = OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    await expect(attempt).rejects.toBeInstanceOf(VaultHeaderError);
    await expect(attempt).rejects.toThrow(/altered/);
  });

  it('changes the passphrase by re-wrapping only: old fails, new and recovery key work, data intact', async () => {
    const { vault, profile, ctx, recoveryKey } = await createTestVault();
    const { record, writer } = vault.startRecording({ title: 'x', callType: 'demo', policyHash: 'test-policy-hash' });
    writer.finish(new Uint8Array([9]));
    const dbBefore = fs.readFileSync(path.join(profile.vaultDir, 'recordings', `${record.id}.cvaf`));
    const next = 'velvet quarry saxophone ember 7';
    await vault.changePassphrase(next);
    vault.close();

    await expect(OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx)).rejects.toBeInstanceOf(WrongSecretError);
    const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: next }, ctx);
    expect(reopened.readRecording(record.id).chunks[0]?.data).toEqual(new Uint8Array([9]));
    expect(reopened.audit.entries().map((e) => e.event)).toContain('vault.passphrase_changed');
    reopened.close();
    const viaRecovery = await OpenVault.unlock(profile, { kind: 'recovery-key', recoveryKey }, ctx);
    viaRecovery.close();
    expect(fs.readFileSync(path.join(profile.vaultDir, 'recordings', `${record.id}.cvaf`))).toEqual(dbBefore);
  });

  it('keeps the Argon2id parameters in the header at no less than 256 MiB and 3 passes', async () => {
    const { vault, profile } = await createTestVault(PASSPHRASE, { kdf: 'production' });
    vault.close();
    const header = JSON.parse(fs.readFileSync(path.join(profile.vaultDir, 'vault.json'), 'utf8')) as { kdf: { opsLimit: number; memLimitBytes: number; alg: string } };
    expect(header.kdf.alg).toBe('argon2id13');
    expect(header.kdf.opsLimit).toBeGreaterThanOrEqual(3);
    expect(header.kdf.memLimitBytes).toBeGreaterThanOrEqual(256 * 1024 * 1024);
  });
});
