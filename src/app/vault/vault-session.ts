import type { DeviceUnlockStatus, VaultStatus } from '../../shared/contract';
import { describeDeviceUnlockDecision } from '../../core/vault/device-unlock-policy';
import { guessableWords } from '../../core/vault/guessable-words';
import type { Profile, ProfileStore } from '../../platform/vault/profile-store';
import { WrongSecretError, type VaultSecret } from '../../platform/vault/vault-keys';
import type { UnlockMethod } from '../../shared/contract';
import { z } from 'zod';
import type { Clock } from '../../core/ports/clock';
import type { Setting } from '../../core/settings/settings-store';
import type { DeviceUnlock } from './device-unlock';
import { AppFailure } from '../app-failure';
import { auditUnlock, FailedUnlockJournal } from './failed-unlock-journal';
import { OpenVault, type VaultContext } from './open-vault';

export const DEFAULT_AUTO_LOCK_MINUTES = 15;
const AUTO_LOCK_SETTING: Setting<number> = { key: 'autoLockMinutes', schema: z.number().int().min(1).max(240) };
/** The strength estimator and its dictionaries load when a passphrase is set, not with the app. */
const strength = () => import('../../core/vault/passphrase-strength');

export interface SessionTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: SessionTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => { clearTimeout(handle as NodeJS.Timeout); },
};

/**
 * The app's one open profile and, when unlocked, its vault. Any activity (a contract call)
 * postpones the auto-lock; when it fires the vault is closed and its keys wiped.
 */
export class VaultSession {
  private profile: Profile | undefined;
  private vault: OpenVault | undefined;
  private autoLockMinutes = DEFAULT_AUTO_LOCK_MINUTES;
  private timer: unknown;
  private lockedByIdle = false;
  private readonly unlockHooks: ((vault: OpenVault) => void)[] = [];
  private readonly lockHooks: ((reason: 'user' | 'idle') => void)[] = [];
  private readonly idleGuards: (() => boolean)[] = [];
  /** Where the organisation's name comes from (the policy in force); none until the services say. */
  private organisationSource: () => Promise<string | undefined> = () => Promise.resolve(undefined);
  /** The clock the session was given (its context's `now`), for the services built around it. */
  readonly clock: Clock;
  /** The Crypto port the vaults use (verifying signed holds needs it outside a vault's keys). */
  readonly crypto: VaultContext['crypto'];

  constructor(
    readonly profiles: ProfileStore,
    private readonly ctx: VaultContext,
    private readonly timers: SessionTimers = realTimers,
    /** Present only where an OS keychain exists (the Electron host). */
    private readonly deviceUnlock?: DeviceUnlock,
    /** Which front end unlocks, when the audit trail should say so ("cli"). */
    private readonly via?: string,
  ) {
    this.clock = { now: () => ctx.now() };
    this.crypto = ctx.crypto;
    const only = profiles.list();
    if (only.length === 1) {
      this.profile = only[0];
    }
  }

  async status(): Promise<VaultStatus> {
    const state = !this.profile ? 'no-profile' : this.vault ? 'unlocked' : this.profiles.hasVault(this.profile) ? 'locked' : 'no-vault';
    return { state, profileId: this.profile?.id ?? null, autoLockMinutes: this.autoLockMinutes, deviceUnlock: await this.deviceUnlockStatus(), organisation: (await this.organisation()) ?? null };
  }

  /** Names where the organisation's name is read (the policy in force), for guessable passphrases. */
  knowOrganisationFrom(source: () => Promise<string | undefined>): void {
    this.organisationSource = source;
  }

  /** The organisation's name, or undefined when nothing names it or its source cannot be read. */
  private async organisation(): Promise<string | undefined> {
    try {
      return await this.organisationSource();
    } catch {
      return undefined;
    }
  }

  private async deviceUnlockStatus(): Promise<DeviceUnlockStatus> {
    if (!this.deviceUnlock) {
      return { offered: false, enrolled: false, reason: 'Device unlock needs the desktop app and a trusted OS keychain.' };
    }
    const offer = await this.deviceUnlock.offer();
    const enrolled = this.profile !== undefined && this.deviceUnlock.isEnrolled(this.profile);
    return offer.offer
      ? { offered: true, enrolled, reason: null }
      : { offered: false, enrolled, reason: describeDeviceUnlockDecision({ kind: 'ask-for-passphrase', reason: offer.reason, forgetEnrolment: false }) };
  }

  /** Turns device unlock on for the open vault, or off. */
  async setDeviceUnlock(enabled: boolean): Promise<VaultStatus> {
    const vault = this.requireVault();
    if (!this.deviceUnlock) {
      throw new AppFailure('BAD_REQUEST', 'Device unlock is available only in the desktop app, with a trusted OS keychain.');
    }
    if (enabled) {
      await vault.enrolDeviceUnlock(this.deviceUnlock);
    } else {
      this.deviceUnlock.forget(vault.profile);
      vault.audit.record('vault.device_unlock_disabled');
    }
    return this.status();
  }

  /** Runs right after every unlock or creation (crash recovery uses it). */
  onUnlocked(hook: (vault: OpenVault) => void): void {
    this.unlockHooks.push(hook);
  }

  /** Runs before the vault closes (a running capture is sealed first), told why it locks. */
  /**
   * While `busy` says so (a call being recorded), the idle period ends without a lock and starts
   * again: an auto-lock would stop the call. The rep locks by hand after being asked first.
   */
  deferIdleLockWhile(busy: () => boolean): void {
    this.idleGuards.push(busy);
  }

  onBeforeLock(hook: (reason: 'user' | 'idle') => void): void {
    this.lockHooks.push(hook);
  }

