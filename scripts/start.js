#!/usr/bin/env node
// `npm start`: the Electron window where Electron can run; otherwise the same UI served by the
// browser host on 127.0.0.1, with the URL (and its one-time token) printed. The transcription
// engine, when missing, builds in the background while the app runs; the app shows its progress.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chooseHost, shouldBuildEngine } from './launcher.mjs';

const require = createRequire(import.meta.url);
const node = process.execPath;

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined; // The package is there but its binary was never downloaded.
  }
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

const binary = electronBinary();
const forceBrowser = env.CALLVAULT_BROWSER_HOST === '1';
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
