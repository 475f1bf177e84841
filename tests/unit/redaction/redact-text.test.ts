import { describe, expect, it } from 'vitest';
import {
  applyTopicPolicy,
  detectSensitive,
  FINDING_TYPES,
  mergeSpans,
  placeholderFor,
  redactSegments,
  redactText,
} from '../../../src/core/redaction';

describe('text redaction', () => {
  it('replaces each finding with its typed placeholder', () => {
    const text = 'Card 4111 1111 1111 1111, social 536-22-8147, email jane.doe@acme.com, call 415-555-0142.';
    expect(redactText(text, detectSensitive(text))).toBe('Card [CARD], social [SSN], email [EMAIL], call [PHONE].');
  });

  it('redacts spoken findings in place and keeps everything else verbatim', () => {
    const text = 'sure, my pin is eight eight four one and the iban is GB29NWBK60161331926819 ok';
    expect(redactText(text, detectSensitive(text))).toBe('sure, my pin is [CREDENTIAL] and the iban is [IBAN] ok');
  });

  it('merges overlapping spans into one placeholder named after the longest', () => {
    const merged = mergeSpans([
      { start: 0, end: 10, type: 'PHONE' },
      { start: 5, end: 30, type: 'CREDENTIAL' },
      { start: 40, end: 45, type: 'EMAIL' },
    ]);
    expect(merged).toEqual([
      { start: 0, end: 30, type: 'CREDENTIAL' },
      { start: 40, end: 45, type: 'EMAIL' },
    ]);
    expect(redactText('a'.repeat(50), merged)).toBe(`[CREDENTIAL]${'a'.repeat(10)}[EMAIL]${'a'.repeat(5)}`);
  });

  it('has a distinct placeholder for every finding type', () => {
    const placeholders = FINDING_TYPES.map(placeholderFor);
    expect(new Set(placeholders).size).toBe(FINDING_TYPES.length);
    expect(placeholders).toContain('[DRIVERS_LICENSE]');
  });

  it('refuses spans outside the text instead of redacting the wrong characters', () => {
    expect(() => redactText('short', [{ start: 2, end: 9, type: 'SSN' }])).toThrow(RangeError);
  });

  it('redacts whole segments a topic policy marks for redaction', () => {
    const segments = ['Our lawyers say the lawsuit will settle.', 'My cell is 415-555-0142.'];
    const topics = applyTopicPolicy(segments, { LEGAL: 'redact', SECURITY: 'warn', PERSONNEL: 'warn', FINANCIAL: 'warn', HEALTH: 'warn', COMPETITIVE: 'warn' });
    expect(redactSegments(segments, segments.map(detectSensitive), topics)).toEqual(['[REDACTED: LEGAL]', 'My cell is [PHONE].']);
  });
});
