import { describe, expect, it } from 'vitest';
import { detectSensitive, normalise, type FindingType } from '../../../src/core/redaction';
import { findDigitRuns, PAUSE } from '../../../src/core/redaction/digit-runs';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

/** Digit runs of a spoken text, every digit treated as spoken. */
const runsOf = (text: string): { digits: string; seps: readonly string[] }[] =>
  findDigitRuns(normalise(text).text, () => true).map((run) => ({ digits: run.digits, seps: run.seps }));

describe('digit runs across hesitations, pauses and corrections', () => {
  it('joins groups separated by fillers, connectors and ellipses, marking the pause', () => {
    expect(runsOf('5105, um, 1051, and then 0510... 5100')).toEqual([{ digits: '5105105105105100', seps: [PAUSE, PAUSE, PAUSE] }]);
    expect(runsOf('two oh one, er, five five five')).toEqual([{ digits: '201555', seps: [' ', ' ', PAUSE, ' ', ' '] }]);
  });

  it('reads "the last four are" as an announcement, not a digit', () => {
    expect(runsOf('nine one nine, five five five, and the last four are two two oh one').map((r) => r.digits)).toEqual(['9195552201']);
  });

  it('lets the corrected group replace the abandoned fragment', () => {
    expect(runsOf('eight one eight, five five five, oh four... sorry, oh nine one two').map((r) => r.digits)).toEqual(['8185550912']);
    expect(runsOf('4012 8888 8888 1882, I mean, 1881').map((r) => r.digits)).toEqual(['4012888888881881']);
  });

  it('joins across a sentence break only when both sides were spoken', () => {
    expect(findDigitRuns(normalise('Five one two. Three three.').text, () => true).map((r) => r.digits)).toEqual(['51233']);
    expect(findDigitRuns('it ends in 42. 5 more to go', () => false).map((r) => r.digits)).toEqual(['42', '5']);
  });

  it('keeps ordinary words and formatted amounts as boundaries', () => {
    expect(runsOf('212 seats and then 555 more').map((r) => r.digits)).toEqual(['212', '555']);
    expect(findDigitRuns('$4,500, uh, 4,800').map((r) => r.digits)).toEqual(['4500', '4800']);
  });
});

describe('numbers said with hesitations (detectors)', () => {
  it('finds written and spoken cards with fillers between the groups', () => {
    expect(found('The card is 5105, um, 1051... 0510, and then 5100.', 'CARD')).toEqual(['5105, um, 1051... 0510, and then 5100']);
    const spoken = 'visa is four oh one two, uh, eight eight eight eight, then eight eight eight eight, one eight eight one';
    expect(found(spoken, 'CARD')).toEqual(['four oh one two, uh, eight eight eight eight, then eight eight eight eight, one eight eight one']);
  });

  it('applies a self-correction before the checksum', () => {
    expect(found('card number 4012 8888 8888 1882, sorry, 1881', 'CARD')).toEqual(['4012 8888 8888 1882, sorry, 1881']);
  });

  it('finds an SSN said in short sentences with capitals and ellipses', () => {
    expect(found('My social? Six two one. Four four. Oh nine eight one.', 'SSN')).toEqual(['Six two one. Four four. Oh nine eight one']);
    expect(found('social is three oh one... two seven... five five four four', 'SSN')).toEqual(['three oh one... two seven... five five four four']);
  });

  it('finds phones with announcements, connectors and corrections', () => {
    expect(found('my cell is nine one nine, five five five, and the last four are two two oh one', 'PHONE')).toEqual([
      'nine one nine, five five five, and the last four are two two oh one',
    ]);
    expect(found('reach me on eight one eight, then five five five, oh four... sorry, oh nine one two', 'PHONE')).toEqual([
      'eight one eight, then five five five, oh four... sorry, oh nine one two',
    ]);
  });

  it('reads a chain of "oh"s between connectors as zeros', () => {
    expect(found('the routing number is oh two one, and then oh oh oh, and then oh two one', 'ROUTING')).toEqual([
      'oh two one, and then oh oh oh, and then oh two one',
    ]);
    expect(normalise('oh oh, I forgot').text).toBe('oh oh, I forgot');
  });

  it('finds account numbers and codes with fillers', () => {
    expect(found('savings account number is 7310, um, 4482, 9051', 'BANK_ACCOUNT')).toEqual(['7310, um, 4482, 9051']);
    expect(found('the one time code is, uh, three eight... one one four', 'CREDENTIAL')).toEqual(['three eight... one one four']);
  });

  it('does not glue unrelated numbers or amounts together', () => {
    expect(found('we went from two, uh, three hundred seats to five hundred')).toEqual([]);
    expect(found('The renewal went from $4,500, uh, to $4,800 a month.')).toEqual([]);
    expect(found('it went from 9.1... sorry, 9.2 to 9.4 percent')).toEqual([]);
  });
});

describe('phones read as area code, exchange and line', () => {
  it('finds a spoken 3-3-4 reading without any phone word', () => {
    expect(found('write this down: five oh three, five five five, oh one seven seven', 'PHONE')).toEqual(['five oh three, five five five, oh one seven seven']);
    expect(found('Nine one nine... five five five... two two oh one.', 'PHONE')).toEqual(['Nine one nine... five five five... two two oh one']);
  });

  it('needs the grouping or a phone word for digits read in one breath', () => {
    expect(found('five oh three five five five oh one seven seven')).toEqual([]);
    expect(found('my cell is five oh three five five five oh one seven seven', 'PHONE')).toHaveLength(1);
  });

  it('does not read a grouped order number as a phone', () => {
    expect(found('the order number is five oh three, five five five, oh one seven seven')).toEqual([]);
  });
});
