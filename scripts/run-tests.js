#!/usr/bin/env node
// Runs every test project (unit, integration, e2e) with vitest and ends with the one summary
// line CI reads: "N passed, N failed". Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The transcription tests run the real whisper.cpp engine: build it first (seconds when cached).
const engine = spawnSync('bash', ['scripts/build-whisper.sh', '--quiet'], { stdio: 'inherit' });
if (engine.status !== 0) {
  console.log('scripts/build-whisper.sh failed: the transcription tests will fail (see its output above).');
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-tests-')), 'report.json');
const vitest = path.resolve('node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(
  process.execPath,
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit', env: process.env },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A file that failed to load has no tests to count: count it as a failure.
  for (const file of json.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      failed += 1;
    }
  }
}
if (result.status !== 0 && failed === 0) {
  failed = 1; // vitest failed for a reason outside any test (config, setup): never report green.
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || result.status !== 0 ? 1 : 0);
