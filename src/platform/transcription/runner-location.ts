import fs from 'node:fs';
import path from 'node:path';

export const RUNNER_NAME = process.platform === 'win32' ? 'callvault-whisper.exe' : 'callvault-whisper';

/**
 * Where the whisper runner is: CALLVAULT_WHISPER_RUNNER when set; in a packaged app
 * `<resources>/whisper/`; in a checkout, what scripts/build-whisper.sh built.
 */
export function locateRunner(env: Readonly<Record<string, string | undefined>>, resourcesDir?: string): string {
  const override = env.CALLVAULT_WHISPER_RUNNER;
  if (override !== undefined && override.trim() !== '') {
    return path.resolve(override);
  }
  if (resourcesDir !== undefined) {
    const packaged = path.join(resourcesDir, 'whisper', RUNNER_NAME);
    if (fs.existsSync(packaged)) {
      return packaged;
    }
  }
  return path.resolve(import.meta.dirname, '..', '..', '..', '.cache', 'whisper', 'build-native', 'bin', RUNNER_NAME);
}
