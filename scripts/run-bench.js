#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in its own process, one after another, so one
// benchmark's memory and threads do not disturb the next. Each prints "BENCH name {figures}".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const only = process.argv.slice(2);
const files = fs
  .readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join('bench', file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.log(`${file} failed (exit ${result.status})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
