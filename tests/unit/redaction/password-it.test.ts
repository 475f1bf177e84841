import { describe, expect, it } from 'vitest';
import { valuesOfType } from './values-of-type';

const credentials = valuesOfType('CREDENTIAL');

describe('a new password given as "changed it to X"', () => {
  it.each([
    ['I changed it to Marble#88 this morning.', 'Marble#88'],
    ['The old one was Tulip7, then I updated it to Tulip77.', 'Tulip77'],
    ['We switched it to 9hT4kq!z after the audit.', '9hT4kq!z'],
  ])('"%s"', (text, expected) => {
    expect(credentials(text)).toContain(expected);
  });

  it.each([
    'We set it to 30 days for the trial.',
    'I changed it to Tuesday because of the holiday.',
    'They updated it to version 4.2 last week.',
    'I switched it to Q3 so the numbers line up.',
    'We moved it to 2025 in the plan.',
  ])('leaves "%s" alone', (text) => {
    expect(credentials(text)).toEqual([]);
  });
});