  /** True once, after an idle auto-lock, so the UI can say why it is locked. */
  takeIdleLockNotice(): boolean {
    const notice = this.lockedByIdle;
    this.lockedByIdle = false;
    return notice;
  }

  async selectProfile(id: string): Promise<VaultStatus> {
    const profile = this.profiles.get(id);
    if (this.profile?.id !== profile.id) {
      this.lock();
      this.profile = profile;
    }
    return this.status();
  }

  async create(passphrase: string): Promise<{ recoveryKey: string; status: VaultStatus }> {
    const profile = this.requireProfile();
    const verdict = (await strength()).judgePassphrase(passphrase, await this.guessable(profile.displayName));
    if (!verdict.acceptable) {
      throw new AppFailure('WEAK_PASSPHRASE', verdict.problem ?? 'Choose a stronger passphrase.');
    }
    this.lock();
    const { vault, recoveryKey } = await OpenVault.create(profile, passphrase, this.ctx);
    this.adopt(vault);
    return { recoveryKey, status: await this.status() };
  }

  async unlock(secret: UnlockMethod): Promise<VaultStatus> {
    const profile = this.requireProfile();
    if (!this.profiles.hasVault(profile)) {
      throw new AppFailure('VAULT_NOT_FOUND', `Profile "${profile.displayName}" has no vault yet. Create one first.`);
    }
    this.lock();
    if (secret.kind === 'device') {
      return this.unlockWithDevice(profile);
    }
    const journal = new FailedUnlockJournal(profile.dir);
    let vault: OpenVault;
    try {
      vault = await OpenVault.unlock(profile, secret, this.ctx);
    } catch (error) {
      if (error instanceof WrongSecretError) {
        journal.note(this.ctx.now(), secret.kind);
      }
      throw error;
    }
    auditUnlock(vault, secret.kind, this.via);
    this.adopt(vault);
    return this.status();
  }

  private async unlockWithDevice(profile: Profile): Promise<VaultStatus> {
    if (!this.deviceUnlock) {
      throw new AppFailure('WRONG_SECRET', 'Device unlock is not available here. Unlock with your passphrase.');
    }
    const recalled = await this.deviceUnlock.recall(profile);
    if (recalled.kind === 'ask-for-passphrase') {
      new FailedUnlockJournal(profile.dir).note(this.ctx.now(), 'device');
      throw new AppFailure('WRONG_SECRET', recalled.message);
    }
    const vault = OpenVault.openWithMasterKey(profile, recalled.masterKey, this.ctx);
    auditUnlock(vault, 'device');
    this.adopt(vault);
    return this.status();
  }

  async changePassphrase(current: VaultSecret, next: string): Promise<VaultStatus> {
    const vault = this.requireVault();
    const verdict = (await strength()).judgePassphrase(next, await this.guessable(vault.profile.displayName));
    if (!verdict.acceptable) {
      throw new AppFailure('WEAK_PASSPHRASE', verdict.problem ?? 'Choose a stronger passphrase.');
    }
    // Prove the current secret again, so an unattended unlocked laptop cannot be taken over.
    try {
      await OpenVault.proveSecret(vault.profile, current, this.ctx);
    } catch (error) {
      if (error instanceof WrongSecretError) {
        vault.audit.record('vault.unlock_failed', { method: current.kind, purpose: 'change-passphrase' });
      }
      throw error;
    }
    await vault.changePassphrase(next);
    return this.status();
  }

  /** What an attacker who knows this rep tries first (the strength meter counts the same). */
  private async guessable(name: string): Promise<string[]> {
    return guessableWords({ name, organisation: await this.organisation(), year: this.ctx.now().getFullYear() });
  }

  async setAutoLock(minutes: number): Promise<VaultStatus> {
    const vault = this.requireVault();
    vault.settings.write(AUTO_LOCK_SETTING, minutes);
    this.autoLockMinutes = minutes;
    this.touch();
    return this.status();
  }

  lock(reason: 'user' | 'idle' = 'user'): void {
    if (this.vault) {
      for (const hook of this.lockHooks) {
        hook(reason);
      }
      this.vault.audit.record(reason === 'idle' ? 'vault.auto_locked' : 'vault.locked');
      this.vault.close();
      this.vault = undefined;
      this.lockedByIdle = reason === 'idle';
    }
    this.clearTimer();
  }

  /** Called on every contract call: activity postpones the auto-lock. */
  touch(): void {
    if (!this.vault) {
      return;
    }
    this.clearTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (this.idleGuards.some((busy) => busy())) {
        this.touch();
      } else {
        this.lock('idle');
      }
    }, this.autoLockMinutes * 60_000);
  }

  /** The open vault, or undefined while locked (for readers that have an answer either way). */
  openVault(): OpenVault | undefined {
    return this.vault;
  }

  requireVault(): OpenVault {
    if (!this.vault) {
      throw new AppFailure('VAULT_LOCKED', this.lockedByIdle ? `CallVault locked itself after ${this.autoLockMinutes} minutes idle. Unlock it to continue.` : 'The vault is locked. Unlock it to continue.');
    }
    return this.vault;
  }

  private requireProfile(): Profile {
    if (!this.profile) {
      throw new AppFailure('PROFILE_NOT_FOUND', 'Choose or create a profile first.');
    }
    return this.profile;
  }

  private adopt(vault: OpenVault): void {
    this.vault = vault;
    this.lockedByIdle = false;
    this.autoLockMinutes = vault.settings.read(AUTO_LOCK_SETTING) ?? DEFAULT_AUTO_LOCK_MINUTES;
    for (const hook of this.unlockHooks) {
      hook(vault);
    }
    this.touch();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
