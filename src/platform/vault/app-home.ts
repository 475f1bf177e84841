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
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'CallVault');
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'CallVault');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'CallVault');
  }
}
