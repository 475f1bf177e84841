import { describe, expect, it } from 'vitest';
import { valuesOfType } from './values-of-type';

const healthIds = valuesOfType('HEALTH_ID');

describe('health and insurance ids by shape and by issuer', () => {
  it.each([
    ['a payer-prefixed member id with no health word', 'Her member ID is QKT903114827.', 'QKT903114827'],
    ['a prefixed id read in groups', 'The subscriber number is W R D 550 218 904.', 'W R D 550 218 904'],
    ['a member number after the card is mentioned', 'The member number printed on the front of the card is JPX, six one two, four four oh, nine one nine.', 'JPX, six one two, four four oh, nine one nine'],
    ['an Ontario health card', 'My OHIP number is 8841-552-309-KT.', '8841-552-309-KT'],
    ['a provincial health card', 'Health card number: 9876 543 210.', '9876 543 210'],
    ['an Australian Medicare card with an aside', 'His Medicare card, the blue and green one, is 4120 55931 2.', '4120 55931 2'],
    ['a European health card', 'The EHIC number is 80276 00012 34567 8901.', '80276 00012 34567 8901'],
  ])('%s', (_, text, expected) => {
    expect(healthIds(text)).toEqual([expected]);
  });

  it.each([
    'The member ID field in the CRM is optional.',
    'Member number 4 on the team owns the renewal.',
    'Our gym member ID is 220145 if you need it for the discount.',
  ])('leaves "%s" alone', (text) => {
    expect(healthIds(text)).toEqual([]);
  });
});
