#!/usr/bin/env node
// The `callvault` command line. Runs the TypeScript sources through tsx, so it works straight
// from a checkout (`npx callvault ...`) with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interactive: Boolean(process.stdin.isTTY),
});
