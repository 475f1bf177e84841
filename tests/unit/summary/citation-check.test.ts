import { describe, expect, it } from 'vitest';
import { checkCitations, supports, type ProposedItem, type SummarySegment } from '../../../src/core/summary';

const segments: SummarySegment[] = [
  { index: 0, speaker: 'rep', startMs: 0, text: 'Thanks for joining. Shall we look at the rollout plan?' },
  { index: 1, speaker: 'customer', startMs: 5_000, text: 'We tried Gong last year but the price was too high.' },
  { index: 2, speaker: 'rep', startMs: 9_000, text: "I'll send the revised quote for 40 seats by Friday." },
  { index: 3, speaker: 'customer', startMs: 14_000, text: 'That might work if procurement is comfortable.' },
];

const item = (over: Partial<ProposedItem>): ProposedItem => ({ section: 'nextSteps', text: 'Send the revised quote', citations: [2], owner: 'rep', due: null, certainty: null, ...over });

describe('citation check', () => {
  it('keeps an item whose cited segment says it, and numbers the kept items', () => {
    const { items, dropped } = checkCitations([item({ due: 'Friday' })], segments);
    expect(dropped).toEqual([]);
    expect(items).toEqual([{ ...item({ due: 'Friday' }), id: 'i1' }]);
  });

  it('drops an item that cites a segment that does not say it', () => {
    const { items, dropped } = checkCitations([item({ text: 'Send the revised quote for 40 seats', citations: [1] })], segments);
    expect(items).toEqual([]);
    expect(dropped).toEqual([{ index: 0, reason: 'unsupported' }]);
  });

  it('drops an item citing a segment that does not exist, and one citing nothing', () => {
    const { items, dropped } = checkCitations([item({ citations: [2, 9] }), item({ citations: [] }), item({ citations: [-1] })], segments);
    expect(items).toEqual([]);
    expect(dropped.map((d) => d.reason)).toEqual(['missing-segment', 'no-citation', 'missing-segment']);
  });

  it('drops an item with an invented number or name even when its other words are cited', () => {
    // 40 seats were said; 400 were not. Gong was named; Chorus was not.
    expect(checkCitations([item({ text: 'Send the revised quote for 400 seats' })], segments).items).toEqual([]);
    expect(checkCitations([item({ section: 'competitors', text: 'The customer tried Chorus last year', citations: [1] })], segments).items).toEqual([]);
    expect(checkCitations([item({ section: 'competitors', text: 'The customer tried Gong last year', citations: [1] })], segments).items).toHaveLength(1);
  });

  it('drops an item whose due date was not said in the cited words', () => {
    expect(checkCitations([item({ due: 'Monday' })], segments).dropped).toEqual([{ index: 0, reason: 'unsupported' }]);
  });

  it('keeps only the supported items of a mixed list, in order', () => {
    const { items, dropped } = checkCitations(
      [item({}), item({ section: 'objections', text: 'Security review is blocking the deal', citations: [1] }), item({ section: 'objections', text: 'The price was too high', citations: [1] })],
      segments,
    );
    expect(items.map((i) => [i.id, i.text])).toEqual([
      ['i1', 'Send the revised quote'],
      ['i2', 'The price was too high'],
    ]);
    expect(dropped).toEqual([{ index: 1, reason: 'unsupported' }]);
  });

  it('takes a commitment\'s certainty from the cited words, never surer than they are', () => {
    const { items } = checkCitations([item({ section: 'commitments', text: 'Procurement is comfortable, it will work', citations: [3], owner: 'customer', certainty: 'firm' })], segments);
    expect(items[0]?.certainty).toBe('conditional');
  });

  it('does not count redaction placeholders as words', () => {
    expect(supports('My card is [CARD].', 'card [CARD]')).toBe(true);
    expect(supports('My number is [PHONE].', 'number is 555 0100')).toBe(false);
  });
});
