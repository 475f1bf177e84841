import { describe, expect, it } from 'vitest';
import { detectSensitive } from '../../../src/core/redaction';

// Ordinary sales-call numbers: none of them may be redacted without context that makes them sensitive.
const NEGATIVES = [
  'We can do 250 seats at $45 per seat per month.',
  'The total comes to $112,500 annually.',
  'we can do two hundred fifty seats at forty five dollars a seat',
  "Let's meet on March 14th at 2:30 pm.",
  'the renewal is due june thirtieth twenty twenty five',
  'We signed with them back in 2019.',
  'we signed with them back in twenty nineteen',
  "We're running version 4.2.1 of the agent.",
  "we're running version four point two point one",
  'The PO number is 4500012345.',
  'the PO number is four five oh oh oh one two three four five',
  'Ticket 88213 is still open with support.',
  'Churn dropped 12% quarter over quarter.',
  'churn dropped twelve percent quarter over quarter',
  'The migration took about 45 minutes.',
  'the migration took about forty five minutes',
  'Invoice 20240315 was paid on the 20th.',
  'We processed 1,482,339 transactions last month.',
  'Serial number 4400 1234 5678 9012 is on the appliance.',
  'order number five five five oh one nine two eight three seven shipped yesterday',
];

describe('precision on ordinary numbers', () => {
  it.each(NEGATIVES)('finds nothing in: %s', (text) => {
    expect(detectSensitive(text)).toEqual([]);
  });

  it('does redact the same kind of number once context makes it sensitive', () => {
    expect(detectSensitive('my pin is 2019').map((f) => f.type)).toEqual(['CREDENTIAL']);
    expect(detectSensitive('date of birth 03/14/1985').map((f) => f.type)).toEqual(['DOB']);
  });
});
