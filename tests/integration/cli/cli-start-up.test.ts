// Issue #11 (the CLI starts fast): `callvault --help`, `callvault <command> --help` and usage
// errors must not load the app. The heavy packages (SQLite, libsodium, the contract's zod
// schemas, YAML, the DOCX writer, the passphrase dictionaries) load only once a command has parsed
// its arguments and needs them. The packages each real process imports are read through module
// hooks (tests/fixtures/cli-trace); bench/cli-startup.bench.ts has the timings.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/spawn-tsx';
import { tempDir } from '../../helpers/temp-dir';

const HEAVY = ['better-sqlite3-multiple-ciphers', 'libsodium-wrappers-sumo', 'zod', 'yaml', 'docx', '@zxcvbn-ts/core'] as const;
const COMMANDS = ['vault', 'audit', 'redact', 'policy', 'record', 'transcribe', 'review', 'export', 'search', 'models', 'tags', 'transcript'] as const;

interface Traced {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Every npm package the process imported. */
  readonly packages: ReadonlySet<string>;
}

/** Runs bin/callvault.js as a user would, noting which packages it imports. */
async function traced(args: readonly string[]): Promise<Traced> {
  const traceFile = path.join(tempDir(), 'packages.txt');
  const child = spawn(process.execPath, ['--import', path.join(REPO_ROOT, 'tests', 'fixtures', 'cli-trace', 'register.mjs'), path.join(REPO_ROOT, 'bin', 'callvault.js'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CALLVAULT_TRACE_FILE: traceFile, CALLVAULT_PASSPHRASE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = fs.existsSync(traceFile) ? fs.readFileSync(traceFile, 'utf8').split('\n') : [];
  return { code, stdout, stderr, packages: new Set(lines.filter((l) => l !== '')) };
}

const heavyIn = (run: Traced): string[] => HEAVY.filter((name) => run.packages.has(name));

describe('CLI start-up loads only what the command needs', () => {
  it('a vault command loads SQLite, libsodium and the contract once it runs (the probe sees them)', { timeout: 60_000 }, async () => {
    const run = await traced(['audit', 'verify', '--home', tempDir()]);
    expect(run.stderr).toContain('No vault');
    expect(run.code).toBe(5);
    expect(heavyIn(run)).toEqual(expect.arrayContaining(['better-sqlite3-multiple-ciphers', 'libsodium-wrappers-sumo', 'zod']));
  });

  it('"policy validate" loads the policy parser (YAML, zod) and neither SQLite nor libsodium', { timeout: 60_000 }, async () => {
    const run = await traced(['policy', 'validate', path.join(REPO_ROOT, 'resources', 'policy', 'default-policy.yaml')]);
    expect(run.code).toBe(0);
    expect(heavyIn(run)).toEqual(['zod', 'yaml']);
  });

  it('"--help" and every command\'s "--help" load none of the heavy packages', { timeout: 120_000 }, async () => {
    const runs = new Map<string, Traced>();
    const queue = [[], ...COMMANDS.map((command) => [command])];
    // Two at a time: a 2-core machine, and each run is a whole node process.
    await Promise.all(
      [0, 1].map(async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          runs.set(next.join(' ') || '(none)', await traced([...next, '--help']));
        }
      }),
    );
    expect(runs.size).toBe(COMMANDS.length + 1);
    for (const [command, run] of runs) {
      expect({ command, code: run.code, usage: /usage:/i.test(run.stdout), heavy: heavyIn(run) }).toEqual({ command, code: 0, usage: true, heavy: [] });
    }
  });

  it('a usage error is found before the app loads ("transcript edit" without --base)', { timeout: 60_000 }, async () => {
    const run = await traced(['transcript', 'edit', '1b4e28ba-2fa1-11d2-883f-0016d3cca427', '--edits', '-']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--base N');
    expect(heavyIn(run)).toEqual([]);
  });
});
