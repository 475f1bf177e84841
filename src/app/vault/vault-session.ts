import type { VaultStatus } from '../../shared/contract';
import { judgePassphrase } from '../../core/vault/passphrase-strength';
import type { Profile, ProfileStore } from '../../platform/vault/profile-store';
import { WrongSecretError, type VaultSecret } from '../../platform/vault/vault-keys';
import { AppFailure } from '../app-failure';
import { FailedUnlockJournal } from './failed-unlock-journal';
import { OpenVault, type VaultContext } from './open-vault';

export const DEFAULT_AUTO_LOCK_MINUTES = 15;
const AUTO_LOCK_SETTING = 'autoLockMinutes';

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

  constructor(
    readonly profiles: ProfileStore,
    private readonly ctx: VaultContext,
    private readonly timers: SessionTimers = realTimers,
  ) {
    const only = profiles.list();
    if (only.length === 1) {
      this.profile = only[0];
    }
  }

  status(): VaultStatus {
    const state = !this.profile ? 'no-profile' : this.vault ? 'unlocked' : this.profiles.hasVault(this.profile) ? 'locked' : 'no-vault';
    return { state, profileId: this.profile?.id ?? null, autoLockMinutes: this.autoLockMinutes };
  }

  /** True once, after an idle auto-lock, so the UI can say why it is locked. */
  takeIdleLockNotice(): boolean {
    const notice = this.lockedByIdle;
    this.lockedByIdle = false;
    return notice;
  }

  selectProfile(id: string): VaultStatus {
    const profile = this.profiles.get(id);
    if (this.profile?.id !== profile.id) {
      this.lock();
      this.profile = profile;
    }
    return this.status();
  }

  async create(passphrase: string): Promise<{ recoveryKey: string; status: VaultStatus }> {
    const profile = this.requireProfile();
    const verdict = judgePassphrase(passphrase);
    if (!verdict.acceptable) {
      throw new AppFailure('WEAK_PASSPHRASE', verdict.problem ?? 'Choose a stronger passphrase.');
    }
    this.lock();
    const { vault, recoveryKey } = await OpenVault.create(profile, passphrase, this.ctx);
    this.adopt(vault);
    return { recoveryKey, status: this.status() };
  }

  async unlock(secret: VaultSecret): Promise<VaultStatus> {
    const profile = this.requireProfile();
    if (!this.profiles.hasVault(profile)) {
      throw new AppFailure('VAULT_NOT_FOUND', `Profile "${profile.displayName}" has no vault yet. Create one first.`);
    }
    this.lock();
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
    for (const failed of journal.drain()) {
      vault.audit.record('vault.unlock_failed', { at: failed.at, method: failed.method });
    }
    vault.audit.record(secret.kind === 'recovery-key' ? 'vault.recovery_key_used' : 'vault.unlocked', { method: secret.kind });
    this.adopt(vault);
    return this.status();
  }

  async changePassphrase(current: VaultSecret, next: string): Promise<VaultStatus> {
    const vault = this.requireVault();
    const verdict = judgePassphrase(next);
    if (!verdict.acceptable) {
      throw new AppFailure('WEAK_PASSPHRASE', verdict.problem ?? 'Choose a stronger passphrase.');
    }
    // Prove the current secret again, so an unattended unlocked laptop cannot be taken over.
    try {
      (await OpenVault.unlock(vault.profile, current, this.ctx)).close();
    } catch (error) {
      if (error instanceof WrongSecretError) {
        vault.audit.record('vault.unlock_failed', { method: current.kind, purpose: 'change-passphrase' });
      }
      throw error;
    }
    await vault.changePassphrase(next);
    return this.status();
  }

  setAutoLock(minutes: number): VaultStatus {
    const vault = this.requireVault();
    vault.settings.set(AUTO_LOCK_SETTING, String(minutes));
    this.autoLockMinutes = minutes;
    this.touch();
    return this.status();
  }

  lock(reason: 'user' | 'idle' = 'user'): VaultStatus {
    if (this.vault) {
      this.vault.audit.record(reason === 'idle' ? 'vault.auto_locked' : 'vault.locked');
      this.vault.close();
      this.vault = undefined;
      this.lockedByIdle = reason === 'idle';
    }
    this.clearTimer();
    return this.status();
  }

  /** Called on every contract call: activity postpones the auto-lock. */
  touch(): void {
    if (!this.vault) {
      return;
    }
    this.clearTimer();
    this.timer = this.timers.setTimeout(() => { this.lock('idle'); }, this.autoLockMinutes * 60_000);
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
    const stored = Number(vault.settings.get(AUTO_LOCK_SETTING));
    this.autoLockMinutes = Number.isInteger(stored) && stored >= 1 && stored <= 240 ? stored : DEFAULT_AUTO_LOCK_MINUTES;
    this.touch();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
