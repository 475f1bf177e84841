// Types for scripts/launcher.mjs (plain JavaScript: npm start runs before anything is compiled).
export interface HostFacts {
  readonly electronBinary: string | undefined;
  readonly forceBrowser: boolean;
  readonly electronSqlite: 'ready' | 'built' | 'failed' | 'unchecked';
}
export function chooseHost(facts: HostFacts): { host: 'electron' | 'browser'; say: string | undefined };
export function shouldBuildEngine(facts: { readonly runnerExists: boolean; readonly runnerOverride: string | undefined }): boolean;
export const ELECTRON_RETRY_MS: number;
export function electronDownloadDue(facts: { readonly lastFailureAt: Date | undefined; readonly now: Date; readonly retryAsked: boolean }): boolean;
