import { PreferencesView, type PreferencesView as Preferences } from '../../shared/contract/settings';
import type { Setting, SettingsReader, SettingsWriter } from '../../core/settings/settings-store';

/** The rep's remembered settings: one typed setting in the vault (nothing of it leaves the device). */
const PREFERENCES: Setting<Preferences> = { key: 'preferences', schema: PreferencesView };

export const DEFAULT_PREFERENCES: Preferences = { region: '', defaultCallType: '', microphoneId: '', recentCallType: '' };

export function readPreferences(settings: SettingsReader): Preferences {
  return settings.read(PREFERENCES) ?? DEFAULT_PREFERENCES;
}

export function writePreferences(settings: SettingsReader & SettingsWriter, next: Omit<Preferences, 'recentCallType'>): Preferences {
  const value = { ...next, recentCallType: readPreferences(settings).recentCallType };
  settings.write(PREFERENCES, value);
  return value;
}

/** After a call is set up: its type is remembered for the next form. */
export function rememberCallType(settings: SettingsReader & SettingsWriter, callType: string): void {
  const current = readPreferences(settings);
  if (current.recentCallType !== callType) {
    settings.write(PREFERENCES, { ...current, recentCallType: callType });
  }
}

/** The rep's region for the policy's consent rules; undefined when not set. */
export function recorderRegion(settings: SettingsReader): string | undefined {
  const region = readPreferences(settings).region;
  return region === '' ? undefined : region;
}
