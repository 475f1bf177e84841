import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('SSN and ITIN detector', () => {
  it('finds written SSNs with and without words around them', () => {
    expect(found('my social is 536-22-8147', 'SSN')).toEqual(['536-22-8147']);
    expect(found('SSN: 536228147', 'SSN')).toEqual(['536228147']);
    expect(found('I put 536-22-8147 on the form', 'SSN')).toEqual(['536-22-8147']);
  });

  it('finds spoken SSNs in digits, pairs and doubles, with the cue before or after', () => {
    expect(found('social security number five three six twenty two eighty one forty seven', 'SSN')).toEqual(['five three six twenty two eighty one forty seven']);
    expect(found("double five three, seven two, one eight four nine, that's my social", 'SSN')).toEqual(['double five three, seven two, one eight four nine']);
  });

  it('finds the last four of a social', () => {
    expect(found('the last four of my social are six six one seven', 'SSN')).toEqual(['six six one seven']);
  });

  it('rejects impossible SSNs and bare nine-digit numbers', () => {
    expect(found('my social is 000-12-3456')).toEqual([]);
    expect(found('my social is 666-12-3456')).toEqual([]);
    expect(found('the shipment id is 536228147')).toEqual([]);
  });

  it('classifies ITINs by structure and does not treat a business tax id as personal', () => {
    expect(found('my ITIN is 912-78-4410', 'ITIN')).toEqual(['912-78-4410']);
    expect(found('taxpayer id nine one two, seven eight, four four one oh', 'ITIN')).toEqual(['nine one two, seven eight, four four one oh']);
    expect(found('Tax ID for the invoice is 12-3456789.')).toEqual([]);
  });
});

describe('passport and driver licence detector', () => {
  it('needs the introduction and reads written and spelled values', () => {
    expect(found('passport number is 533380006', 'PASSPORT')).toEqual(['533380006']);
    expect(found('my passport is C01X00T47, German', 'PASSPORT')).toEqual(['C01X00T47']);
    expect(found("my passport's K one two three four five six seven eight", 'PASSPORT')).toEqual(['K one two three four five six seven eight']);
    expect(found("driver's license number D123-4567-8901", 'DRIVERS_LICENSE')).toEqual(['D123-4567-8901']);
    expect(found("license number is S530-4417-1552-21, my driver's license", 'DRIVERS_LICENSE')).toEqual(['S530-4417-1552-21']);
  });

  it('does not read software licence numbers or passport talk as ids', () => {
    expect(found('the license number for the seats is 4410-2231')).toEqual([]);
    expect(found('I need to renew my passport before March 2026')).toEqual([]);
  });
});
