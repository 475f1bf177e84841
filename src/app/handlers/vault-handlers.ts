import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

export function vaultHandlers(session: VaultSession): Handlers<
  'profiles.list' | 'profiles.create' | 'profiles.select' | 'vault.status' | 'vault.create' | 'vault.unlock' | 'vault.lock' | 'vault.changePassphrase' | 'vault.setAutoLock' | 'vault.setDeviceUnlock'
> {
  return {
    'profiles.list': () =>
      session.profiles.list().map((p) => ({ id: p.id, displayName: p.displayName, hasVault: session.profiles.hasVault(p) })),
    'profiles.create': async ({ displayName }) => {
      const profile = session.profiles.create(displayName);
      await session.selectProfile(profile.id);
      return { id: profile.id, displayName: profile.displayName, hasVault: false };
    },
    'profiles.select': ({ profileId }) => session.selectProfile(profileId),
    'vault.status': () => session.status(),
    'vault.create': ({ passphrase }) => session.create(passphrase),
    'vault.unlock': ({ secret }) => session.unlock(secret),
    'vault.lock': () => {
      session.lock();
      return session.status();
    },
    'vault.changePassphrase': ({ current, next }) => session.changePassphrase(current, next),
    'vault.setAutoLock': ({ minutes }) => session.setAutoLock(minutes),
    'vault.setDeviceUnlock': ({ enabled }) => session.setDeviceUnlock(enabled),
  };
}
