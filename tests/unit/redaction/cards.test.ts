import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const found = (text: string, type?: FindingType): string[] =>
  detectSensitive(text)
    .filter((f) => type === undefined || f.type === type)
    .map((f) => text.slice(f.start, f.end));

describe('card detector', () => {
  it('finds written card numbers in any grouping', () => {
    expect(found('card number 4111 1111 1111 1111 please', 'CARD')).toEqual(['4111 1111 1111 1111']);
    expect(found('use 4111-1111-1111-1111', 'CARD')).toEqual(['4111-1111-1111-1111']);
    expect(found('amex 378282246310005', 'CARD')).toEqual(['378282246310005']);
  });

  it('finds spoken card numbers: digits, oh, pairs, doubles and mixtures', () => {
    const digits = 'my card is four two four two, four two four two, four two four two, four two four two';
    expect(found(digits, 'CARD')).toEqual(['four two four two, four two four two, four two four two, four two four two']);
    const pairs = "it's forty one eleven, eleven eleven, eleven eleven, eleven eleven";
    expect(found(pairs, 'CARD')).toEqual(['forty one eleven, eleven eleven, eleven eleven, eleven eleven']);
    const mixed = 'card is 4111 one one one one, double one double one, eleven eleven';
    expect(found(mixed, 'CARD')).toEqual(['4111 one one one one, double one double one, eleven eleven']);
  });

  it('rejects a 16-digit number that fails the Luhn check', () => {
    expect(found('the number is 4111 1111 1111 1112', 'CARD')).toEqual([]);
    expect(found('four one one one one one one one one one one one one one one two')).toEqual([]);
  });

  it('still redacts a mis-heard number introduced as a card number, at lower confidence', () => {
    const findings = detectSensitive('my card number is 4111 1111 1111 1112');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.type).toBe('CARD');
    expect(findings[0]?.confidence).toBeLessThan(0.7);
  });

  it('ignores Luhn-valid numbers that are order or PO references', () => {
    expect(found('Order #4532015112830366 was refunded.')).toEqual([]);
    expect(found('The PO is 4111111111111111 for the renewal.')).toEqual([]);
  });

  it('finds CVV and expiry said near a card', () => {
    const text = 'card 4111 1111 1111 1111, expires oh four twenty six, cvv is one two three';
    expect(found(text, 'CARD_EXPIRY')).toEqual(['oh four twenty six']);
    expect(found(text, 'CARD_CVV')).toEqual(['one two three']);
    expect(found('visa 4111111111111111 exp 12/27 security code 737', 'CARD_EXPIRY')).toEqual(['12/27']);
    expect(found('charge the mastercard, expiry december twenty eight', 'CARD_EXPIRY')).toEqual(['december twenty eight']);
  });

  it('does not read contract expiry dates or codes far from any card as card data', () => {
    expect(found('the contract expires 12/27 so we should renew early')).toEqual([]);
    expect(found('our security code review is 123 items long')).toEqual([]);
  });

  it('reports offsets into the original text with the rule that fired', () => {
    const text = 'Card: 4111 1111 1111 1111.';
    const [finding] = detectSensitive(text);
    expect(finding).toMatchObject({ start: 6, end: 25, type: 'CARD', rule: 'card.luhn.context' });
  });
});
