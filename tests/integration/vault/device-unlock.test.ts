import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SymmetricKey } from '../../../src/core/ports/crypto';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { DEVICE_UNLOCK_FILE, DeviceUnlock } from '../../../src/app/vault/device-unlock';
import { ProfileStore, type Profile } from '../../../src/platform/vault/profile-store';
import { unwrapMasterKey } from '../../../src/platform/vault/vault-keys';
import { PlayedKeychain } from '../../helpers/played-keychain';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

describe('device unlock (OS keychain wrapping the vault master key)', () => {
  let fixture: Awaited<ReturnType<typeof createTestVault>>;
  let profile: Profile;
  let masterKey: SymmetricKey;
  let vaultId: string;
  const enrolmentFile = () => path.join(profile.dir, DEVICE_UNLOCK_FILE);

  let home: string;

  // One real vault for the file (Argon2id is slow), kept in a directory of our own because the
  // shared temp directories are removed after every test. Tests change only the enrolment file.
  beforeAll(async () => {
    fixture = await createTestVault();
    vaultId = fixture.vault.vaultId;
    fixture.vault.close();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-device-unlock-'));
    fs.cpSync(fixture.home, home, { recursive: true });
    profile = new ProfileStore(home).get(fixture.profile.id);
    ({ masterKey } = await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, fixture.ctx.crypto));
  });

  afterAll(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });

  const setup = (store?: string) => {
    const keychain = new PlayedKeychain(fixture.ctx.crypto, store);
    const device = new DeviceUnlock(keychain, fixture.ctx.crypto, () => new Date('2030-01-02T03:04:05Z'));
    device.forget(profile);
    return { keychain, device };
  };

  it('recalls the master key that opens the vault, and stores it only wrapped', async () => {
    const { device } = setup();
    await device.enrol(profile, vaultId, masterKey);
    const stored = fs.readFileSync(enrolmentFile(), 'utf8');
    expect(stored).not.toContain(Buffer.from(masterKey).toString('base64'));
    expect(stored).not.toContain(Buffer.from(masterKey).toString('hex'));
    expect(JSON.parse(stored)).toMatchObject({ format: 'callvault-device-unlock', version: 1, vaultId, backend: 'gnome_libsecret' });

    const recalled = await device.recall(profile);
    expect(recalled.kind).toBe('unlocked');
    if (recalled.kind === 'unlocked') {
      expect(Buffer.from(recalled.masterKey).equals(Buffer.from(masterKey))).toBe(true);
    }
    // The passphrase still opens the vault as before: device unlock adds a way in, changes nothing.
    (await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, fixture.ctx)).close();
  });

  it("refuses to enrol with Linux's plain-text store or an unknown one, and writes nothing", async () => {
    for (const store of ['basic_text', 'unknown']) {
      const { device } = setup(store);
      await expect(device.enrol(profile, vaultId, masterKey)).rejects.toThrow(/plain text|does not recognise/);
      expect(fs.existsSync(enrolmentFile())).toBe(false);
    }
  });

  it('asks for the passphrase again, and forgets the enrolment, when the store changed', async () => {
    const { keychain, device } = setup('gnome_libsecret');
    await device.enrol(profile, vaultId, masterKey);
    keychain.store = 'kwallet6';
    const recalled = await device.recall(profile);
    expect(recalled).toMatchObject({ kind: 'ask-for-passphrase', decision: { reason: 'backend-changed' } });
    expect(fs.existsSync(enrolmentFile())).toBe(false);
  });

  it('asks for the passphrase but keeps the enrolment while the keyring is locked', async () => {
    const { keychain, device } = setup('kwallet5');
    await device.enrol(profile, vaultId, masterKey);
    keychain.available = false;
    expect(await device.recall(profile)).toMatchObject({ kind: 'ask-for-passphrase', decision: { reason: 'keychain-unavailable' } });
    expect(fs.existsSync(enrolmentFile())).toBe(true);
    keychain.available = true;
    expect((await device.recall(profile)).kind).toBe('unlocked');
  });

  it('forgets an enrolment the keychain can no longer decrypt (keyring reset)', async () => {
    const { keychain, device } = setup();
    await device.enrol(profile, vaultId, masterKey);
    keychain.reset();
    expect(await device.recall(profile)).toMatchObject({ kind: 'ask-for-passphrase', decision: { reason: 'enrolment-broken' } });
    expect(fs.existsSync(enrolmentFile())).toBe(false);
  });

  it('refuses a wrapped key that is not this vault’s master key (planted or swapped enrolment)', async () => {
    const { device } = setup();
    await device.enrol(profile, vaultId, fixture.ctx.crypto.randomKey());
    expect(await device.recall(profile)).toMatchObject({ kind: 'ask-for-passphrase', decision: { reason: 'enrolment-broken' } });
    expect(fs.existsSync(enrolmentFile())).toBe(false);
  });

  it('refuses an enrolment made for another vault, even with a genuine key', async () => {
    const { device } = setup();
    await device.enrol(profile, '00000000-0000-4000-8000-000000000000', masterKey);
    expect(await device.recall(profile)).toMatchObject({ kind: 'ask-for-passphrase', decision: { reason: 'enrolment-broken' } });
  });

  it('removes a damaged enrolment file instead of failing the unlock screen', async () => {
    const { device } = setup();
    fs.writeFileSync(enrolmentFile(), '{"format":"callvault-device-unlock","version":1');
    expect(await device.recall(profile)).toMatchObject({ kind: 'ask-for-passphrase', decision: { reason: 'not-enrolled' } });
    expect(fs.existsSync(enrolmentFile())).toBe(false);
  });

  it('re-wraps the key when the keychain says it rotated its own key', async () => {
    const { keychain, device } = setup();
    await device.enrol(profile, vaultId, masterKey);
    const before = fs.readFileSync(enrolmentFile(), 'utf8');
    keychain.rotated = true;
    expect((await device.recall(profile)).kind).toBe('unlocked');
    expect(fs.readFileSync(enrolmentFile(), 'utf8')).not.toBe(before);
  });
});
