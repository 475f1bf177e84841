import { describe, expect, it } from 'vitest';
import { diffTokens, type DiffOp } from '../../../src/core/transcription/word-diff';

function apply(a: readonly string[], b: readonly string[], ops: readonly DiffOp[]): string[] {
  const out: string[] = [];
  let ia = 0;
  for (const op of ops) {
    if (op.kind === 'equal') {
      expect(op.a).toBe(ia);
      expect(a[op.a]).toBe(b[op.b]);
      out.push(a[op.a] ?? '');
      ia += 1;
    } else if (op.kind === 'delete') {
      expect(op.a).toBe(ia);
      ia += 1;
    } else {
      out.push(b[op.b] ?? '');
    }
  }
  expect(ia).toBe(a.length);
  return out;
}

function lcs(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j += 1) {
      const up = row[j] ?? 0;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1] ?? 0);
      diag = up;
    }
  }
  return row[b.length] ?? 0;
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

describe('diffTokens (Myers)', () => {
  it('finds a shortest edit script: it rebuilds b, and keeps as many words as the longest common subsequence', () => {
    const random = rng(7);
    const vocabulary = ['a', 'b', 'c', 'd', 'e'];
    for (let round = 0; round < 300; round += 1) {
      const a = Array.from({ length: Math.floor(random() * 12) }, () => vocabulary[Math.floor(random() * 5)] ?? 'a');
      const b = Array.from({ length: Math.floor(random() * 12) }, () => vocabulary[Math.floor(random() * 5)] ?? 'a');
      const ops = diffTokens(a, b);
      expect(apply(a, b, ops)).toEqual(b);
      expect(ops.filter((o) => o.kind === 'equal')).toHaveLength(lcs(a, b));
    }
  });

  it('reports a replacement in the middle of a long text as one delete and one insert', () => {
    const a = Array.from({ length: 10_000 }, (_, i) => `w${i}`);
    const b = [...a];
    b[5_000] = 'changed';
    const ops = diffTokens(a, b);
    expect(ops.filter((o) => o.kind !== 'equal')).toEqual([{ kind: 'delete', a: 5_000 }, { kind: 'insert', b: 5_000 }]);
  });

  it('gives up searching beyond maxEdits and still returns a correct (if longer) script', () => {
    const a = Array.from({ length: 300 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? `a${i}` : `b${i}`));
    const ops = diffTokens(a, b, 10);
    expect(apply(a, b, ops)).toEqual(b);
    expect(ops.filter((o) => o.kind === 'insert')).toHaveLength(b.length - 1); // only the shared first word kept
  });
});
