// How `npm start` picks its window and its SQLite build, and reads the engine build's progress:
// the decisions, tested here because Electron cannot run on these machines.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqliteDir, nodeGypArgs } from '../../../scripts/build-native-electron.mjs';
import { progressOf } from '../../../scripts/engine-build.mjs';
import { chooseHost, electronDownloadDue, ELECTRON_RETRY_MS, shouldBuildEngine } from '../../../scripts/launcher.mjs';
import * as binding from '../../../src/platform/db/native-binding';
import { CallVaultError } from '../../../src/shared/callvault-error';

const linux = { platform: 'linux', arch: 'x64' };

describe('the SQLite module a process loads', () => {
  it('is the package’s own (Node) build under Node, whatever is on disk', () => {
    expect(binding.sqliteBindingFor('/repo', { ...linux }, () => true)).toBeUndefined();
  });

  it('is the Electron build kept beside it under Electron, named by version, platform and arch', () => {
    const file = binding.sqliteBindingFor('/repo', { ...linux, electron: '45.5.0' }, () => true);
    expect(file).toBe(path.join('/repo', 'build', 'native', 'electron-45.5.0-linux-x64', 'better_sqlite3.node'));
    expect(binding.sqliteBindingFor('/repo', { platform: 'darwin', arch: 'arm64', electron: '46.0.1' }, () => true))
      .toBe(path.join('/repo', 'build', 'native', 'electron-46.0.1-darwin-arm64', 'better_sqlite3.node'));
  });

  it('is a setup error that says how to build it when the Electron build is missing', () => {
    let thrown: unknown;
    try {
      binding.sqliteBindingFor('/repo', { ...linux, electron: '45.5.0' }, () => false);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CallVaultError);
    expect((thrown as CallVaultError).code).toBe('SETUP_INCOMPLETE');
    expect((thrown as CallVaultError).message).toContain('scripts/build-native-electron.mjs');
  });

  it('is where the build script writes it (one naming on both sides)', () => {
    for (const runtime of [{ ...linux, electron: '45.5.0' }, { platform: 'win32', arch: 'arm64', electron: '44.0.0' }]) {
      expect(electronSqliteDir('/r', runtime.electron, runtime.platform, runtime.arch)).toBe(binding.electronSqliteDir('/r', runtime));
    }
  });

  it('reaches new Database() only when set: the default keeps Node’s build', () => {
    expect(binding.sqliteOpenOptions()).toEqual({});
    binding.useSqliteBinding('/x/better_sqlite3.node');
    expect(binding.sqliteOpenOptions()).toEqual({ nativeBinding: '/x/better_sqlite3.node' });
    binding.useSqliteBinding(undefined);
    expect(binding.sqliteOpenOptions()).toEqual({});
  });

  it('is compiled against Electron’s headers for the installed version', () => {
    const args = nodeGypArgs('/npm/node-gyp.js', '45.5.0', 'arm64');
    expect(args).toContain('--runtime=electron');
    expect(args).toContain('--target=45.5.0');
    expect(args).toContain('--arch=arm64');
    expect(args).toContain('--dist-url=https://electronjs.org/headers');
  });
});

describe('the window npm start opens', () => {
  it('is Electron when its binary and SQLite build are there', () => {
    expect(chooseHost({ electronBinary: '/e/electron', forceBrowser: false, electronSqlite: 'ready' })).toEqual({ host: 'electron', say: undefined });
  });

  it('is the browser host, said in one line and without a download attempt, when Electron is not installed', () => {
    const { host, say } = chooseHost({ electronBinary: undefined, forceBrowser: false, electronSqlite: 'unchecked' });
    expect(host).toBe('browser');
    expect(say?.split('\n')).toHaveLength(1);
    expect(say).toMatch(/browser/);
  });

  it('is the browser host when the Electron SQLite build cannot be made (offline first run)', () => {
    const { host, say } = chooseHost({ electronBinary: '/e/electron', forceBrowser: false, electronSqlite: 'failed' });
    expect(host).toBe('browser');
    expect(say).toMatch(/database module for Electron/);
  });

  it('is the browser host, silently, when asked for (CALLVAULT_BROWSER_HOST=1)', () => {
    expect(chooseHost({ electronBinary: '/e/electron', forceBrowser: true, electronSqlite: 'ready' })).toEqual({ host: 'browser', say: undefined });
  });

  it('tries to download Electron once, then not again for a day after a failure, unless asked', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(electronDownloadDue({ lastFailureAt: undefined, now, retryAsked: false })).toBe(true);
    expect(electronDownloadDue({ lastFailureAt: new Date(now.getTime() - 60_000), now, retryAsked: false })).toBe(false);
    expect(electronDownloadDue({ lastFailureAt: new Date(now.getTime() - 60_000), now, retryAsked: true })).toBe(true);
    expect(electronDownloadDue({ lastFailureAt: new Date(now.getTime() - ELECTRON_RETRY_MS), now, retryAsked: false })).toBe(true);
    expect(electronDownloadDue({ lastFailureAt: new Date('not a date'), now, retryAsked: false })).toBe(true);
  });

  it('builds the engine in the background only when it is missing and no runner was named', () => {
    expect(shouldBuildEngine({ runnerExists: false, runnerOverride: undefined })).toBe(true);
    expect(shouldBuildEngine({ runnerExists: true, runnerOverride: undefined })).toBe(false);
    expect(shouldBuildEngine({ runnerExists: false, runnerOverride: '/opt/runner' })).toBe(false);
    expect(shouldBuildEngine({ runnerExists: false, runnerOverride: '  ' })).toBe(true);
  });
});

describe('the engine build’s progress', () => {
  it('reads CMake’s percent lines into 10..99 and the script’s steps into the first tenth', () => {
    expect(progressOf('build-whisper: fetching nodejs-whisper@0.3.1 from the npm registry')?.percent).toBe(1);
    expect(progressOf('build-whisper: configuring native build')?.percent).toBe(6);
    expect(progressOf('[  0%] Building C object ggml/src/CMakeFiles/ggml-base.dir/ggml.c.o')?.percent).toBe(10);
    expect(progressOf('[ 50%] Building CXX object src/CMakeFiles/whisper.dir/whisper.cpp.o')?.percent).toBe(55);
    expect(progressOf('[100%] Linking CXX executable bin/callvault-whisper')?.percent).toBe(99);
    expect(progressOf('-- Configuring done (1.2s)')).toBeUndefined();
    expect(progressOf('warning: unused variable [ 50%]')).toBeUndefined();
  });
});
