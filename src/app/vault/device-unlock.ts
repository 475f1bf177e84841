import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Crypto, SymmetricKey } from '../../core/ports/crypto';
import type { Keychain } from '../../core/ports/keychain';
import { decideDeviceUnlock, describeDeviceUnlockDecision, mayOfferDeviceUnlock, type DeviceUnlockDecision, type DeviceUnlockOffer, type KeychainState } from '../../core/vault/device-unlock-policy';
import { writeFileAtomic } from '../../platform/vault/atomic-file';
import type { Profile } from '../../platform/vault/profile-store';
import { headerMacInput, readVaultHeader } from '../../platform/vault/vault-header';
import { headerPath } from '../../platform/vault/vault-keys';
import { AppFailure } from '../app-failure';

export const DEVICE_UNLOCK_FILE = 'device-unlock.json';

/** device-unlock.json, next to the vault: the master key as only the OS keychain can read it. */
const Enrolment = z
  .object({
    format: z.literal('callvault-device-unlock'),
    version: z.literal(1),
    vaultId: z.uuid(),
    backend: z.string().min(1).max(64),
    createdAt: z.string(),
    wrappedKey: z.string().min(1).max(4096),
  })
  .strict();
type Enrolment = z.infer<typeof Enrolment>;

export type DeviceRecall =
  | { readonly kind: 'unlocked'; readonly masterKey: SymmetricKey }
  | { readonly kind: 'ask-for-passphrase'; readonly decision: DeviceUnlockDecision & { kind: 'ask-for-passphrase' }; readonly message: string };

const KEY_BYTES = 32;

/**
 * Device unlock: the vault master key wrapped by the OS keychain, so a trusted device can open
 * the vault without the passphrase. The policy decides when that is allowed; this class keeps
 * the enrolment file and proves a recalled key genuine (it must verify the vault header's MAC)
 * before anyone uses it. Any enrolment that fails a check is deleted, never retried.
 */
export class DeviceUnlock {
  constructor(
    private readonly keychain: Keychain,
    private readonly crypto: Crypto,
    private readonly now: () => Date,
  ) {}

  async keychainState(): Promise<KeychainState> {
    return { available: await this.keychain.isAvailable(), backend: this.keychain.backend() };
  }

  async offer(): Promise<DeviceUnlockOffer> {
    return mayOfferDeviceUnlock(await this.keychainState());
  }

  isEnrolled(profile: Profile): boolean {
    return fs.existsSync(enrolmentPath(profile));
  }

  /** Turns device unlock on. Refused (and nothing written) unless the policy offers it. */
  async enrol(profile: Profile, vaultId: string, masterKey: SymmetricKey): Promise<void> {
    const state = await this.keychainState();
    const offer = mayOfferDeviceUnlock(state);
    if (!offer.offer) {
      throw new AppFailure('BAD_REQUEST', describeDeviceUnlockDecision({ kind: 'ask-for-passphrase', reason: offer.reason, forgetEnrolment: false }));
    }
    await this.write(profile, { vaultId, backend: state.backend, masterKey });
  }

  /** The master key if this device may and can unlock the vault; otherwise why the passphrase is needed. */
  async recall(profile: Profile): Promise<DeviceRecall> {
    const enrolment = this.read(profile);
    const state = await this.keychainState();
    const decision = decideDeviceUnlock(state, enrolment);
    if (decision.kind === 'ask-for-passphrase') {
      return this.refuse(profile, decision);
    }
    if (!enrolment) {
      return this.refuse(profile, { kind: 'ask-for-passphrase', reason: 'not-enrolled', forgetEnrolment: false });
    }
    let plaintext: Uint8Array;
    let shouldReEncrypt: boolean;
    try {
      ({ plaintext, shouldReEncrypt } = await this.keychain.decrypt(new Uint8Array(Buffer.from(enrolment.wrappedKey, 'base64'))));
    } catch {
      return this.refuse(profile, { kind: 'ask-for-passphrase', reason: 'enrolment-broken', forgetEnrolment: true });
    }
    let masterKey: SymmetricKey;
    try {
      masterKey = this.crypto.keyFromBytes(plaintext);
    } catch {
      this.crypto.wipe(plaintext);
      return this.refuse(profile, { kind: 'ask-for-passphrase', reason: 'enrolment-broken', forgetEnrolment: true });
    }
    if (!this.opensVault(profile, enrolment.vaultId, masterKey)) {
      this.crypto.wipe(masterKey);
      return this.refuse(profile, { kind: 'ask-for-passphrase', reason: 'enrolment-broken', forgetEnrolment: true });
    }
    if (shouldReEncrypt) {
      await this.write(profile, { vaultId: enrolment.vaultId, backend: state.backend, masterKey });
    }
    return { kind: 'unlocked', masterKey };
  }

  /** Turns device unlock off for this profile. */
  forget(profile: Profile): void {
    fs.rmSync(enrolmentPath(profile), { force: true });
  }

  private refuse(profile: Profile, decision: DeviceUnlockDecision & { kind: 'ask-for-passphrase' }): DeviceRecall {
    if (decision.forgetEnrolment) {
      this.forget(profile);
    }
    return { kind: 'ask-for-passphrase', decision, message: describeDeviceUnlockDecision(decision) };
  }

  /** A recalled key is trusted only if it is this vault's master key: it must verify the header MAC. */
  private opensVault(profile: Profile, vaultId: string, candidate: SymmetricKey): boolean {
    if (candidate.length !== KEY_BYTES) {
      return false;
    }
    let header;
    try {
      header = readVaultHeader(headerPath(profile.vaultDir));
    } catch {
      return false;
    }
    if (header.vaultId !== vaultId) {
      return false;
    }
    const macKey = this.crypto.deriveSubkey(candidate, { kind: 'header-mac' });
    try {
      return this.crypto.verifyMac(macKey, new Uint8Array(Buffer.from(header.mac, 'base64')), headerMacInput(header));
    } finally {
      this.crypto.wipe(macKey);
    }
  }

  private read(profile: Profile): Enrolment | undefined {
    let text: string;
    try {
      text = fs.readFileSync(enrolmentPath(profile), 'utf8');
    } catch {
      return undefined;
    }
    let parsed;
    try {
      parsed = Enrolment.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      // A damaged enrolment can only ever be refused: remove it so it is not tried again.
      this.forget(profile);
      return undefined;
    }
    return parsed.data;
  }

  private async write(profile: Profile, entry: { vaultId: string; backend: string; masterKey: SymmetricKey }): Promise<void> {
    const wrapped = await this.keychain.encrypt(entry.masterKey);
    const enrolment: Enrolment = {
      format: 'callvault-device-unlock',
      version: 1,
      vaultId: entry.vaultId,
      backend: entry.backend,
      createdAt: this.now().toISOString(),
      wrappedKey: Buffer.from(wrapped).toString('base64'),
    };
    writeFileAtomic(enrolmentPath(profile), `${JSON.stringify(enrolment, null, 2)}\n`);
  }
}

function enrolmentPath(profile: Profile): string {
  return path.join(profile.dir, DEVICE_UNLOCK_FILE);
}
