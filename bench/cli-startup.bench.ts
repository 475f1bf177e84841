// CLI start-up (issue #11): `callvault redact --jsonl` with empty input, from start to exit, run
// from the compiled build (what `npm ci` makes) against the same command through tsx from the
// TypeScript sources (how it ran before), with a bare `node -e 0` as the floor, in the same run;
// and `callvault --help`. On a loaded machine the floor itself moves, so `overFloorMs` (what the
// CLI adds to starting node at all) is the figure to compare between runs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { median, report, round } from './bench-util';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 9);

function timeCommand(args: readonly string[], env: Record<string, string> = {}): number[] {
  const times: number[] = [];
  for (let i = 0; i <= runs; i += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: root, input: '', env: { ...process.env, ...env } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      throw new Error(`${args.join(' ')} exited ${String(result.status)}: ${result.stderr.toString()}`);
    }
    if (i > 0) {
      times.push(ms); // the first run warms the file cache
    }
  }
  return times;
}

const build = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  throw new Error('scripts/build-cli.mjs failed');
}
const cli = ['bin/callvault.js', 'redact', '--jsonl'];
const floor = median(timeCommand(['-e', '0']));
const compiled = timeCommand(cli);
const help = timeCommand(['bin/callvault.js', '--help']);
const fromSource = timeCommand(cli, { CALLVAULT_CLI_FROM_SOURCE: '1' });
report('cli-startup', {
  command: 'callvault redact --jsonl < /dev/null',
  runs,
  compiledMs: { median: round(median(compiled)), max: round(Math.max(...compiled)) },
  overFloorMs: round(median(compiled) - floor),
  helpMs: { median: round(median(help)), overFloor: round(median(help) - floor) },
  baselineTsxMs: { median: round(median(fromSource)), max: round(Math.max(...fromSource)) },
  nodeFloorMs: round(floor),
  ratio: round(median(compiled) / median(fromSource), 3),
  goalMs: 400,
});
