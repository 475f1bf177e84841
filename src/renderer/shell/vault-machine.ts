// Which screen the window shows follows from the vault status the app reports, plus the few
// things only the UI knows: a recovery key still waiting to be confirmed, why the vault locked,
// and whether the user asked to switch profile.
import { assertNever } from '../../shared/assert';
import type { ProfileSummary, VaultStatus } from '../../shared/contract';

export type Session = {
  /** null until the first `vault.status` answers. */
  status: VaultStatus | null;
  loadError: string | null;
  profiles: readonly ProfileSummary[];
  /** Returned once by `vault.create`; kept only until the user proves they saved it. */
  recoveryKey: string | null;
  lockNote: string | null;
  pickingProfile: boolean;
  /**
   * The recovery key the vault was just unlocked with: someone who needed it has lost the
   * passphrase, so a new one is set before anything else (the key proves the change). Dropped
   * once the passphrase is set or the vault locks.
   */
  recoveryUnlock: string | null;
};

export type SessionEvent =
  | { type: 'loaded'; status: VaultStatus; profiles: readonly ProfileSummary[] }
  | { type: 'load-failed'; message: string }
  | { type: 'profiles-loaded'; profiles: readonly ProfileSummary[] }
  /** A status the user caused: select, unlock, lock, settings. */
  | { type: 'status-changed'; status: VaultStatus }
  /** A status found by checking again (window refocused); a flip to locked means auto-lock. */
  | { type: 'status-refreshed'; status: VaultStatus }
  | { type: 'vault-created'; status: VaultStatus; recoveryKey: string }
  | { type: 'recovery-key-confirmed' }
  | { type: 'unlocked-with-recovery-key'; status: VaultStatus; recoveryKey: string }
  /** A new passphrase was set after a recovery-key unlock. */
  | { type: 'passphrase-reset'; status: VaultStatus }
  /** Some call answered VAULT_LOCKED. */
  | { type: 'found-locked' }
  | { type: 'pick-profile' }
  | { type: 'cancel-pick-profile' };

export type Screen = 'loading' | 'load-error' | 'profiles' | 'create-vault' | 'recovery-key' | 'unlock' | 'new-passphrase' | 'library';

export const initialSession: Session = {
  status: null,
  loadError: null,
  profiles: [],
  recoveryKey: null,
  lockNote: null,
  pickingProfile: false,
  recoveryUnlock: null,
};

function idleNote(minutes: number): string {
  return `CallVault locked itself after ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} idle. Unlock to continue.`;
}

function lockedByIdle(session: Session, status: VaultStatus): Session {
  return { ...session, status, lockNote: idleNote(status.autoLockMinutes), recoveryUnlock: null };
}

export function sessionReducer(session: Session, event: SessionEvent): Session {
  switch (event.type) {
    case 'loaded':
      return { ...session, status: event.status, profiles: event.profiles, loadError: null };
    case 'load-failed':
      return { ...session, loadError: event.message };
    case 'profiles-loaded':
      return { ...session, profiles: event.profiles };
    case 'status-changed':
      return { ...session, status: event.status, lockNote: null, pickingProfile: false, recoveryUnlock: event.status.state === 'unlocked' ? session.recoveryUnlock : null };
    case 'status-refreshed': {
      if (session.status === null) {
        return session; // the first load is still on its way and brings the profiles with it
      }
      if (session.status.state === 'unlocked' && event.status.state === 'locked') {
        return lockedByIdle(session, event.status);
      }
      return { ...session, status: event.status, recoveryUnlock: event.status.state === 'unlocked' ? session.recoveryUnlock : null };
    }
    case 'unlocked-with-recovery-key':
      return { ...session, status: event.status, lockNote: null, pickingProfile: false, recoveryUnlock: event.recoveryKey };
    case 'passphrase-reset':
      return { ...session, status: event.status, recoveryUnlock: null };
    case 'vault-created':
      return { ...session, status: event.status, recoveryKey: event.recoveryKey, lockNote: null, pickingProfile: false };
    case 'recovery-key-confirmed':
      return { ...session, recoveryKey: null };
    case 'found-locked':
      if (session.status?.state !== 'unlocked') {
        return session;
      }
      return lockedByIdle(session, { ...session.status, state: 'locked' });
    case 'pick-profile':
      return { ...session, pickingProfile: true };
    case 'cancel-pick-profile':
      return { ...session, pickingProfile: false };
    default:
      return assertNever(event);
  }
}

export function screenOf(session: Session): Screen {
  if (session.status === null) {
    return session.loadError === null ? 'loading' : 'load-error';
  }
  if (session.recoveryKey !== null) {
    return 'recovery-key';
  }
  if (session.pickingProfile) {
    return 'profiles';
  }
  switch (session.status.state) {
    case 'no-profile':
      return 'profiles';
    case 'no-vault':
      return 'create-vault';
    case 'locked':
      return 'unlock';
    case 'unlocked':
      return session.recoveryUnlock === null ? 'library' : 'new-passphrase';
    default:
      return assertNever(session.status.state);
  }
}

/** The profile the vault status points at, if the list knows it. */
export function currentProfile(session: Session): ProfileSummary | null {
  const id = session.status?.profileId ?? null;
  return session.profiles.find((profile) => profile.id === id) ?? null;
}
