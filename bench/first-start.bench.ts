// First run (issue #17): `npm start` on a fresh clone, from the command to a usable UI (the host
// printed its link and the link serves the app), while the transcription engine builds in the
// background. Baseline in the same run: the same start with the engine already built, which is
// the floor any first run can reach. Goal: under 30 s for the first start.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { report, round } from './bench-util';

const root = path.resolve(import.meta.dirname, '..');
const runner = path.join(root, '.cache', 'whisper', 'build-native', 'bin', 'callvault-whisper');

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body }); });
    }).on('error', reject);
  });
}

interface StartRun {
  readonly linkMs: number;
  readonly usableMs: number;
  readonly engine: string;
}

/** Runs `node scripts/start.js` in `clone` until its link serves the app; stops it (and any builder). */
async function timeStart(clone: string, env: Record<string, string>): Promise<StartRun> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-bench-home-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/start.js'], { cwd: clone, env: { ...process.env, CALLVAULT_HOME: home, CALLVAULT_BROWSER_HOST: '1', ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const match = /CallVault is running at (\S+)/.exec(out);
        if (match?.[1] !== undefined) {
          resolve(match[1]);
        }
      });
      child.on('exit', (code) => { reject(new Error(`npm start exited ${String(code)} before serving: ${out}`)); });
    });
    const linkMs = performance.now() - started;
    const page = await get(url);
    if (page.status !== 200 || !page.body.includes('<script')) {
      throw new Error(`the link did not serve the app (HTTP ${page.status})`);
    }
    const usableMs = performance.now() - started;
    const statusFile = path.join(clone, '.cache', 'whisper', 'engine-status.json');
    const engine = fs.existsSync(statusFile) ? (JSON.parse(fs.readFileSync(statusFile, 'utf8')) as { state: string; percent: number }) : undefined;
    return { linkMs, usableMs, engine: engine === undefined ? 'not built here (already there)' : `${engine.state} ${engine.percent}%` };
  } finally {
    child.kill('SIGTERM');
    const statusFile = path.join(clone, '.cache', 'whisper', 'engine-status.json');
    if (fs.existsSync(statusFile)) {
      const { pid } = JSON.parse(fs.readFileSync(statusFile, 'utf8')) as { pid?: number };
      if (pid !== undefined) {
        try {
          process.kill(-pid, 'SIGKILL'); // the builder leads its own process group (cmake, compilers)
        } catch {
          // already finished
        }
      }
    }
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-bench-clone-'));
try {
  const clone = path.join(scratch, 'callvault');
  execFileSync('git', ['clone', '--quiet', root, clone]);
  // `npm ci` is the README's first step; its result is shared rather than installed again.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));
  const first = await timeStart(clone, {});
  const built = await timeStart(clone, { CALLVAULT_WHISPER_RUNNER: runner });
  report('first-start', {
    firstStartUsableMs: round(first.usableMs),
    firstStartLinkMs: round(first.linkMs),
    engineWhenUsable: first.engine,
    baselineEngineBuiltUsableMs: round(built.usableMs),
    ratio: round(first.usableMs / built.usableMs, 3),
    goalMs: 30_000,
  });
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
