/**
 * The scan's whole output on every fixture set (findings with rules and confidences, topic
 * flags with probabilities, evidence and features) is pinned byte for byte: speed work must not
 * change a single finding. A detection change rewrites the snapshot on purpose
 * (`npx tsx tools/redaction-eval/scan-snapshot.ts --write`) and the diff is reviewed.
 */
import { describe, expect, it } from 'vitest';
import { readSnapshot, snapshotLine, snapshotSets } from '../../../tools/redaction-eval/scan-snapshot';

describe('scan output snapshot', () => {
  const expected = readSnapshot();
  const sets = snapshotSets();

  it('covers every record of every set', () => {
    expect(expected.length).toBe(sets.reduce((n, [, records]) => n + records.length, 0));
    expect(new Set(sets.map(([name]) => name))).toEqual(new Set(['eval', 'holdout', 'blind-2', 'blind-3', 'blind-4', 'dev-transcripts', 'blind-5']));
    // Not an empty pin: the sets hold findings and topic flags.
    expect(expected.filter((l) => !l.includes('"findings":[]')).length).toBeGreaterThan(1400);
    expect(expected.filter((l) => !l.includes('"topics":[]')).length).toBeGreaterThan(150);
  });

  for (const [name, records] of sets) {
    it(`gives byte-identical findings and topics on ${name}`, () => {
      const offset = sets.slice(0, sets.findIndex(([n]) => n === name)).reduce((n, [, r]) => n + r.length, 0);
      const mismatches: string[] = [];
      records.forEach((record, i) => {
        const line = snapshotLine(name, record);
        if (line !== expected[offset + i]) {
          mismatches.push(`${record.id}\n  was ${expected[offset + i] ?? '(missing)'}\n  now ${line}`);
        }
      });
      expect(mismatches.slice(0, 5).join('\n')).toBe('');
      expect(mismatches.length).toBe(0);
    });
  }
});
