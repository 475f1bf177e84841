#!/usr/bin/env node
// `npm start`: the Electron window where Electron can run; otherwise the same UI served by the
// browser host on 127.0.0.1, with the URL (and its one-time token) printed. The transcription
// engine, when missing, builds in the background while the app runs; the app shows its progress.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chooseHost, electronDownloadDue, shouldBuildEngine } from './launcher.mjs';

const node = process.execPath;
const electronPackage = path.resolve('node_modules/electron');

/**
 * Electron's runtime when it was downloaded. Read from the package's path.txt rather than by
 * require('electron'), which starts a download (and prints its stack trace when offline).
 */
function electronBinary() {
  try {
    const binary = path.join(electronPackage, 'dist', fs.readFileSync(path.join(electronPackage, 'path.txt'), 'utf8').trim());
    return fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Downloads Electron's runtime once (install scripts are off under npm 11); a failure is remembered for a day. */
function fetchElectron() {
  const stamp = path.resolve('.cache/electron-download-failed');
  const last = fs.existsSync(stamp) ? new Date(fs.readFileSync(stamp, 'utf8').trim()) : undefined;
  if (!fs.existsSync(path.join(electronPackage, 'install.js')) || !electronDownloadDue({ lastFailureAt: last, now: new Date(), retryAsked: process.env.CALLVAULT_ELECTRON_RETRY === '1' })) {
    return undefined;
  }
  console.log('Fetching the Electron runtime (once)...');
  const result = spawnSync(node, [path.join(electronPackage, 'install.js')], { stdio: 'pipe', timeout: 300_000 });
  const binary = result.status === 0 ? electronBinary() : undefined;
  if (binary === undefined) {
    fs.mkdirSync(path.dirname(stamp), { recursive: true });
    fs.writeFileSync(stamp, new Date().toISOString());
  } else {
    fs.rmSync(stamp, { force: true });
  }
  return binary;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

const env = { ...process.env };
const runner = path.resolve('.cache/whisper/build-native/bin/callvault-whisper');
if (shouldBuildEngine({ runnerExists: fs.existsSync(runner), runnerOverride: env.CALLVAULT_WHISPER_RUNNER })) {
  const statusFile = path.resolve('.cache/whisper/engine-status.json');
  fs.mkdirSync(path.dirname(statusFile), { recursive: true });
  console.log('Building the on-device transcription engine in the background (a few minutes, once); CallVault shows its progress. Recording works meanwhile.');
  const builder = spawn(node, [path.resolve('scripts/engine-build.mjs'), '--status', statusFile], { detached: true, stdio: 'ignore' });
  builder.unref();
  env.CALLVAULT_ENGINE_STATUS = statusFile;
}

const forceBrowser = env.CALLVAULT_BROWSER_HOST === '1';
const binary = forceBrowser ? undefined : (electronBinary() ?? fetchElectron());
let electronSqlite = 'unchecked';
if (binary !== undefined && !forceBrowser) {
  const built = spawnSync(node, [path.resolve('scripts/build-native-electron.mjs'), '--quiet'], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  electronSqlite = built.status === 0 ? 'ready' : 'failed';
}
const { host, say } = chooseHost({ electronBinary: binary, forceBrowser, electronSqlite });
if (say !== undefined) {
  console.log(say);
}

if (host === 'electron') {
  run(node, [path.resolve('node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  const child = spawn(node, [path.resolve('node_modules/electron-vite/bin/electron-vite.js'), 'preview'], { stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  run(node, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  const child = spawn(node, ['--import', 'tsx', path.resolve('src/host/main.ts')], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code) => process.exit(code ?? 0));
}
