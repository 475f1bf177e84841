import os from 'node:os';
import path from 'node:path';

/**
 * Where CallVault keeps its per-user data: CALLVAULT_HOME when set, otherwise the operating
 * system's per-user application-data directory.
 */
export function resolveAppHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const override = env.CALLVAULT_HOME;
  if (override !== undefined && override.trim() !== '') {
    return path.resolve(override);
  }
  const home = os.homedir();
  if (process.platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'CallVault');
  }
  if (process.platform === 'darwin') {
    return path.join(home, 'Library', 'Application Support', 'CallVault');
  }
  // Linux and the other Unixes follow the XDG base-directory convention.
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'CallVault');
}
