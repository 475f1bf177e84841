// The lock files that name their owner (core/locks/owner-lock.ts), and the team server's data
// directory lock built on it: a live owner keeps it, a dead one loses it, and a lock still being
// written (created, its pid not yet in it) is not taken over until it is clearly abandoned.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockIsStale, lockOwnerPid, UNWRITTEN_LOCK_GRACE_MS } from '../../../src/core/locks/owner-lock';
import { lockDataDir } from '../../../server/src/data-lock';
import { tempDir } from '../../helpers/temp-dir';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('a lock file that names its owner', () => {
  const running = (alive: readonly number[]) => (pid: number) => alive.includes(pid);

  it('reads the owner as a whole positive pid, nothing else', () => {
    expect(lockOwnerPid('4242')).toBe(4242);
    expect(lockOwnerPid(' 4242\n')).toBe(4242);
    for (const content of ['', '0', '-1', '42.5', '1e3', 'abc', '42 43', '99999999999999999999']) {
      expect(lockOwnerPid(content)).toBeUndefined();
    }
  });

  it('is kept while its owner runs, and may be taken over once the owner is gone', () => {
    expect(lockIsStale('4242', 0, running([4242]))).toBe(false);
    expect(lockIsStale('4242', 10 * UNWRITTEN_LOCK_GRACE_MS, running([4242]))).toBe(false);
    expect(lockIsStale('4242', 0, running([]))).toBe(true);
  });

  it('with no owner written yet, is being written until the grace has passed', () => {
    for (const content of ['', 'garbage']) {
      expect(lockIsStale(content, 0, running([]))).toBe(false);
      expect(lockIsStale(content, UNWRITTEN_LOCK_GRACE_MS, running([]))).toBe(false);
      expect(lockIsStale(content, UNWRITTEN_LOCK_GRACE_MS + 1, running([]))).toBe(true);
    }
  });
});

describe("the team server's data directory lock", () => {
  const systemClock = { now: () => new Date() };
  const lockFile = (dir: string) => path.join(dir, 'server.lock');

  it('is held by one opener at a time and released by its owner', () => {
    const dir = tempDir();
    const release = lockDataDir(dir, systemClock);
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir, systemClock)).toThrow(`in use by process ${process.pid}`);
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    lockDataDir(dir, systemClock)();
  });

  it('takes over a lock whose owner has exited', () => {
    const dir = tempDir();
    fs.writeFileSync(lockFile(dir), String(deadPid()));
    const release = lockDataDir(dir, systemClock);
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('does not take over a lock still being written (no pid in it yet), only an abandoned one', () => {
    const dir = tempDir();
    fs.writeFileSync(lockFile(dir), '');
    expect(() => lockDataDir(dir, systemClock)).toThrow('in use by a process starting up');
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe('');
    const old = new Date(Date.now() - UNWRITTEN_LOCK_GRACE_MS - 5_000);
    fs.utimesSync(lockFile(dir), old, old);
    const release = lockDataDir(dir, systemClock);
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    release();
  });
});
