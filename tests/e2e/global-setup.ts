import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromiumPath } from '../helpers/browser';
import { REPO_ROOT } from '../helpers/spawn-tsx';

/** Builds the renderer once for the whole e2e run, and fails early if Chromium is missing. */
export default function setup(): void {
  if (!fs.existsSync(chromiumPath())) {
    throw new Error(`Chromium not found at ${chromiumPath()}: install Debian's "chromium" package (see .ci/run) or set CHROMIUM_PATH.`);
  }
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error('The renderer build failed; see the output above.');
  }
}
