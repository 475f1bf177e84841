// CLI start-up (issue #11): `callvault redact --jsonl` with empty input, from start to exit, run
// from the compiled build (what `npm ci` makes) against the same command through tsx from the
// TypeScript sources (how it ran before), with a bare `node -e 0` as the floor, in the same run;
// `callvault --help`; and `callvault <command> --help` for every command, which must not load the
// app (handler table, SQLite, libsodium, zod) before the command needs it. On a loaded machine
// the floor itself moves, so `overFloorMs` and `xFloor` (times a bare node start) are the
// figures to compare between runs. Each round runs every case once, in turn, so load that comes
// and goes falls on all of them alike.
//
// BENCH_CLI_BASELINE=DIR also times the same commands from another checkout's build (for
// example a worktree of an earlier commit, with its node_modules linked), in the same rounds.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { median, report, round } from './bench-util';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 9);
const baselineRoot = process.env.BENCH_CLI_BASELINE;

const COMMANDS = ['vault', 'audit', 'policy', 'record', 'models', 'transcribe', 'review', 'export', 'search', 'tags', 'transcript'] as const;

interface Case {
  readonly name: string;
  readonly cwd: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  /** Exit codes that count as a clean run. */
  readonly ok?: readonly number[];
}

function cliCases(cwd: string, prefix: string): Case[] {
  const bin = path.join(cwd, 'bin', 'callvault.js');
  return [
    { name: `${prefix}redact`, cwd, args: [bin, 'redact', '--jsonl'] },
    { name: `${prefix}help`, cwd, args: [bin, '--help'] },
    ...COMMANDS.map((command) => ({ name: `${prefix}${command}`, cwd, args: [bin, command, '--help'] })),
  ];
}

function build(cwd: string): void {
  const result = spawnSync(process.execPath, ['scripts/build-cli.mjs', '--quiet'], { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`scripts/build-cli.mjs failed in ${cwd}`);
  }
}

function timeOnce(c: Case): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, c.args, { cwd: c.cwd, input: '', env: { ...process.env, ...c.env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!(c.ok ?? [0]).includes(result.status ?? -1)) {
    throw new Error(`${c.args.join(' ')} exited ${String(result.status)}: ${result.stderr.toString()}`);
  }
  return ms;
}

build(root);
if (baselineRoot !== undefined) {
  build(baselineRoot);
}
const cases: Case[] = [
  { name: 'floor', cwd: root, args: ['-e', '0'] },
  ...cliCases(root, ''),
  { name: 'tsx', cwd: root, args: [path.join(root, 'bin', 'callvault.js'), 'redact', '--jsonl'], env: { CALLVAULT_CLI_FROM_SOURCE: '1' } },
  ...(baselineRoot === undefined ? [] : cliCases(path.resolve(baselineRoot), 'baseline.')),
];
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
for (let i = 0; i <= runs; i += 1) {
  for (const c of cases) {
    const ms = timeOnce(c);
    if (i > 0) {
      times.get(c.name)?.push(ms); // the first round warms the file cache
    }
  }
}
const med = (name: string): number => median(times.get(name) ?? []);
const floor = med('floor');
const figure = (name: string) => ({ median: round(med(name)), xFloor: round(med(name) / floor) });
const commandHelp = (prefix: string) => Object.fromEntries(COMMANDS.map((command) => [command, figure(`${prefix}${command}`)]));
const slowestHelp = (prefix: string) => Math.max(...COMMANDS.map((command) => med(`${prefix}${command}`)));
const compiled = times.get('redact') ?? [];
report('cli-startup', {
  command: 'callvault redact --jsonl < /dev/null',
  runs,
  compiledMs: { median: round(median(compiled)), max: round(Math.max(...compiled)) },
  overFloorMs: round(median(compiled) - floor),
  helpMs: { median: round(med('help')), overFloor: round(med('help') - floor), xFloor: round(med('help') / floor) },
  commandHelpMs: commandHelp(''),
  slowestCommandHelpMs: { median: round(slowestHelp('')), xFloor: round(slowestHelp('') / floor) },
  ...(baselineRoot !== undefined && {
    baselineBuild: {
      root: baselineRoot,
      redactMs: figure('baseline.redact'),
      helpMs: figure('baseline.help'),
      commandHelpMs: commandHelp('baseline.'),
      slowestCommandHelpMs: { median: round(slowestHelp('baseline.')), xFloor: round(slowestHelp('baseline.') / floor) },
    },
  }),
  baselineTsxMs: { median: round(med('tsx')), max: round(Math.max(...(times.get('tsx') ?? []))) },
  nodeFloorMs: round(floor),
  ratio: round(median(compiled) / med('tsx'), 3),
  goalMs: 400,
});
