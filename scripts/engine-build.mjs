#!/usr/bin/env node
// Builds the on-device transcription engine (scripts/build-whisper.sh) and keeps a small JSON
// status file up to date while it runs, so the app can show the build's progress instead of the
// rep waiting minutes at a silent terminal. `npm start` runs it in the background on a fresh
// checkout; the app reads the file (CALLVAULT_ENGINE_STATUS, src/platform/transcription/engine-status.ts).
//
//   node scripts/engine-build.mjs --status FILE [--script BUILD_SCRIPT]
//
// BUILD_SCRIPT defaults to scripts/build-whisper.sh (tests give a script that prints the same
// kind of lines quickly).
// The full build output goes to FILE's folder as engine-build.log.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What one line of build-whisper.sh's output says about progress: a percent (0..100) and a step
 * in words, or undefined for a line that says nothing new. Fetching and configuring take the
 * first tenth; CMake's "[ 45%]" lines the rest.
 */
export function progressOf(line) {
  const cmake = /^\[\s*(\d{1,3})%\]/.exec(line);
  if (cmake) {
    return { percent: Math.min(99, 10 + Math.floor(Number(cmake[1]) * 0.9)), step: 'Compiling the transcription engine' };
  }
  if (/build-whisper: fetching/.test(line)) {return { percent: 1, step: 'Fetching the engine sources from the npm registry' };}
  if (/build-whisper: extracting/.test(line)) {return { percent: 4, step: 'Unpacking the engine sources' };}
  if (/build-whisper: configuring/.test(line)) {return { percent: 6, step: 'Configuring the build' };}
  if (/build-whisper: building/.test(line)) {return { percent: 10, step: 'Compiling the transcription engine' };}
  return undefined;
}

export function writeStatus(file, status) {
  const part = `${file}.${process.pid}.part`;
  fs.writeFileSync(part, JSON.stringify(status));
  fs.renameSync(part, file);
}

function main() {
  const at = process.argv.indexOf('--status');
  const file = at > 0 ? process.argv[at + 1] : undefined;
  if (file === undefined) {
    console.error('usage: node scripts/engine-build.mjs --status FILE');
    return Promise.resolve(2);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const log = fs.createWriteStream(path.join(path.dirname(file), 'engine-build.log'));
  let status = { state: 'building', percent: 0, step: 'Starting the engine build', pid: process.pid };
  writeStatus(file, status);
  const scriptAt = process.argv.indexOf('--script');
  const script = scriptAt > 0 ? process.argv[scriptAt + 1] : path.join(root, 'scripts', 'build-whisper.sh');
  const child = spawn('bash', [script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let lastError = '';
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    log.write(`${line}\n`);
    const progress = progressOf(line);
    if (progress !== undefined && (progress.percent !== status.percent || progress.step !== status.step)) {
      status = { ...status, ...progress };
      writeStatus(file, status);
    }
  });
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    log.write(`${line}\n`);
    if (line.trim() !== '') {lastError = line.replace(/^build-whisper: /, '');}
  });
  return new Promise((resolve) => {
    child.on('error', (error) => {
      writeStatus(file, { state: 'failed', percent: status.percent, step: `bash could not run (${error.message}).` });
      resolve(1);
    });
    child.on('close', (code) => {
      log.end();
      if (code === 0) {
        writeStatus(file, { state: 'ready', percent: 100, step: 'Built' });
      } else {
        writeStatus(file, { state: 'failed', percent: status.percent, step: lastError === '' ? `the build exited with code ${code}.` : lastError.slice(0, 400) });
      }
      resolve(code === 0 ? 0 : 1);
    });
  });
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
