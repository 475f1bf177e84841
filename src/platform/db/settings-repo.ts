import type { Setting, SettingsRepo } from '../../core/settings/settings-store';
import { CallVaultError } from '../../shared/callvault-error';
import type { Db } from './connection';
import { parseJsonColumn } from './json-column';

/** The vault's settings: one JSON value per key, parsed against the setting's schema, never cast. */
export function createSettingsRepo(db: Db): SettingsRepo {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    read<T>(setting: Setting<T>): T | undefined {
      const row = get.get(setting.key);
      return row === undefined ? undefined : parseJsonColumn(setting.schema, row.value, () => `The vault setting "${setting.key}"`);
    },
    write<T>(setting: Setting<T>, value: T): void {
      const checked = setting.schema.safeParse(value);
      if (!checked.success) {
        // A bug in the caller, not damage: nothing is written.
        throw new CallVaultError('INTERNAL', `The vault setting "${setting.key}" was not saved: its value is not in the expected shape.`);
      }
      set.run(setting.key, JSON.stringify(checked.data));
    },
  };
}
