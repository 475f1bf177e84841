// The one normalisation of indexed text and queries: numbers match however they were written.
import { describe, expect, it } from 'vitest';
import { searchBody, searchTerms } from '../../../src/core/search/search-text';

/** Each group: ways of writing the same number; all normalise to the same terms. */
const SAME: readonly (readonly string[])[] = [
  ['4242', 'four two four two', 'forty-two forty-two', 'forty two forty two', 'four thousand two hundred forty-two', 'four thousand two hundred and forty two', '4,242', '42 42', '4 two 4 two'],
  ['20', 'twenty', 'Twenty', 'TWENTY'],
  ['21', 'twenty-one', 'twenty one'],
  ['100', 'a hundred', 'one hundred', 'hundred'],
  ['105', 'one hundred and five', 'one hundred five'],
  ['1200', 'twelve hundred', 'one thousand two hundred', '1,200'],
  ['4200', 'forty-two hundred', 'four thousand two hundred', '4 thousand 200'],
  ['1999', 'nineteen ninety-nine', 'nineteen ninety nine', 'one nine nine nine'],
  ['2020', 'twenty twenty', 'two thousand twenty', 'two thousand and twenty', 'two zero two zero'],
  ['20000', 'twenty thousand', '20 thousand', '20k'],
  ['2300000', 'two million three hundred thousand', '2,300,000'],
  ['5550123', '555-0123', 'five five five oh one two three', 'five five five zero one two three', '555 0123'],
  ['007', 'double oh seven', 'zero zero seven', 'oh oh seven'.replace(/^oh oh/, 'zero oh')],
  ['3.5', 'three point five', '3 point 5'],
  ['21st', 'twenty-first', 'twenty first'],
  ['1st', 'first'],
  ['50%', 'fifty percent', '50 percent'],
  ['١٢٣', '123', 'one two three', '１２３'],
];

/** Pairs that must not normalise alike. */
const DIFFERENT: readonly (readonly [string, string])[] = [
  ['20', '200'],
  ['twenty', 'two hundred'],
  ['four two', 'four twenty'],
  ['42', '24'],
  ['one', 'won'],
  ['oh I see', '0 I see'],
];

describe('search text normalisation', () => {
  for (const group of SAME) {
    it(`reads ${group.map((g) => JSON.stringify(g)).join(', ')} as the same number`, () => {
      const bodies = new Set(group.map(searchBody));
      expect([...bodies], group.join(' | ')).toHaveLength(1);
      expect([...bodies][0]).toMatch(/^[0-9a-z ]+$/);
    });
  }

  for (const [a, b] of DIFFERENT) {
    it(`keeps ${JSON.stringify(a)} and ${JSON.stringify(b)} apart`, () => {
      expect(searchBody(a)).not.toBe(searchBody(b));
    });
  }

  it('spells every number as one term per digit, so digits inside a longer number are found', () => {
    expect(searchBody('card 4242 4242 4242 4242')).toBe('card 4 2 4 2 4 2 4 2 4 2 4 2 4 2 4 2');
    expect(searchBody('the twenty seats')).toBe('the 2 0 seats');
  });

  it('folds case, accents and apostrophes, and keeps spoken "oh" and "one" as words where they are not numbers', () => {
    expect(searchBody('José’s CAFÉ don\'t')).toBe('joses cafe dont');
    expect(searchBody('Oh, I see.')).toBe('oh i see');
    expect(searchBody('at some point we agreed')).toBe('at some point we agreed');
    expect(searchBody('the one we liked')).toBe('the 1 we liked');
  });

  it('gives every term the span it was read from, digit by digit for written numbers', () => {
    const text = 'Call 4242, or forty two.';
    const terms = searchTerms(text);
    expect(terms.map((t) => [t.term, text.slice(t.start, t.end)])).toEqual([
      ['call', 'Call'], ['4', '4'], ['2', '2'], ['4', '4'], ['2', '2'], ['or', 'or'], ['4', 'forty two'], ['2', 'forty two'],
    ]);
    // One uninterrupted number shares a run id; separate numbers do not.
    expect(terms[1]?.run).toBe(terms[4]?.run);
    expect(terms[6]?.run).not.toBe(terms[1]?.run);
  });

  it('yields only letters and digits, whatever the input holds', () => {
    const hostile = 'a"b*c NEAR(x y) ^col: {d} (e OR f) \u0000\u0007\u202e\ud800 --> <b>';
    for (const term of searchTerms(hostile)) {
      expect(term.term).toMatch(/^[\p{L}\p{N}]+$/u);
    }
  });

  it('handles a 1 MB text in linear time without failing', () => {
    const text = 'we agreed on four two four two seats and 20 licences '.repeat(20_000);
    const terms = searchTerms(text);
    expect(terms.length).toBeGreaterThan(200_000);
  });
});
