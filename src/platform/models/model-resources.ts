/**
 * Can this machine hold and run a model? Disk is checked before a download or import starts, so
 * a full disk is a clear message and not a half-written file; memory before a model is used,
 * because whisper.cpp that runs out of memory is killed by the system mid-transcription.
 */
import os from 'node:os';
import { statfs } from 'node:fs/promises';
import { ModelError } from './model-error';

/** Room left after a model is written, so the vault and the OS are not starved by it. */
export const DISK_HEADROOM_BYTES = 64 * 1024 * 1024;

export type FreeDiskBytes = (dir: string) => Promise<number>;

/** Bytes available to this user on the file system holding `dir`. */
export const freeDiskBytes: FreeDiskBytes = async (dir) => {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) {
    return `${(bytes / 1e9).toFixed(1)} GB`;
  }
  if (bytes >= 1e6) {
    return `${Math.round(bytes / 1e6)} MB`;
  }
  return `${Math.max(0, Math.round(bytes / 1e3))} kB`;
}

/** Throws ModelError('no-space') unless `needed` bytes plus headroom fit in `dir`. */
export async function ensureDiskSpace(dir: string, needed: number, what: string, free: FreeDiskBytes = freeDiskBytes): Promise<void> {
  const available = await free(dir);
  if (available < needed + DISK_HEADROOM_BYTES) {
    throw new ModelError(
      'no-space',
      `Not enough disk space for ${what}: it needs ${formatBytes(needed)} (plus ${formatBytes(DISK_HEADROOM_BYTES)} to spare) and ${dir} has ${formatBytes(available)} free. Free some space or choose a smaller model.`,
    );
  }
}

export interface MemoryFigures {
  /** Memory available now; leave it out to ask only whether the machine could ever run it. */
  readonly freeBytes?: number;
  readonly totalBytes: number;
}

export function systemMemory(): MemoryFigures {
  return { freeBytes: os.freemem(), totalBytes: os.totalmem() };
}

/**
 * Throws ModelError('no-memory') when the model cannot run: more than the machine has at all,
 * or more than is available now (then closing other programs helps). Call it before starting a
 * transcription with a resolved model; a download asks only about the total.
 */
export function ensureMemoryFor(model: { readonly name: string; readonly memoryBytes: number }, memory: MemoryFigures = systemMemory()): void {
  if (model.memoryBytes > memory.totalBytes) {
    throw new ModelError('no-memory', `The model ${model.name} needs about ${formatBytes(model.memoryBytes)} of memory and this computer has ${formatBytes(memory.totalBytes)} in all. Choose a smaller model (a tiny or quantised one).`);
  }
  if (memory.freeBytes !== undefined && model.memoryBytes > memory.freeBytes) {
    throw new ModelError('no-memory', `The model ${model.name} needs about ${formatBytes(model.memoryBytes)} of memory and only ${formatBytes(memory.freeBytes)} is free now. Close other programs and try again, or choose a smaller model.`);
  }
}
