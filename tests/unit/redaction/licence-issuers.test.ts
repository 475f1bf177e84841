import { describe, expect, it } from 'vitest';
import { valuesOfType } from './values-of-type';

const licences = valuesOfType('DRIVERS_LICENSE');

// Licences named by who issued them, in the formats those issuers use.
const POSITIVES: readonly [string, string][] = [
  ['She carries a Florida licence, B123-456-78-901-0, if that helps.', 'B123-456-78-901-0'],
  ['my Quebec license number is L1234-567890-12', 'L1234-567890-12'],
  ['The licence is from Alberta: 123456-789.', '123456-789'],
  ['Here is my UK driving licence, MORGA753116SM9IJ.', 'MORGA753116SM9IJ'],
  ['The license reads 0713 5528, Victoria.', '0713 5528'],
  ['What state issued the licence on file?\nMaryland. K-123-456-789-012', 'K-123-456-789-012'],
  ['Could you read the licence for the van hire?\nYeah, it is Colorado, 12-345-6789.', '12-345-6789'],
  ['Minnesota, H 456 789 012 345, that is what is printed on it.', 'H 456 789 012 345'],
  ['my texas license is zero four one two, eight eight three one', 'zero four one two, eight eight three one'],
];

const NEGATIVES = [
  'We need 250 licenses for Texas and 40 more for the Ohio team.',
  'Ship the hardware to Austin, Texas, 78701.',
  'The enterprise license for California renews 2026-03-01.',
  'Illinois, Q3 2025 is when the rollout lands.',
  'Our Victoria office has 120 seats and 14 admins.',
  'The software license key count for Quebec is 3500.',
];

describe('driving licences named by their issuer', () => {
  it.each(POSITIVES)('finds the licence in: %s', (text, value) => {
    expect(licences(text)).toContain(value);
  });

  it.each(NEGATIVES)('finds no licence in: %s', (text) => {
    expect(licences(text)).toEqual([]);
  });
});
