import { describe, expect, it } from 'vitest';
import { detectSensitive } from '../../../src/core/redaction';

const types = (text: string): string[] => detectSensitive(text).map((f) => f.type);

describe('reference numbers are not phones', () => {
  it.each([
    'Quote QT-2025-771904 is attached.',
    'Lot number 2024-0611-83 failed QA.',
    'RMA 2025-3301-17 was approved.',
    'Use reference REF-2024-6612 on the transfer.',
    'Invoice INV-20250418 is overdue.',
    'Booking 2025-0802-5519 is confirmed.',
    'The part is 2023-441-9010 in the catalogue.',
  ])('finds nothing in: %s', (text) => {
    expect(types(text)).toEqual([]);
  });

  it('still finds phones written with hyphens or a phone word', () => {
    expect(types('call 919-555-2201 after lunch')).toEqual(['PHONE']);
    expect(types('my cell is 2025550147')).toEqual(['PHONE']);
    expect(types('the number is 2125550173')).toEqual(['PHONE']);
  });

  it('does not read odd written groupings as a bare phone', () => {
    expect(types('the code 2125-550173 is on the box')).toEqual([]);
  });
});
