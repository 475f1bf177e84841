// The decisions `npm start` makes, apart from the processes it starts (scripts/start.js), so
// they can be tested where Electron cannot run.

/**
 * Which window to open. Electron when its binary is installed and its SQLite build is there (or
 * could be built); the browser host otherwise, with one line saying why.
 * @param {{ electronBinary: string | undefined, forceBrowser: boolean, electronSqlite: 'ready' | 'built' | 'failed' | 'unchecked' }} facts
 * @returns {{ host: 'electron' | 'browser', say: string | undefined }}
 */
export function chooseHost(facts) {
  if (facts.forceBrowser) {
    return { host: 'browser', say: undefined };
  }
  if (facts.electronBinary === undefined) {
    return { host: 'browser', say: 'Electron is not installed here (its binary downloads on a machine with internet); serving the CallVault UI in your browser instead.' };
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
