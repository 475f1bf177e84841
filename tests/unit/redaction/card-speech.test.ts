import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('card expiry said the way callers say it', () => {
  it('reads spoken month-and-year expiries after any expiry phrase', () => {
    expect(found('mastercard 5555 5555 5555 4444, good till November of twenty-nine', 'CARD_EXPIRY')).toEqual(['November of twenty-nine']);
    expect(found('the visa runs out in January twenty thirty', 'CARD_EXPIRY')).toEqual(['January twenty thirty']);
    expect(found("debit card's expiring oh seven twenty-eight", 'CARD_EXPIRY')).toEqual(['oh seven twenty-eight']);
    expect(found('card 6011 1111 1111 1117, exp 7/2031', 'CARD_EXPIRY')).toEqual(['7/2031']);
    expect(found('visa 4012 8888 8888 1881, the expiration date printed on it is oh six thirty', 'CARD_EXPIRY')).toEqual(['oh six thirty']);
  });

  it('reads an expiry said right after the card number with no expiry word', () => {
    const text = 'discover six oh one one, one one one one, one one one one, one one one seven, oh four twenty-nine';
    expect(found(text, 'CARD')).toEqual(['six oh one one, one one one one, one one one one, one one one seven']);
    expect(found(text, 'CARD_EXPIRY')).toEqual(['oh four twenty-nine']);
    expect(found('card 5555 5555 5555 4444, uh, 11/27, thanks', 'CARD_EXPIRY')).toEqual(['11/27']);
    expect(found('card 5555 5555 5555 4444, September of twenty-eight', 'CARD_EXPIRY')).toEqual(['September of twenty-eight']);
  });

  it('reads an expiry said before the words naming it', () => {
    expect(found('visa 4012 8888 8888 1881, and oh two thirty is the expiration', 'CARD_EXPIRY')).toEqual(['oh two thirty']);
    expect(found('on my card it says May twenty thirty-one for the expiry', 'CARD_EXPIRY')).toEqual(['May twenty thirty-one']);
  });

  it('does not take a CVV or a count after the card for an expiry', () => {
    expect(found('card 5555 5555 5555 4444, three one seven is the code', 'CARD_EXPIRY')).toEqual([]);
    expect(found('card 5555 5555 5555 4444, 1 2 3 4 is the pin', 'CARD_EXPIRY')).toEqual([]);
    expect(found('card 5555 5555 5555 4444, 2 more to go', 'CARD_EXPIRY')).toEqual([]);
  });
});

describe('CVV introduced with more words', () => {
  it('reads "security code on the back of the card, that\'s ..."', () => {
    expect(found("the security code on the back of the card, that's one nine one", 'CARD_CVV')).toEqual(['one nine one']);
    expect(found('amex 378282246310005 and the four digit code on the back is 7 7 1 0', 'CARD_CVV')).toEqual(['7 7 1 0']);
    expect(found('the C-V-V is five oh six', 'CARD_CVV')).toEqual(['five oh six']);
  });
});
