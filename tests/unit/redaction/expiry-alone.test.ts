import { describe, expect, it } from 'vitest';
import { valuesOfType } from './values-of-type';

const expiries = valuesOfType('CARD_EXPIRY');

// A card's expiry introduced by expiry words, with no card number in the same exchange.
const POSITIVES: readonly [string, string][] = [
  ['The expiration date on it is 07/29.', '07/29'],
  ['expiry is oh four thirty one', 'oh four thirty one'],
  ['it is good thru 2/27 I think', '2/27'],
  ['Valid until March of twenty twenty nine.', 'March of twenty twenty nine'],
  ['It expires eleven twenty-eight.', 'eleven twenty-eight'],
  ['Exp. 09/2031, and that is the only card I have.', '09/2031'],
];

const NEGATIVES = [
  'Our contract expires 06/30 so we need to decide soon.',
  'The offer is good through 10/31 for new logos.',
  'The trial expires in 14 days.',
  'Your subscription expires March 2027 unless you renew.',
  'the promo code expires eleven thirty',
  'The quote is valid until 12/15.',
];

describe('card expiry introduced by its own words', () => {
  it.each(POSITIVES)('finds the expiry in: %s', (text, value) => {
    expect(expiries(text)).toEqual([value]);
  });

  it.each(NEGATIVES)('finds no expiry in: %s', (text) => {
    expect(expiries(text)).toEqual([]);
  });
});
