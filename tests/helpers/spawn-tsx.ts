import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Runs a TypeScript file of the repo in a child Node process through tsx. */
export function spawnTsx(file: string, args: readonly string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', path.resolve(REPO_ROOT, file), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Resolves with the child's stdout lines as they arrive, until `until` returns true. */
export function readLinesUntil(child: ChildProcessWithoutNullStreams, until: (lines: string[]) => boolean, timeoutMs = 60_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => { reject(new Error(`timed out; stderr: ${stderr}`)); }, timeoutMs);
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      if (until(lines)) {
        clearTimeout(timer);
        resolve(lines);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!until(lines)) {
        reject(new Error(`child exited (${String(code)}) early; stderr: ${stderr}`));
      }
    });
  });
}
