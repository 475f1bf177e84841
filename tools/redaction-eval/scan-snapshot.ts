/**
 * The transcript scan's complete output over every fixture set, one JSON line per record:
 * findings (offsets, type, rule, confidence) and topic flags per segment (topic, confidence,
 * evidence, probability, explaining features). A pure speed change must leave it byte-identical
 * (tests/unit/redaction/scan-snapshot.test.ts); a detection change rewrites it on purpose:
 *   npx tsx tools/redaction-eval/scan-snapshot.ts --write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scanTranscript } from '../../src/core/redaction';
import { loadBlind, loadBlind2, loadEval, loadSegmentSet, type EvalRecord } from './load';

export const SNAPSHOT_PATH = fileURLToPath(new URL('../../tests/fixtures/redaction/scan-snapshot.jsonl', import.meta.url));

const fixture = (name: string): string => fileURLToPath(new URL(`../../tests/fixtures/redaction/${name}`, import.meta.url));

/** Every set the detectors are measured on, by name. */
export function snapshotSets(): readonly (readonly [string, readonly EvalRecord[]])[] {
  return [
    ['eval', loadEval()],
    ['holdout', loadBlind()],
    ['blind-2', loadBlind2()],
    ['blind-3', loadSegmentSet(fixture('blind-3.jsonl'))],
    ['blind-4', loadSegmentSet(fixture('blind-4.jsonl'))],
    ['dev-transcripts', loadSegmentSet(fixture('dev-transcripts.jsonl'))],
    ['blind-5', loadSegmentSet(fixture('blind-5.jsonl'))],
  ];
}

/** One record's scan as a JSON line (numbers as JavaScript prints them: exact for doubles). */
export function snapshotLine(set: string, record: EvalRecord): string {
  const scan = scanTranscript(record.segments);
  return JSON.stringify({
    set,
    id: record.id,
    findings: scan.findings.map((f) => [f.start, f.end, f.type, f.rule, f.confidence]),
    topics: scan.topics
      .filter((s) => s.flags.length > 0)
      .map((s) => [
        s.segment,
        s.flags.map((f) => [f.topic, f.confidence, f.probability, f.evidence.map((e) => [e.start, e.end]), f.features.map((x) => [x.feature, x.weight, x.span.start, x.span.end])]),
      ]),
  });
}

export function snapshotLines(): string[] {
  return snapshotSets().flatMap(([set, records]) => records.map((r) => snapshotLine(set, r)));
}

export function readSnapshot(): string[] {
  return readFileSync(SNAPSHOT_PATH, 'utf8').split('\n').filter((l) => l !== '');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lines = snapshotLines();
  if (process.argv.includes('--write')) {
    writeFileSync(SNAPSHOT_PATH, `${lines.join('\n')}\n`);
    console.log(`wrote ${lines.length} lines to ${SNAPSHOT_PATH}`);
  } else {
    const old = readSnapshot();
    let diffs = 0;
    for (let i = 0; i < Math.max(old.length, lines.length); i += 1) {
      if (old[i] !== lines[i]) {
        diffs += 1;
        console.log(`- ${old[i] ?? ''}\n+ ${lines[i] ?? ''}`);
      }
    }
    console.log(`${diffs} of ${lines.length} lines differ from the snapshot`);
    process.exitCode = diffs === 0 ? 0 : 1;
  }
}
