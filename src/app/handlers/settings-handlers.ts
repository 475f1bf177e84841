import { readPreferences, writePreferences } from '../settings/preferences';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

export function settingsHandlers(session: VaultSession): Handlers<'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => readPreferences(session.requireVault().settings),
    'settings.set': (input) => {
      const vault = session.requireVault();
      const saved = writePreferences(vault.settings, input);
      vault.audit.record('settings.changed', { region: saved.region });
      return saved;
    },
  };
}
