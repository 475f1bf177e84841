// Issue #10, item 9: a 50 MB line to "redact --jsonl" is answered with an error line while the
// process's peak memory stays near its baseline (it took 3.7 GB and 105 s before).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/spawn-tsx';

/** Peak resident memory (VmHWM) of a live process in MiB, or undefined once it has ended. */
function peakMiB(pid: number): number | undefined {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

describe('callvault redact --jsonl with a huge line', () => {
  it('skips a 50 MB line with an error line and keeps peak memory bounded', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'callvault.js'), 'redact', '--jsonl'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, peakMiB(child.pid ?? -1) ?? 0);
    }, 25);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    const write = (chunk: string): Promise<void> =>
      new Promise((resolve) => {
        if (child.stdin.write(chunk)) {
          resolve();
        } else {
          child.stdin.once('drain', resolve);
        }
      });
    await write('{"id":"huge","text":"');
    const piece = 'call me at 555 0100 '.repeat(3277); // about 64 KiB
    for (let sent = 0; sent < 50 * 1024 * 1024; sent += piece.length) {
      await write(piece);
    }
    // The last sample before the end of input sees the whole huge line read.
    peak = Math.max(peak, peakMiB(child.pid ?? -1) ?? 0);
    await write('"}\n{"id":"after","text":"my ssn is 123-45-6789"}\n');
    child.stdin.end();
    const code = await exited;
    clearInterval(sampler);

    const out = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: unknown; line?: number; error?: string; findings?: { type: string }[] });
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ id: null, line: 1 });
    expect(out[0]?.error).toMatch(/longer than the 1 MiB limit; it was skipped/);
    expect(out[1]).toMatchObject({ id: 'after', findings: [{ type: 'SSN' }] });
    expect(code).toBe(1);
    // A tsx-run CLI starts at about 150 MiB; the 50 MB line must not add to that.
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(350);
  });
});
