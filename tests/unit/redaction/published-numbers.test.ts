import { describe, expect, it } from 'vitest';
import { detectSensitive } from '../../../src/core/redaction';

const types = (text: string): string[] => detectSensitive(text).map((f) => f.type);

// A business's published number, said as such, is not personal data; a card's or account's
// last four digits read back for a lookup are not a one-time code.
const NEGATIVES = [
  'Our helpline, 1-877-555-0190, is printed on every invoice and listed on the website.',
  'you can find the customer service number on our homepage, it is 1 866 555 0122',
  'The office reception is (646) 555-0147 if anyone needs the general number.',
  'For billing questions the public support number is 888-555-0164, it is on the contact page.',
  'Dial our toll-free hotline at 1 800 555 0111, it is on the back of the brochure.',
  'The firm switchboard is 020 7946 0000, listed on their site.',
  'I only need the final four digits to pull up the account: 5531.',
  'Read me the first four digits of the card for the lookup, 4417 is fine.',
  'the last 4 digits on the statement are 2290 right',
];

const POSITIVES: readonly [string, string][] = [
  ['My cell is 312-555-0199, the office line is on our website.', 'PHONE'],
  ['You can reach me directly on (415) 555-0128, that one is not published anywhere.', 'PHONE'],
  ['the six digit code they texted me is 448210', 'CREDENTIAL'],
];

describe('published numbers and partial digits stay unflagged', () => {
  it.each(NEGATIVES)('finds nothing in: %s', (text) => {
    expect(types(text)).toEqual([]);
  });

  it.each(POSITIVES)('still flags a personal value: %s', (text, type) => {
    expect(types(text)).toContain(type);
  });
});
