#!/usr/bin/env node
// The `callvault` command line. Runs the compiled build in out/cli/bin/ (scripts/build-cli.mjs,
// made by `npm ci`) while it is up to date; otherwise, as in a checkout being edited, the
// TypeScript sources through tsx, so it always runs the code in front of you.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'out', 'cli', 'bin');

function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'renderer') {
      continue;
    }
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The newest of the files the build was made from (build-info.json lists them), or Infinity when
 * one is gone. Statting only those keeps this check to a few milliseconds at every start; an edit
 * that imports a new file changes a listed one, so it is still seen.
 */
function newestInputMtime(inputs) {
  let newest = 0;
  for (const file of inputs) {
    const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    if (stat === undefined) {
      return Number.POSITIVE_INFINITY;
    }
    newest = Math.max(newest, stat.mtimeMs);
  }
  return newest;
}

function buildIsCurrent() {
  if (process.env.CALLVAULT_CLI_FROM_SOURCE === '1') {
    return false;
  }
  try {
    const info = JSON.parse(fs.readFileSync(path.join(built, 'build-info.json'), 'utf8'));
    const sources = path.join(root, 'src');
    // A packaged install has no sources: the build is all there is.
    if (!fs.existsSync(sources)) {
      return true;
    }
    return info.sourceMtime >= (Array.isArray(info.inputs) ? newestInputMtime(info.inputs) : newestSourceMtime(sources));
  } catch {
    return false;
  }
}

// A reader that stops early (`callvault ... | head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') {
      process.exit(process.exitCode ?? 0);
    }
    throw error;
  });
}

let runCli;
if (buildIsCurrent()) {
  ({ runCli } = await import(path.join(built, 'callvault.js')));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/cli/main.ts'));
}
process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interactive: Boolean(process.stdin.isTTY),
});
