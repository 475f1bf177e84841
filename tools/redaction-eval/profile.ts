/**
 * Profiling driver: the detectors and the topic flags over the evaluation sets repeated to
 * about 5 MB of text, as the bench measures them. Run under a profiler:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx tools/redaction-eval/profile.ts
 */
import { performance } from 'node:perf_hooks';
import { scanTranscript } from '../../src/core/redaction';
import { loadBlind, loadBlind2, loadEval, loadSegmentSet } from './load';

const extra = process.argv.slice(2).flatMap((path) => loadSegmentSet(path));
const texts = [...loadEval(), ...loadBlind(), ...loadBlind2(), ...extra].map((r) => r.text);
const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8'), 0);
const rounds = Math.max(1, Math.ceil(5e6 / bytes));
const start = performance.now();
for (let round = 0; round < rounds; round += 1) {
  for (const text of texts) {
    scanTranscript([{ speaker: 'customer', text }]);
  }
}
const seconds = (performance.now() - start) / 1000;
console.log(`${((bytes * rounds) / 1e6).toFixed(2)} MB in ${seconds.toFixed(2)} s: ${((bytes * rounds) / 1e6 / seconds).toFixed(2)} MB/s`);
