/**
 * The password phrasings with the value said in words rather than as one token: before
 * its label ("log in with <value> as the password"), after a comma ("password, <value>"), a
 * login pair ("my login is X slash <value>") and a temporary password ("..., it's <value>,
 * change it when you sign in"). A value said in words counts only when it reads as a password
 * said aloud (a spoken symbol, a case word or spelled letters). Generated combinations.
 */
import { describe, expect, it } from 'vitest';
import { valuesOfType } from './values-of-type';

const credentials = valuesOfType('CREDENTIAL');

/** Passwords said aloud, none of them one token. */
const SPOKEN_VALUES = [
  'willow 52 dollar sign',
  'kettle 17 exclamation mark',
  'capital m, a r s, 4, 2',
  'orchard 8 at sign',
  'capital t, r u e, 7, 7, hashtag',
];

const FRAMES: readonly ((value: string) => string)[] = [
  (v) => `Just log in with ${v} as the password.`,
  (v) => `Use ${v} for the password on the portal.`,
  (v) => `The password, ${v}.`,
  (v) => `Okay so my login is pkhan01 slash ${v}.`,
  (v) => `I've made you a temporary password, it's ${v}, change it when you first sign in.`,
  (v) => `There's a temporary password for you, it's ${v}, please reset it.`,
];

describe('password phrasings with the value said in words', () => {
  for (const frame of FRAMES) {
    it.each(SPOKEN_VALUES)(`finds "%s" in "${frame('…')}"`, (value) => {
      expect(credentials(frame(value))).toEqual([value]);
    });
  }

  it('finds a one-token password after "it\'s" and stops before the comma', () => {
    expect(credentials("I reset it, the temporary password for you, it's Gravel44!, change it later.")).toEqual(['Gravel44!']);
  });

  it.each([
    'Just log in with your work email as the username.',
    'Use the reset link in the email for the password.',
    'The password, as I said, is on the sticky note.',
    'My login is my first name slash last name, nothing fancy.',
    "There's a password for you, it's in the welcome email.",
    'Log in with single sign on for the password manager.',
  ])('finds no credential in "%s"', (text) => {
    expect(credentials(text)).toEqual([]);
  });
});
