/**
 * A card's security code named by where it is printed, with no card in the sentence: by the
 * signature strip or panel, on the front of an Amex or of the card. Generated combinations;
 * other numbers "on the front" of something stay unflagged.
 */
import { describe, expect, it } from 'vitest';
import { valuesOfType } from './values-of-type';

const cvvs = valuesOfType('CARD_CVV');
const PLACES = ['the little code by the signature strip', 'the digits next to the signature panel', 'the number in the signature box', 'the code on the front of the card', 'the numbers on the front of my American Express'];
const VALUES = ['four one seven', '2 9 oh', '8316', 'oh five five'];

describe('security codes named by where they are printed', () => {
  for (const place of PLACES) {
    it.each(VALUES)(`reads "%s" after "${place}"`, (value) => {
      expect(cvvs(`Okay, ${place} is ${value}.`)).toEqual([value]);
    });
  }

  it.each(['Our sales numbers on the front page are 412.', 'The code on the front of the box is 448.', 'Sign on the signature line, page 3 of 12.'])('finds no code in "%s"', (text) => {
    expect(cvvs(text)).toEqual([]);
  });
});
