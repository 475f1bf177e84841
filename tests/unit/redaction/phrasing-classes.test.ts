import { describe, expect, it } from 'vitest';
import { nhsNumberValid } from '../../../src/core/redaction/checksums';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('CVV named by its place on the card', () => {
  it('reads "the three on the back", "the one on the back", written and spoken', () => {
    expect(found('Visa 4111 1111 1111 1111, and the three on the back are 482.', 'CARD_CVV')).toEqual(['482']);
    expect(found('card is four one one one, one one one one, one one one one, one one one one, the one on the back is nine oh three', 'CARD_CVV')).toEqual([
      'nine oh three',
    ]);
    expect(found('my debit card, the three digits on the back, five five one', 'CARD_CVV')).toEqual(['five five one']);
    expect(found('Mastercard ending 4444 and the security code on the back is 7071', 'CARD_CVV')).toEqual(['7071']);
  });

  it('does not read a count "on the back" without a card nearby', () => {
    expect(found('The four on the back row need 12 more chairs, about 300 total.')).toEqual([]);
  });
});

describe("driver's licence phrasings", () => {
  it('reads a letter and dash-joined digit groups after DL#', () => {
    expect(found('DL# K417-220-93-118-4', 'DRIVERS_LICENSE')).toEqual(['K417-220-93-118-4']);
    expect(found('her DL #B220-7781-55', 'DRIVERS_LICENSE')).toEqual(['B220-7781-55']);
  });

  it('skips the issuing state between the trigger and the number', () => {
    expect(found("My driver's licence is Ohio, two two one eight, five oh six seven.", 'DRIVERS_LICENSE')).toEqual([
      'two two one eight, five oh six seven',
    ]);
    expect(found('License number, North Carolina, three forty-one, seven seven oh, two twelve.', 'DRIVERS_LICENSE')).toEqual([
      'three forty-one, seven seven oh, two twelve',
    ]);
    expect(found("driver's license: the state of Oregon, 7719 2204", 'DRIVERS_LICENSE')).toEqual(['7719 2204']);
  });

  it('leaves software licence numbers alone even with a state in the sentence', () => {
    expect(found('License number for the Dallas office in Texas is 4455 2231 for 40 seats.')).toEqual([]);
  });
});

describe('spelled passwords and passphrases', () => {
  it('reads a comma-spelled password with words, case words and symbol words', () => {
    expect(found('New password, capital R, harbor, four two, dollar sign.', 'CREDENTIAL')).toEqual(['capital R, harbor, four two, dollar sign']);
    expect(found('Wifi password, lower case q, 7, 7, exclamation mark, thanks', 'CREDENTIAL')).toEqual(['lower case q, 7, 7, exclamation mark']);
  });

  it('reads a passphrase of plain words and a password set with "to"', () => {
    expect(found('The root password for the staging box is amber kettle ninety, keep it safe.', 'CREDENTIAL')).toEqual(['amber kettle ninety']);
    expect(found('I changed my password to Copper-otter-41-moss, does that work?', 'CREDENTIAL')).toEqual(['Copper-otter-41-moss']);
    expect(found('Password: correct horse battery staple', 'CREDENTIAL')).toEqual(['correct horse battery staple']);
  });

  it('does not read talk about a password as one', () => {
    expect(found('I forgot my password, I will reset it tomorrow.')).toEqual([]);
    expect(found('Password, please, and also the username.')).toEqual([]);
    expect(found('We set the password to expire every 90 days.')).toEqual([]);
    expect(found('I changed the password to twelve characters last week.')).toEqual([]);
    expect(found('the admin password for the sandbox is required to deploy')).toEqual([]);
  });
});

describe('one-time codes after looser triggers', () => {
  it('reads authenticator, N-digit and emailed codes, written and spoken', () => {
    expect(found('The authenticator app code shows 552 081, go.', 'CREDENTIAL')).toEqual(['552 081']);
    expect(found('Verification, sorry, the security code from the text, two nine one, oh six four.', 'CREDENTIAL')).toEqual([
      'two nine one, oh six four',
    ]);
    expect(found('The eight-digit code is 41 seven, 90 two 6 3.', 'CREDENTIAL')).toEqual(['41 seven, 90 two 6 3']);
  });

  it('reads a code off a text message', () => {
    expect(found('Hang on, I received the text and it reads eight one five, two two nine.', 'CREDENTIAL')).toEqual(['eight one five, two two nine']);
  });

  it('leaves times, amounts and destinations alone', () => {
    expect(found('I got the text, it says 1430 works for everyone.')).toEqual([]);
    expect(found('I got the text, it says 48213 dollars is the final quote.')).toEqual([]);
    expect(found('The authenticator code shows up after 30 seconds.')).toEqual([]);
    expect(found("We'll text a six-digit code to 415 555 0199 now", 'CREDENTIAL')).toEqual([]);
  });
});

