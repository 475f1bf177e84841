// Issue #10, item 4: the README's record example, run through `npx callvault` exactly as
// documented, leaves no personal data in npm's logs and cache, the home directory, temp files,
// the vault, or any process's command line while it runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../../src/platform/audio/wav';
import { runCliCapture } from '../../helpers/cli-runner';
import { parentOf, processCommandLines, scanForPersonalData } from '../../helpers/pii-scan';
import { REPO_ROOT } from '../../helpers/spawn-tsx';
import { PASSPHRASE } from '../../helpers/vault-fixture';

/** The fenced block after the README's marker, as a user would paste it into a shell. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /<!-- readme-record-example -->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) {
    throw new Error('README.md has no record example after <!-- readme-record-example -->');
  }
  return block;
}

/** Every name, email, account and title in the example: what must not leak. */
function personalData(example: string): string[] {
  const json = /<<'EOF'\n([\s\S]*?)\nEOF/.exec(example)?.[1];
  if (json === undefined) {
    throw new Error('the README example does not pass its details on standard input');
  }
  const details = JSON.parse(json) as { participants: { name: string; email: string }[]; account: string; title: string };
  return [...details.participants.flatMap((p) => [p.name, p.email]), details.account, details.title];
}

let root: string;
let dirs: { home: string; npmCache: string; npmLogs: string; tmp: string; vaultHome: string; work: string };

beforeAll(async () => {
  // Inside the checkout (under the ignored .tmp/) so `npx callvault` finds this project's bin,
  // as it does for a user running the README's commands from their checkout.
  fs.mkdirSync(path.join(REPO_ROOT, '.tmp'), { recursive: true });
  root = fs.mkdtempSync(path.join(REPO_ROOT, '.tmp', 'readme-npx-'));
  const made = (name: string): string => {
    const dir = path.join(root, name);
    fs.mkdirSync(dir);
    return dir;
  };
  dirs = { home: made('home'), npmCache: made('npm-cache'), npmLogs: made('npm-logs'), tmp: made('tmp'), vaultHome: made('callvault'), work: made('work') };
  const env = { CALLVAULT_HOME: dirs.vaultHome, CALLVAULT_PASSPHRASE: PASSPHRASE };
  expect((await runCliCapture(['vault', 'init', '--name-file', '-'], env, 'Rita\n')).code).toBe(0);
  expect((await runCliCapture(['policy', 'acknowledge', '--yes'], env)).code).toBe(0);
  fs.writeFileSync(path.join(dirs.home, '.callvault-passphrase'), `${PASSPHRASE}\n`, { mode: 0o600 });
  const tone = Int16Array.from({ length: 16_000 * 2 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16_000)));
  fs.writeFileSync(path.join(dirs.work, 'call.wav'), encodeWav({ sampleRate: 16_000, channels: [tone] }));
}, 120_000);

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** The user's environment: no npm_* variables from the test runner's own npm, npm's defaults. */
function userEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^npm_/i.test(key) && !key.startsWith('CALLVAULT_') && !key.startsWith('VITEST')) {
      env[key] = value;
    }
  }
  return { ...env, HOME: dirs.home, TMPDIR: dirs.tmp, CALLVAULT_HOME: dirs.vaultHome, npm_config_cache: dirs.npmCache, npm_config_logs_dir: dirs.npmLogs };
}

describe('the README record example', () => {
  it('imports the call and leaves no participant, email, account or title in npm logs, files, the vault or the process list', async () => {
    const example = readmeExample();
    const canaries = personalData(example);
    expect(canaries.length).toBeGreaterThanOrEqual(4);
    // The shell reads the example as if pasted into it (not "sh -c", which would put the whole
    // script, heredoc included, in its own argv), in the folder of the call's relative call.wav.
    const child = spawn('sh', ['-s'], { cwd: REPO_ROOT, env: userEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(`cd ${JSON.stringify(dirs.work)}\n${example}`);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));

    // Sample every command line that descends from the shell while it runs (npm, node, the CLI).
    const seen = new Set<string>();
    const root = child.pid ?? -1;
    const descends = (pid: number): boolean => {
      for (let p: number | undefined = pid, depth = 0; p !== undefined && p > 1 && depth < 20; p = parentOf(p), depth += 1) {
        if (p === root) {
          return true;
        }
      }
      return false;
    };
    const sampler = setInterval(() => {
      for (const [pid, line] of processCommandLines()) {
        if (descends(pid)) {
          seen.add(line);
        }
      }
    }, 20);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearInterval(sampler);

    // npm may print its update notice; nothing else is expected on stderr.
    expect(stderr.split('\n').filter((l) => l !== '' && !l.startsWith('npm notice'))).toEqual([]);
    expect(stdout).toMatch(/^Imported call\.wav as recording [0-9a-f-]{36}/);
    expect(code).toBe(0);

    // The check is not vacuous: npm and the CLI process were seen with their arguments.
    const lines = [...seen];
    expect(lines.some((l) => /callvault/.test(l) && / record /.test(l))).toBe(true);
    expect(lines.filter((l) => canaries.some((c) => l.includes(c)))).toEqual([]);

    // npm wrote its debug log for the run, and it holds the command, not the details.
    const logs = fs.readdirSync(dirs.npmLogs);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.map((f) => fs.readFileSync(path.join(dirs.npmLogs, f), 'utf8')).join('\n')).toMatch(/record/);
    expect(scanForPersonalData(Object.values(dirs), canaries)).toEqual([]);
  }, 180_000);

  it('refuses the old personal-data arguments, naming the safe form and echoing no value', async () => {
    // The one place personal data goes into argv: to prove it is refused (in-process, no npm).
    const result = await runCliCapture(
      ['record', '--import', path.join(dirs.work, 'call.wav'), '--call-type', 'discovery', '--consent', 'verbal', '--participant', 'Pat Refused <pat.refused@old-flags.example>', '--account', 'Old Flags Account'],
      { CALLVAULT_HOME: dirs.vaultHome, CALLVAULT_PASSPHRASE: PASSPHRASE },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--participant, --account are no longer accepted/);
    expect(result.stderr).toMatch(/--details FILE/);
    expect(result.stderr).toMatch(/--details -/);
    expect(result.stderr).not.toMatch(/Pat Refused|pat\.refused|Old Flags Account/);
  });
});
