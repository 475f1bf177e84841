/** File mechanics of the model store: sizes, hashing copies, atomic installs and a per-file lock. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { lockIsStale } from '../../core/locks/owner-lock';
import { fsyncDirectory } from '../vault/atomic-file';
import { ModelError } from './model-error';

/** Size of a file, or undefined when there is none. */
export async function fileSize(file: string): Promise<number | undefined> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      return undefined;
    }
    throw error;
  }
}

/** Copies `source` to `dest` (created new, 0600), hashing on the way; returns size and sha256. */
export async function copyHashing(source: string, dest: string, signal?: AbortSignal): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const out = await open(dest, 'wx', 0o600);
  try {
    for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20, ...(signal && { signal }) })) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      await out.write(buffer);
      bytes += buffer.length;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Moves a verified file into its final name in one step, durable once this returns. */
export async function installAtomically(from: string, to: string): Promise<void> {
  await rename(from, to);
  fsyncDirectory(path.dirname(to));
}

/**
 * Whether `pid` is a running process: signal 0 probes without signalling (EPERM: running, as
 * another user). The server's data lock has the same few lines: core, which both share, makes no
 * system calls.
 */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when a lock file names no running process (left by a crash); see core/locks/owner-lock.ts. */
async function isStale(lock: string): Promise<boolean> {
  try {
    const [content, info] = await Promise.all([readFile(lock, 'utf8'), stat(lock)]);
    return lockIsStale(content, Date.now() - info.mtimeMs, isAlive);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Runs `work` holding `<dir>/.<file>.lock`, so two downloads, imports or a delete never write
 * the same model file at once (in this process or another).
 */
export async function withFileLock<T>(dir: string, file: string, label: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, `.${file}.lock`);
  const acquire = () => open(lock, 'wx', 0o600);
  let handle;
  try {
    handle = await acquire();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !(await isStale(lock))) {
      throw new ModelError('busy', `The model ${label} is being downloaded, imported or deleted by another task. Wait for it to finish and try again.`, { cause: error });
    }
    await rm(lock, { force: true });
    try {
      handle = await acquire();
    } catch (again) {
      throw new ModelError('busy', `The model ${label} is being downloaded, imported or deleted by another task. Wait for it to finish and try again.`, { cause: again });
    }
  }
  try {
    await handle.writeFile(String(process.pid));
  } finally {
    await handle.close();
  }
  try {
    return await work();
  } finally {
    await rm(lock, { force: true });
  }
}
