// The decisions `npm start` makes, apart from the processes it starts (scripts/start.js), so
// they can be tested where Electron cannot run.

/**
 * Which window to open. Electron when its binary is installed and its SQLite build is there (or
 * could be built); the browser host otherwise, with one line saying why.
 * @param {{ electronBinary: string | undefined, forceBrowser: boolean, electronSqlite: 'ready' | 'failed' | 'unchecked' }} facts
 * @returns {{ host: 'electron' | 'browser', say: string | undefined }}
 */
export function chooseHost(facts) {
  if (facts.forceBrowser) {
    return { host: 'browser', say: undefined };
  }
  if (facts.electronBinary === undefined) {
    return { host: 'browser', say: 'Electron is not available here (its runtime downloads once, with internet); serving the CallVault UI in your browser instead.' };
  }
  if (facts.electronSqlite === 'failed') {
    return { host: 'browser', say: 'The database module for Electron could not be built (the first build needs internet); serving the CallVault UI in your browser instead.' };
  }
  return { host: 'electron', say: undefined };
}

/**
 * Whether to build the transcription engine in the background: only when it is missing and no
 * runner was named (CALLVAULT_WHISPER_RUNNER). The UI starts either way.
 * @param {{ runnerExists: boolean, runnerOverride: string | undefined }} facts
 */
export function shouldBuildEngine(facts) {
  return !facts.runnerExists && (facts.runnerOverride === undefined || facts.runnerOverride.trim() === '');
}

/** How long after a failed Electron download `npm start` tries again (offline machines start at once meanwhile). */
export const ELECTRON_RETRY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether to try downloading Electron's runtime at this start: once, then not again for a day
 * after a failure (or when CALLVAULT_ELECTRON_RETRY=1 asks), so an offline machine is not held up
 * by a download attempt, and its stack trace, at every start.
 * @param {{ lastFailureAt: Date | undefined, now: Date, retryAsked: boolean }} facts
 */
export function electronDownloadDue(facts) {
  if (facts.retryAsked || facts.lastFailureAt === undefined || Number.isNaN(facts.lastFailureAt.getTime())) {
    return true;
  }
  return facts.now.getTime() - facts.lastFailureAt.getTime() >= ELECTRON_RETRY_MS;
}