describe('addresses said before their label', () => {
  it('reads a UK postcode tail and a label after the address', () => {
    expect(found('42 Marlow Road, Sheffield S10 4PQ is my home address.', 'ADDRESS')).toEqual(['42 Marlow Road, Sheffield S10 4PQ']);
    expect(found('Twelve Orchard Lane, that is where I live.', 'ADDRESS')).toEqual(['Twelve Orchard Lane']);
  });

  it('leaves office addresses with a postcode alone', () => {
    expect(found('Our office is 4 Park Row, Leeds LS1 5HD.')).toEqual([]);
    expect(found('85 Kingsway Avenue is our office address.')).toEqual([]);
  });
});

describe('SSN read in its 3-2-4 phrases after talk of the whole number', () => {
  it('reads a spoken 3-2-4 number with a hesitation inside', () => {
    expect(found('Not just the last four, they need the full number. Okay, five one two, uh, four four, nine oh one three.', 'SSN')).toEqual([
      'five one two, uh, four four, nine oh one three',
    ]);
    expect(found('they want all nine digits: 512 44, 9013', 'SSN')).toEqual(['512 44, 9013']);
  });

  it('needs the cue and the shape', () => {
    expect(found('Okay, five one two, uh, four four, nine oh one three.')).toEqual([]);
    expect(found('They want the whole thing by Friday, five one two, forty four, ninety thirteen units')).toEqual([]);
  });
});

describe('health ids after abbreviated labels', () => {
  it('checks the NHS number mod-11 check digit', () => {
    expect(nhsNumberValid('9434765919')).toBe(true);
    expect(nhsNumberValid('9434765918')).toBe(false);
  });

  it('reads NHS no., member no. and policy no., written and spoken', () => {
    expect(found('NHS no. 943 476 5919', 'HEALTH_ID')).toEqual(['943 476 5919']);
    expect(found('my NHS is nine four three, four seven six, five nine one nine', 'HEALTH_ID')).toEqual(['nine four three, four seven six, five nine one nine']);
    expect(found('Insurance card, member no. XK 44 8102 7', 'HEALTH_ID')).toEqual(['XK 44 8102 7']);
    expect(found('Cigna policy no. 77-40192-A', 'HEALTH_ID')).toEqual(['77-40192-A']);
  });

  it('does not read an NHS statistic or a CRM member number', () => {
    expect(found('The NHS employs 1500000 people.')).toEqual([]);
    expect(found('Our member no. is listed on the CRM record 448812.')).toEqual([]);
  });
});

describe('date of birth after a short bridge', () => {
  it('reads an ordinal date after "birthday for X, it\'s"', () => {
    expect(found("Birthday on the account, it's the twenty-first of March, nineteen ninety.", 'DOB')).toEqual(['twenty-first of March, nineteen ninety']);
    expect(found('Date of birth on the form is 3/14/1979.', 'DOB')).toEqual(['3/14/1979']);
  });

  it('leaves party dates alone', () => {
    expect(found('Birthday for the office party is June 3rd.')).toEqual([]);
  });
});

describe('AWS secret key pasted after its access key id', () => {
  it('reads the 40-character secret after the id', () => {
    const secret = 'u7Yd0Qm2Rk9LpZ3xWc1Vb8Nn5Tt4Hh6Jj0Gg2Ff3';
    expect(found(`creds: AKIAQW3ERTY7UIOP2ASD / ${secret}`, 'API_KEY')).toEqual(['AKIAQW3ERTY7UIOP2ASD', secret]);
    expect(found(`AKIAQW3ERTY7UIOP2ASD:${secret}`, 'API_KEY')).toEqual(['AKIAQW3ERTY7UIOP2ASD', secret]);
  });

  it('does not take an ordinary word after the id', () => {
    expect(found('AKIAQW3ERTY7UIOP2ASD / internationalizationlocalizationframework', 'API_KEY')).toEqual(['AKIAQW3ERTY7UIOP2ASD']);
  });
});
