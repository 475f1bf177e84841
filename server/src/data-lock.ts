import fs from 'node:fs';
import path from 'node:path';
import { lockOwnerPid, lockIsStale } from '../../src/core/locks/owner-lock';
import type { Clock } from '../../src/core/ports/clock';

/**
 * Embedded PGlite belongs to one process at a time: a second opener would corrupt it. Every
 * command that opens a data directory takes this lock; one left by a killed process (its pid
 * is gone) is taken over, as core/locks/owner-lock.ts decides for the model store's locks too.
 */
export function lockDataDir(dataDir: string, clock: Clock): () => void {
  const file = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => {
        fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const content = fs.readFileSync(file, 'utf8');
      if (!lockIsStale(content, clock.now().getTime() - fs.statSync(file).mtimeMs, isAlive)) {
        const pid = lockOwnerPid(content);
        throw new Error(`The data directory ${dataDir} is in use by ${pid === undefined ? 'a process starting up' : `process ${pid}`} (a running server?). Stop it first, or use the admin API.`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}.`);
}

/**
 * Whether `pid` is a running process (signal 0 probes without signalling; EPERM: running, as
 * another user). The model store's lock has the same few lines: core, which both share, makes no
 * system calls, and the server may import nothing else of the app's.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
