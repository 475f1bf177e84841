/** Small helpers shared by the benchmarks: timing with warm-up, medians, and one JSON line of figures. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function timeIt(runs: number, fn: () => unknown): Promise<number[]> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function report(name: string, figures: Record<string, unknown>): void {
  console.log(`BENCH ${name} ${JSON.stringify(figures)}`);
}
