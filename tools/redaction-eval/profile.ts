/**
 * Profiling driver: the detectors and the topic flags over the evaluation sets repeated to
 * about 5 MB of text, as the bench measures them. Run under a profiler:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx tools/redaction-eval/profile.ts [extra.jsonl ...]
 */
import { performance } from 'node:perf_hooks';
import { scanTranscript } from '../../src/core/redaction';
import { loadBlind, loadBlind2, loadEval, loadSegmentSet } from './load';

const extra = process.argv.slice(2).flatMap((path) => loadSegmentSet(path));
const texts = [...loadEval(), ...loadBlind(), ...loadBlind2(), ...extra].map((r) => r.text);
const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
const rounds = Math.max(1, Math.ceil(5e6 / bytes));
const start = performance.now();
const cpu = process.cpuUsage();
for (let round = 0; round < rounds; round += 1) {
  for (const text of texts) {
    scanTranscript([{ speaker: 'customer', text }]);
  }
}
const seconds = (performance.now() - start) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
const mb = (bytes * rounds) / 1e6;
console.log(`${mb.toFixed(2)} MB in ${seconds.toFixed(2)} s (${(mb / seconds).toFixed(2)} MB/s), ${cpuSeconds.toFixed(2)} s of CPU (${(mb / cpuSeconds).toFixed(2)} MB/s)`);
