#!/usr/bin/env node
// The team server's command line. Runs the TypeScript sources through tsx (a dependency), so the
// server deploys as this workspace and the pure src/shared and src/core files it imports.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2));
if (code >= 0) {
  process.exitCode = code;
}
