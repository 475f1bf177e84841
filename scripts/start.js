#!/usr/bin/env node
// `npm start`: the Electron window where Electron can run; otherwise the same UI served by the
// browser host on 127.0.0.1, with the URL (and its one-time token) printed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

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

// Transcription needs the whisper.cpp engine from a checkout: build it when it is missing (a few
// minutes once, needs cmake and a C++ compiler). The app starts either way; without the engine a
// transcription job fails with a message saying how to build it.
const runner = path.resolve('.cache/whisper/build-native/bin/callvault-whisper');
if (!fs.existsSync(runner) && !process.env.CALLVAULT_WHISPER_RUNNER) {
  console.log('Building the on-device transcription engine (once; scripts/build-whisper.sh)...');
  const engine = spawnSync('bash', ['scripts/build-whisper.sh', '--quiet'], { stdio: 'inherit' });
  if (engine.status !== 0) {
    console.log('The transcription engine could not be built (run scripts/install-system-deps.sh, then npm start again). Recording works without it.');
  }
}

const node = process.execPath;
if (electronBinary() && process.env.CALLVAULT_BROWSER_HOST !== '1') {
  run(node, [path.resolve('node_modules/electron-vite/bin/electron-vite.js'), 'build']);
  const child = spawn(node, [path.resolve('node_modules/electron-vite/bin/electron-vite.js'), 'preview'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron is not available here; serving the CallVault UI on 127.0.0.1 instead.');
  run(node, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  const child = spawn(node, ['--import', 'tsx', path.resolve('src/host/main.ts')], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code) => process.exit(code ?? 0));
}
