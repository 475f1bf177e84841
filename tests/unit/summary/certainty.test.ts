import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CERTAINTIES, classifyCertainty, leastCertain, type Certainty } from '../../../src/core/summary';

interface Labelled {
  readonly text: string;
  readonly label: Certainty;
}

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/summary/certainty-sentences.json'), 'utf8')) as { sentences: Labelled[] };

describe('certainty of commitments', () => {
  it('has at least 60 labelled sentences from sales calls, every class represented', () => {
    expect(fixture.sentences.length).toBeGreaterThanOrEqual(60);
    for (const label of CERTAINTIES) {
      expect(fixture.sentences.filter((s) => s.label === label).length).toBeGreaterThanOrEqual(20);
    }
  });

  it('classifies the labelled sentences with at least 90% accuracy and never calls a maybe firm more than once', () => {
    const confusion = new Map<string, number>();
    const wrong: string[] = [];
    for (const { text, label } of fixture.sentences) {
      const got = classifyCertainty(text);
      confusion.set(`${label}->${got}`, (confusion.get(`${label}->${got}`) ?? 0) + 1);
      if (got !== label) {
        wrong.push(`${label} as ${got}: ${text}`);
      }
    }
    const accuracy = 1 - wrong.length / fixture.sentences.length;
    // The figure the report quotes; the misses are printed so a reviewer sees what they are.
    process.stdout.write(`CERTAINTY accuracy ${(accuracy * 100).toFixed(1)}% on ${fixture.sentences.length} sentences; misses:\n${wrong.join('\n')}\n`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    const flattened = (confusion.get('hedged->firm') ?? 0) + (confusion.get('conditional->firm') ?? 0);
    expect(flattened).toBeLessThanOrEqual(1);
  });

  it('reads "That might work if procurement is comfortable" as conditional, not a yes', () => {
    expect(classifyCertainty('That might work if procurement is comfortable.')).toBe('conditional');
  });

  it('does not take the month May for a hedge', () => {
    expect(classifyCertainty('We will sign in May.')).toBe('firm');
    expect(classifyCertainty('We may sign.')).toBe('hedged');
  });

  it('never makes a claim surer than the words', () => {
    expect(leastCertain('firm', 'hedged')).toBe('hedged');
    expect(leastCertain('conditional', 'firm')).toBe('conditional');
    expect(leastCertain('hedged', 'conditional')).toBe('conditional');
  });
});
