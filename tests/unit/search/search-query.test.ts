// The search box reads words and "quoted phrases" only; nothing typed reaches FTS5 as syntax.
import { describe, expect, it } from 'vitest';
import { ftsExpression, highlightRanges, MAX_QUERY_CHARS, parseSearchQuery, SearchQueryError, snippetOf } from '../../../src/core/search/search-query';

const SAFE_EXPRESSION = /^"[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*"(?: AND "[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*")*$/u;

describe('search queries', () => {
  it('reads words as required terms and keeps a spoken or written number together as one phrase', () => {
    expect(parseSearchQuery('pricing four two four two').phrases).toEqual([['pricing'], ['4', '2', '4', '2']]);
    expect(parseSearchQuery('4242 pricing').phrases).toEqual([['4', '2', '4', '2'], ['pricing']]);
    expect(parseSearchQuery('"price increase" twenty').phrases).toEqual([['price', 'increase'], ['2', '0']]);
  });

  const HOSTILE = [
    '"unbalanced quote',
    'unbalanced" quote"',
    'a AND b OR NOT c',
    'NEAR(alpha beta, 3)',
    'pric*',
    '*',
    '^start',
    'body:secret',
    '{body}: x',
    '(a OR b',
    'a - b',
    '""""',
    "'; DROP TABLE search_rows; --",
    'x\u0000y\u0007z\u001b[31m',
    '\u202eevil\u202c',
    'emoji 🎉 ok',
    '\ud800 lone surrogate',
  ];
  for (const query of HOSTILE) {
    it(`turns ${JSON.stringify(query)} into a safe literal search or a clear error`, () => {
      let expression: string | undefined;
      try {
        expression = ftsExpression(parseSearchQuery(query));
      } catch (error) {
        expect(error).toBeInstanceOf(SearchQueryError);
        expect((error as SearchQueryError).code).toBe('BAD_REQUEST');
        return;
      }
      expect(expression).toMatch(SAFE_EXPRESSION);
    });
  }

  it('reads operators as the words they are', () => {
    expect(parseSearchQuery('NEAR(alpha beta)').phrases).toEqual([['near'], ['alpha'], ['beta']]);
    expect(parseSearchQuery('"open quote runs to the end').phrases).toEqual([['open', 'quote', 'runs', 'to', 'the', 'end']]);
  });

  it('refuses a query with nothing to search for, one too long, and one with too many words, with messages', () => {
    expect(() => parseSearchQuery('*** ?? !!')).toThrow(/Type a word/);
    expect(() => parseSearchQuery('')).toThrow(SearchQueryError);
    expect(() => parseSearchQuery('a'.repeat(MAX_QUERY_CHARS + 1))).toThrow(/at most 500/);
    expect(() => parseSearchQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toThrow(/at most 32/);
  });

  it('highlights every place a phrase matched, as ranges of the original text, however the number was written', () => {
    const text = 'The card ends four two four two, yes 4242.';
    const ranges = highlightRanges(text, parseSearchQuery('4242'));
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['four two four two', '4242']);
    const digits = 'PIN 554242';
    expect(highlightRanges(digits, parseSearchQuery('forty two')).map((r) => digits.slice(r.start, r.end))).toEqual(['42', '42']);
  });

  it('cuts a snippet around the first match of a long text and moves the ranges with it', () => {
    const text = `${'filler words here '.repeat(100)}the budget is twenty thousand ${'more filler '.repeat(100)}`;
    const ranges = highlightRanges(text, parseSearchQuery('budget 20000'));
    const snippet = snippetOf(text, ranges);
    expect(snippet.clippedStart).toBe(true);
    expect(snippet.clippedEnd).toBe(true);
    expect(snippet.text.length).toBeLessThan(260);
    expect(snippet.highlights.map((r) => snippet.text.slice(r.start, r.end))).toEqual(['budget', 'twenty thousand']);
  });
});
