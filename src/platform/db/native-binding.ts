import fs from 'node:fs';
import path from 'node:path';
import { CallVaultError } from '../../shared/callvault-error';

/**
 * Which compiled SQLite module the vault database loads.
 *
 * `npm ci` compiles better-sqlite3-multiple-ciphers for Node's ABI: the tests, the CLI and the
 * browser host load that one. Electron has its own ABI, so an unpackaged Electron run (`npm start`
 * from a checkout) loads a second copy built for it by `scripts/build-native-electron.mjs` into
 * `build/native/electron-<version>-<platform>-<arch>/`, beside Node's and never replacing it.
 * A packaged app needs neither: electron-builder rebuilds node_modules for Electron.
 */
export interface NativeRuntime {
  /** `process.versions.electron`; undefined under plain Node. */
  readonly electron?: string | undefined;
  readonly platform: string;
  readonly arch: string;
}

export const SQLITE_ADDON = 'better_sqlite3.node';

/** The folder one Electron version's SQLite module lives in (scripts/build-native-electron.mjs writes it). */
export function electronSqliteDir(root: string, runtime: NativeRuntime & { readonly electron: string }): string {
  return path.join(root, 'build', 'native', `electron-${runtime.electron}-${runtime.platform}-${runtime.arch}`);
}

/**
 * The addon file the running process must load: undefined under Node (the package's own build),
 * the Electron build's file under Electron. A missing Electron build is an error that says how to
 * make it, instead of Node's "was compiled against a different Node.js version" deep in a stack.
 */
export function sqliteBindingFor(root: string, runtime: NativeRuntime, exists: (file: string) => boolean = fs.existsSync): string | undefined {
  if (runtime.electron === undefined) {
    return undefined;
  }
  const file = path.join(electronSqliteDir(root, { ...runtime, electron: runtime.electron }), SQLITE_ADDON);
  if (!exists(file)) {
    throw new CallVaultError(
      'SETUP_INCOMPLETE',
      `The database module for Electron ${runtime.electron} is not built. Run "node scripts/build-native-electron.mjs" once with internet access (npm start does it for you).`,
    );
  }
  return file;
}

let binding: string | undefined;

/** Set once by the composition root before any vault opens; undefined keeps the package's own build. */
export function useSqliteBinding(file: string | undefined): void {
  binding = file;
}

/** The options every `new Database()` in the vault passes. */
export function sqliteOpenOptions(): { readonly nativeBinding?: string } {
  return binding === undefined ? {} : { nativeBinding: binding };
}
