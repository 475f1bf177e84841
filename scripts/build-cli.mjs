#!/usr/bin/env node
// Compiles the `callvault` command line to JavaScript in out/cli/bin/, so it starts without
// compiling TypeScript at every run (scripts call it in loops). `npm ci` and `npm install` run it
// (the `prepare` script); `npm run build:cli` runs it by hand. bin/callvault.js uses the build
// only while it is newer than every source file it was made from, so an edited checkout never
// runs stale code (it falls back to tsx).
//
// Invariant: the output sits three folders below the repository root (out/cli/bin/), as every
// source module sits three folders below it (src/<layer>/<folder>/), so the few modules that find
// resources/ and .cache/ relative to their own file find the same places when bundled.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'out', 'cli', 'bin');
const quiet = process.argv.includes('--quiet');

/** The newest modification time among the files the CLI is built from. */
export function newestSourceMtime(dir = path.join(root, 'src')) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'renderer') {
      continue; // The UI is not part of the command line.
    }
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const started = Date.now();
const sourceMtime = newestSourceMtime();
fs.rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  metafile: true, // which sources the build is made from, for bin/callvault.js's freshness check
  entryPoints: { callvault: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true, // commands stay lazily loaded, as in main.ts
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: quiet ? 'error' : 'warning',
});
// The key-derivation worker is started by file name, next to the module that starts it.
fs.copyFileSync(path.join(root, 'src', 'platform', 'crypto', 'kdf-worker.js'), path.join(outdir, 'kdf-worker.js'));
// bin/callvault.js stats exactly these files at start (not the whole src tree) to tell whether the
// build is still current; files outside src/ (node_modules) are not the checkout's to edit.
const inputs = Object.keys(result.metafile.inputs).filter((file) => file.startsWith('src/')).sort();
fs.writeFileSync(path.join(outdir, 'build-info.json'), `${JSON.stringify({ sourceMtime, inputs })}\n`);
if (!quiet) {
  console.log(`build-cli: out/cli/bin/callvault.js in ${Date.now() - started} ms`);
}
