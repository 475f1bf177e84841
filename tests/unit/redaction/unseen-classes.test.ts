import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';
import { loadSegmentSet } from '../../../tools/redaction-eval/load';
import { callvault } from '../../../tools/redaction-eval/predict';
import { score, scoreTopics } from '../../../tools/redaction-eval/score';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('passwords in the ways people say them', () => {
  it.each([
    ['Just log in with Pelican77 as the password.', 'Pelican77'],
    ['Password, rivers2024.', 'rivers2024'],
    ['The verbal password on the account is lighthouse.', 'lighthouse'],
    ['his login is mgarcia slash Birch!55', 'Birch!55'],
    ["I'll give you a temporary password, Start#2025, and you change it.", 'Start#2025'],
  ])('"%s"', (text, value) => {
    expect(found(text, 'CREDENTIAL')).toContain(value);
  });
});

describe('one-time codes without "one-time"', () => {
  it.each([
    ['The code is nine two seven one four four.', 'nine two seven one four four'],
    ['Right, now it wants a code. Five, five, oh, two, one, eight.', 'Five, five, oh, two, one, eight'],
    ["It's asking for the six digits, 4 0 9 3 3 1.", '4 0 9 3 3 1'],
  ])('"%s"', (text, value) => {
    expect(found(text, 'CREDENTIAL')).toContain(value);
  });

  it('leaves zip, promo and area codes and counts alone', () => {
    expect(found('The zip code is 94107 and the area code is 415.')).toEqual([]);
    expect(found('Use the promo code 2025 at checkout.')).toEqual([]);
    expect(found('The code has 1200 lines.')).toEqual([]);
  });
});

describe('API keys spelled out', () => {
  it('reads a key said character by character', () => {
    const text = 'the secret key is r k underscore test underscore nine x two b seven q m';
    expect(found(text, 'API_KEY')).toEqual(['r k underscore test underscore nine x two b seven q m']);
  });

  it('does not read a short spelled word after "key"', () => {
    expect(found('the key is a b c for this exercise')).toEqual([]);
  });
});

describe('CVV named by its own words, no card in the sentence', () => {
  it.each([
    ['The security code on the back is four one nine.', 'four one nine'],
    ['the three digits on the back, 552', '552'],
  ])('"%s"', (text, value) => {
    expect(found(text, 'CARD_CVV')).toEqual([value]);
  });
});

describe('development transcripts (tests/fixtures/redaction/dev-transcripts.jsonl)', () => {
  const records = loadSegmentSet(new URL('../../fixtures/redaction/dev-transcripts.jsonl', import.meta.url).pathname);

  it('finds the values of every class it covers, with no false positives', () => {
    const s = score(records, callvault, true);
    expect(s.fpRate).toBe(0);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    for (const type of ['CARD', 'CARD_CVV', 'CREDENTIAL', 'API_KEY', 'SSN', 'PHONE', 'BANK_ACCOUNT']) {
      expect(s.perType[type]?.recall, type).toBe(1);
    }
  });

  it('flags the topics and not the benign lines', () => {
    const t = scoreTopics(records, callvault);
    expect(t.recall).toBeGreaterThanOrEqual(0.95);
    expect(t.fpRate).toBe(0);
  });
});
