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
