import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('IBAN detector', () => {
  it('finds checksum-valid IBANs, grouped, compact and spelled out', () => {
    expect(found('wire it to DE89 3704 0044 0532 0130 00 today', 'IBAN')).toEqual(['DE89 3704 0044 0532 0130 00']);
    expect(found('GB29NWBK60161331926819', 'IBAN')).toEqual(['GB29NWBK60161331926819']);
    const spoken = 'the iban is D E eight nine, three seven oh four, oh oh four four, oh five three two, oh one three oh, oh oh';
    expect(found(spoken, 'IBAN')).toEqual(['D E eight nine, three seven oh four, oh oh four four, oh five three two, oh one three oh, oh oh']);
  });

  it('rejects an IBAN with a wrong check digit', () => {
    expect(found('wire it to DE88 3704 0044 0532 0130 00')).toEqual([]);
  });

  it('does not assemble an IBAN out of ordinary words, even when mod-97 happens to pass', () => {
    // "IS" + 95 + "dollarsperuserpermonth" is 26 characters and passes the Icelandic checksum.
    expect(found('list price is ninety five dollars per user per month')).toEqual([]);
  });
});

describe('routing and account detector', () => {
  it('finds ABA-valid routing numbers and accounts introduced as such', () => {
    const text = 'routing number 021000021, account number 000123456789';
    expect(found(text, 'ROUTING')).toEqual(['021000021']);
    expect(found(text, 'BANK_ACCOUNT')).toEqual(['000123456789']);
    expect(found('routing number is oh two six, oh oh nine, five nine three', 'ROUTING')).toEqual(['oh two six, oh oh nine, five nine three']);
    expect(found('the sort code is 40-47-84 and account 71234567', 'BANK_ACCOUNT')).toEqual(['71234567']);
  });

  it('flags an ABA-invalid number introduced as routing with low confidence only', () => {
    const [finding] = detectSensitive('routing number 021000022');
    expect(finding?.type).toBe('ROUTING');
    expect(finding?.confidence).toBeLessThan(0.7);
  });

  it('needs the introduction: nine digits alone or "account" in a sales sense are not bank data', () => {
    expect(found('the shipment is 021000021')).toEqual([]);
    expect(found('the account has 250 seats and 3 admins')).toEqual([]);
    expect(found('our routing logic sends 40 percent of leads west')).toEqual([]);
  });
});
