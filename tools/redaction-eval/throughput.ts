/** Throughput of a transcript processor in MB/s of UTF-8 text, after a warm-up. */
import { performance } from 'node:perf_hooks';

/** MB/s of UTF-8 transcript text, repeating the set until at least `minMs` have passed. */
export function throughput(texts: readonly string[], run: (text: string) => unknown, minMs = 1500): number {
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
  // A whole pass first, so the first processor measured is not the one that pays for JIT warm-up.
  for (const t of texts) {
    run(t);
  }
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const t of texts) {
      run(t);
    }
    rounds += 1;
    elapsed = performance.now() - start;
  }
  return Math.round(((bytes * rounds) / 1e6 / (elapsed / 1000)) * 100) / 100;
}
