/** Throughput of a transcript processor in MB/s of UTF-8 text, after a warm-up. */
import { performance } from 'node:perf_hooks';

export interface Throughput {
  /** MB per second of wall-clock time (what a user waits; noisy on a shared machine). */
  readonly wall: number;
  /** MB per second of this process's CPU time (less sensitive to other load on the machine). */
  readonly cpu: number;
}

const round = (v: number): number => Math.round(v * 100) / 100;

/** MB/s of UTF-8 transcript text, repeating the set until at least `minMs` have passed. */
export function throughput(texts: readonly string[], run: (text: string) => unknown, minMs = 1500): Throughput {
  return throughputOf(texts, (t) => t, run, minMs);
}

/** `throughput` over any items (whole transcripts, say), counting the UTF-8 bytes of `textOf(item)`. */
export function throughputOf<T>(items: readonly T[], textOf: (item: T) => string, run: (item: T) => unknown, minMs = 1500): Throughput {
  const bytes = items.reduce((sum, item) => sum + Buffer.byteLength(textOf(item), 'utf8'), 0);
  // A whole pass first, so the first processor measured is not the one that pays for JIT warm-up.
  for (const item of items) {
    run(item);
  }
  let rounds = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const item of items) {
      run(item);
    }
    rounds += 1;
    elapsed = performance.now() - start;
  }
  const cpu = process.cpuUsage(cpuStart);
  const mb = (bytes * rounds) / 1e6;
  return { wall: round(mb / (elapsed / 1000)), cpu: round(mb / ((cpu.user + cpu.system) / 1e6)) };
}
