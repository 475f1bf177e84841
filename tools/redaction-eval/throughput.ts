/** Throughput of a transcript processor in MB/s of UTF-8 text, after a warm-up. */
import { performance } from 'node:perf_hooks';

export interface Throughput {
  /** MB per second of wall-clock time (what a user waits; noisy on a shared machine). */
  readonly wall: number;
  /** MB per second of this process's CPU time (less sensitive to other load on the machine). */
  readonly cpu: number;
}

const round = (v: number): number => Math.round(v * 100) / 100;

const cpuMsSince = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

/**
 * MB/s of UTF-8 transcript text: warmed up for `warmMs` of CPU time, then the set repeated
 * until `minMs` of this process's CPU time have passed. Both are CPU time, not wall-clock: on
 * a loaded machine 1.5 s of wall-clock time can be a few hundred milliseconds of CPU, which is
 * still JIT warm-up for the detectors (measured: 0.3 MB/s in the first 1.5 s, 1.9 by the third).
 */
export function throughput(texts: readonly string[], run: (text: string) => unknown, minMs = 1500, warmMs = 1500): Throughput {
  return throughputOf(texts, (t) => t, run, minMs, warmMs);
}

/** `throughput` over any items (whole transcripts, say), counting the UTF-8 bytes of `textOf(item)`. */
export function throughputOf<T>(items: readonly T[], textOf: (item: T) => string, run: (item: T) => unknown, minMs = 1500, warmMs = 1500): Throughput {
  const bytes = items.reduce((sum, item) => sum + Buffer.byteLength(textOf(item), 'utf8'), 0);
  // Whole passes first, so the processor measured is not paying for JIT warm-up.
  const warmStart = process.cpuUsage();
  do {
    for (const item of items) {
      run(item);
    }
  } while (cpuMsSince(warmStart) < warmMs);
  // Collect what earlier work left (the bench scores every set first) so its garbage is not
  // charged to this processor's CPU time (`npm run bench` runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  let rounds = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let cpuMs = 0;
  while (cpuMs < minMs) {
    for (const item of items) {
      run(item);
    }
    rounds += 1;
    cpuMs = cpuMsSince(cpuStart);
  }
  const elapsed = performance.now() - start;
  const mb = (bytes * rounds) / 1e6;
  return { wall: round(mb / (elapsed / 1000)), cpu: round(mb / (cpuMs / 1000)) };
}
