import { describe, expect, it } from 'vitest';
import { detectSensitive, normalise, toOriginalSpan, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

const norm = (text: string): string => normalise(text).text;

describe('normalise: spelled letters', () => {
  it('reads "X as in Word", "X for Word" and "X like Word" as the letter', () => {
    expect(norm('R as in Robert, four four')).toBe('R, 4 4');
    expect(norm('it starts with t for tango then nine')).toBe('it starts with T then 9');
    expect(norm('G like George seven')).toBe('G 7');
  });

  it('keeps the explanation when the word does not start with the letter', () => {
    expect(norm('a for loop runs twice')).toBe('a for loop runs twice');
    expect(norm('B as in the other choice')).toBe('B as in the other choice');
  });

  it('reads NATO words as letters beside numbers or other letters only', () => {
    expect(norm('Hotel Yankee two one')).toBe('H Y 2 1');
    expect(norm('Romeo nine nine')).toBe('R 9 9');
    expect(norm('I told Charlie about it')).toBe('I told Charlie about it');
    expect(norm('the meeting is November fifth')).toBe('the meeting is November 5');
    expect(norm('November Quebec four')).toBe('N Q 4');
  });

  it('maps the letter back to every word it was said with', () => {
    const original = 'id is V as in Victor, one';
    const n = normalise(original);
    const at = n.text.indexOf('V');
    const span = toOriginalSpan(n, at, at + 1);
    expect(original.slice(span.start, span.end)).toBe('V as in Victor');
  });
});

describe('ids with spelled letters', () => {
  it('finds driver licences spelled with "as in" and NATO words', () => {
    expect(found("driver's license is R as in Robert, five five two, oh one three nine", 'DRIVERS_LICENSE')).toEqual([
      'R as in Robert, five five two, oh one three nine',
    ]);
    expect(found('my DL number is Hotel Yankee two one, four four oh, nine', 'DRIVERS_LICENSE')).toEqual(['Hotel Yankee two one, four four oh, nine']);
  });

  it('finds passports spelled or spaced, with the label before or after', () => {
    expect(found('passport number: T 5 5 1 0 9 3 8 2', 'PASSPORT')).toEqual(['T 5 5 1 0 9 3 8 2']);
    expect(found('passport is N as in Nancy, three three oh, two one four, seven', 'PASSPORT')).toEqual(['N as in Nancy, three three oh, two one four, seven']);
    expect(found("It's L 4 4 0 2 9 1 7 6, that's my passport.", 'PASSPORT')).toEqual(['L 4 4 0 2 9 1 7 6']);
  });

  it('skips hesitations inside an id', () => {
    expect(found("driver's license D 4 4 1, uh, 2 9 0 7 from Texas", 'DRIVERS_LICENSE')).toEqual(['D 4 4 1, uh, 2 9 0 7']);
  });
});

describe('asides and spelled acronyms', () => {
  it('finds a PIN or passcode after an aside', () => {
    expect(found('My ATM PIN, and I trust you with this, is six one six one.', 'CREDENTIAL')).toEqual(['six one six one']);
    expect(found('the passcode, if anyone asks, is 8 0 2 2 7 1', 'CREDENTIAL')).toEqual(['8 0 2 2 7 1']);
    expect(found('the CVV, if you need it, is two nine four on my visa', 'CARD_CVV')).toEqual(['two nine four']);
  });

  it('still needs a value right after the aside', () => {
    expect(found('the PIN, as I said, is something I never share, 2 people know it')).toEqual([]);
  });

  it('reads ITIN, SSN and PIN spelled letter by letter', () => {
    expect(found('my I-T-I-N is nine six one, eight four, two two oh five', 'ITIN')).toEqual(['nine six one, eight four, two two oh five']);
    expect(found('the i.t.i.n. is 977-52-3104', 'ITIN')).toEqual(['977-52-3104']);
    expect(found('his S S N is six oh two, four one, nine nine three eight', 'SSN')).toEqual(['six oh two, four one, nine nine three eight']);
    expect(found('P-I-N is seven two seven two', 'CREDENTIAL')).toEqual(['seven two seven two']);
  });
});
