/**
 * Base against branch in one process, interleaved: CPU MB/s of the scan per dev line (detectors
 * + topics, as the bench) and of whole transcripts (blind-5's exchanges through scanTranscript).
 *   git archive BASE src | tar -x -C /tmp/base
 *   npx tsx tools/redaction-eval/ab.ts /tmp/base/src/core/redaction/index.ts [runs] [ms]
 * Each run measures every variant for `ms` of CPU time, alternating which goes first; prints
 * the median and best of the runs and the load average. `detectors` (dev lines) and
 * `transcript topics` (blind-5's segments) measure the two halves of the scan.
 */
import { loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as branch from '../../src/core/redaction';
import { loadEval, loadSegmentSet } from './load';

type Scan = typeof branch.scanTranscript;
type Detect = typeof branch.detectSensitive;
type Topics = typeof branch.flagSegmentTopics;

const basePath = process.argv[2];
if (basePath === undefined) {
  throw new Error('usage: ab.ts BASE/src/core/redaction/index.ts [runs] [ms]');
}
const runs = Number(process.argv[3] ?? '8');
const ms = Number(process.argv[4] ?? '600');
const base = (await import(pathToFileURL(basePath).href)) as { scanTranscript: Scan; detectSensitive: Detect; flagSegmentTopics: Topics };

const lines = loadEval().map((r) => r.text);
const exchanges = loadSegmentSet(fileURLToPath(new URL('../../tests/fixtures/redaction/blind-5.jsonl', import.meta.url)));
const lineBytes = lines.reduce((s, t) => s + Buffer.byteLength(t, 'utf8'), 0);
const exchangeBytes = exchanges.reduce((s, r) => s + Buffer.byteLength(r.text, 'utf8'), 0);

const cpuMs = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

function measure(bytes: number, pass: () => void): number {
  const start = process.cpuUsage();
  let rounds = 0;
  let used = 0;
  while (used < ms) {
    pass();
    rounds += 1;
    used = cpuMs(start);
  }
  return (bytes * rounds) / 1e6 / (used / 1000);
}

interface Variant {
  readonly name: string;
  readonly perLine: () => void;
  readonly transcripts: () => void;
  readonly detect: () => void;
  readonly topics: () => void;
}

const variant = (name: string, scan: Scan, detect: Detect, topics: Topics): Variant => ({
  name,
  perLine: () => {
    for (const text of lines) {
      scan([{ speaker: 'customer', text }]);
    }
  },
  transcripts: () => {
    for (const r of exchanges) {
      scan(r.segments);
    }
  },
  detect: () => {
    for (const text of lines) {
      detect(text);
    }
  },
  topics: () => {
    for (const r of exchanges) {
      topics(r.segments);
    }
  },
});

const variants = [variant('base', base.scanTranscript, base.detectSensitive, base.flagSegmentTopics), variant('branch', branch.scanTranscript, branch.detectSensitive, branch.flagSegmentTopics)];
const figures = new Map<string, number[]>();
const record = (key: string, value: number): void => {
  figures.set(key, [...(figures.get(key) ?? []), value]);
};

// Warm-up: each variant for 1.5 s of CPU on each measure.
for (const v of variants) {
  measure(lineBytes, v.perLine);
  measure(exchangeBytes, v.transcripts);
  measure(lineBytes, v.detect);
  measure(exchangeBytes, v.topics);
  measure(lineBytes, v.perLine);
}
const loadBefore = loadavg()[0] ?? 0;
for (let run = 0; run < runs; run += 1) {
  const order = run % 2 === 0 ? variants : [...variants].reverse();
  for (const v of order) {
    record(`${v.name} scan per line`, measure(lineBytes, v.perLine));
    record(`${v.name} transcripts`, measure(exchangeBytes, v.transcripts));
    record(`${v.name} detectors`, measure(lineBytes, v.detect));
    record(`${v.name} transcript topics`, measure(exchangeBytes, v.topics));
  }
}
const loadAfter = loadavg()[0] ?? 0;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
for (const [key, values] of figures) {
  console.log(`${key.padEnd(26)} median ${median(values).toFixed(2)}  best ${Math.max(...values).toFixed(2)}  (${values.map((v) => v.toFixed(2)).join(' ')})`);
}
for (const measureName of ['scan per line', 'transcripts', 'detectors', 'transcript topics']) {
  const bs = figures.get(`base ${measureName}`) ?? [];
  const ns = figures.get(`branch ${measureName}`) ?? [];
  // Paired: each run's two figures were measured next to each other, so slow swings of the
  // machine's load cancel in their ratio.
  const paired = ns.map((n, i) => n / (bs[i] ?? n));
  console.log(`ratio ${measureName}: medians ${(median(ns) / median(bs)).toFixed(2)}x, median of paired ratios ${median(paired).toFixed(2)}x`);
}
console.log(`load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`);
