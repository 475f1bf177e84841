#!/usr/bin/env node
// Builds the vault's SQLite module (better-sqlite3-multiple-ciphers) for Electron's ABI into
// build/native/electron-<version>-<platform>-<arch>/better_sqlite3.node, beside the Node build
// that `npm ci` made in node_modules (the tests, the CLI and the browser host load that one).
// src/platform/db/native-binding.ts loads this file when an unpackaged Electron runs.
//
//   node scripts/build-native-electron.mjs [--quiet]
//
// It compiles from the package's sources against Electron's headers (node-gyp fetches them from
// electronjs.org once, so the first run needs internet), in a scratch copy of the package so
// node_modules is never touched. Exit 0 when the module is there; 1 with one line saying why not.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = 'better-sqlite3-multiple-ciphers';
const ADDON = 'better_sqlite3.node';

/** The folder for one Electron version: the same naming as electronSqliteDir() in native-binding.ts. */
export function electronSqliteDir(rootDir, electron, platform, arch) {
  return path.join(rootDir, 'build', 'native', `electron-${electron}-${platform}-${arch}`);
}

/** The node-gyp command line that compiles the addon for one Electron version. */
export function nodeGypArgs(nodeGyp, electron, arch) {
  return [nodeGyp, 'rebuild', '--release', '--runtime=electron', `--target=${electron}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'];
}

/** node-gyp as npm ships it beside this node, or as npm_config_node_gyp names it. */
export function findNodeGyp(env = process.env, execPath = process.execPath) {
  const candidates = [
    env.npm_config_node_gyp,
    path.join(path.dirname(execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((file) => file !== undefined && file !== '' && fs.existsSync(file));
}

function electronVersion() {
  const require = createRequire(path.join(root, 'package.json'));
  return require('electron/package.json').version;
}

function main() {
  const quiet = process.argv.includes('--quiet');
  const electron = electronVersion();
  const dir = electronSqliteDir(root, electron, process.platform, process.arch);
  const target = path.join(dir, ADDON);
  if (fs.existsSync(target)) {
    if (!quiet) {console.log(`build-native-electron: ${path.relative(root, target)} is already built`);}
    return 0;
  }
  const nodeGyp = findNodeGyp();
  if (nodeGyp === undefined) {
    console.error('build-native-electron: node-gyp was not found (it ships with npm); reinstall Node.js with npm.');
    return 1;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-native-'));
  try {
    const source = path.join(root, 'node_modules', PACKAGE);
    fs.cpSync(source, scratch, { recursive: true, filter: (file) => !file.startsWith(path.join(source, 'build')) });
    if (!quiet) {console.log(`build-native-electron: compiling ${PACKAGE} for Electron ${electron} (${process.platform}-${process.arch})...`);}
    const result = spawnSync(process.execPath, nodeGypArgs(nodeGyp, electron, process.arch), { cwd: scratch, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
    const built = path.join(scratch, 'build', 'Release', ADDON);
    if (result.status !== 0 || !fs.existsSync(built)) {
      const last = `${result.stderr ?? ''}`.trim().split('\n').pop() ?? '';
      console.error(`build-native-electron: could not compile the database module for Electron ${electron} (the first build downloads Electron's headers, so it needs internet and a C++ toolchain)${last === '' ? '' : `: ${last}`}`);
      return 1;
    }
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(built, `${target}.part`);
    fs.renameSync(`${target}.part`, target);
    if (!quiet) {console.log(`build-native-electron: ${path.relative(root, target)}`);}
    return 0;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main());
}
