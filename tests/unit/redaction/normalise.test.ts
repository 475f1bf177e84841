import { describe, expect, it } from 'vitest';
import { normalise, toOriginalSpan } from '../../../src/core/redaction';

const norm = (text: string): string => normalise(text).text;

describe('normalise: spoken numbers to digits', () => {
  it('maps digit words, "oh" and "zero"', () => {
    expect(norm('five five five oh one two three')).toBe('5 5 5 0 1 2 3');
    expect(norm('zero nine')).toBe('0 9');
  });

  it('reads tens+units and number pairs as two-digit chunks', () => {
    expect(norm('forty-two eleven')).toBe('42 11');
    expect(norm('nineteen eighty five')).toBe('19 85');
    expect(norm('sixty nine eighty seven')).toBe('69 87');
  });

  it('expands double and triple', () => {
    expect(norm('double five three')).toBe('55 3');
    expect(norm('triple seven')).toBe('777');
    expect(norm('double oh seven')).toBe('00 7');
  });

  it('reads quantities only where a scale word says so', () => {
    expect(norm('one hundred and five dollars')).toBe('105 dollars');
    expect(norm('two thousand nineteen')).toBe('2019');
    expect(norm('twenty-five hundred seats')).toBe('2500 seats');
    // A toll-free number keeps its digits: the unit after "hundred" is not absorbed mid-string.
    expect(norm('one eight hundred five five five')).toBe('1 800 5 5 5');
  });

  it('turns spoken joiners and "plus" into punctuation', () => {
    expect(norm('version two point three point one')).toBe('version 2.3.1');
    expect(norm('oh three slash twenty nine')).toBe('0 3/29');
    expect(norm('plus four four twenty')).toBe('+4 4 20');
  });

  it('leaves words alone when they are not numbers', () => {
    expect(norm('oh I see, double check that')).toBe('oh I see, double check that');
    expect(norm('R A B O oh one')).toBe('R A B O 0 1');
    expect(norm('Call me, Jane!')).toBe('Call me, Jane!');
  });

  it('keeps mixtures of written and spoken digits', () => {
    expect(norm('4242 four two 42')).toBe('4242 4 2 42');
  });

  it('maps every normalised span back to the exact original words', () => {
    const original = 'card is four two, forty-two and 1234';
    const n = normalise(original);
    const at = n.text.indexOf('4 2');
    const span = toOriginalSpan(n, at, at + 3);
    expect(original.slice(span.start, span.end)).toBe('four two');
    const pair = n.text.indexOf('42');
    const pairSpan = toOriginalSpan(n, pair, pair + 2);
    expect(original.slice(pairSpan.start, pairSpan.end)).toBe('forty-two');
    const written = n.text.indexOf('1234');
    expect(toOriginalSpan(n, written + 1, written + 3)).toEqual({ start: original.indexOf('1234') + 1, end: original.indexOf('1234') + 3 });
  });

  it('keeps UTF-16 offsets right around non-ASCII text', () => {
    const original = 'Zoë 📞 five five';
    const n = normalise(original);
    const at = n.text.indexOf('5 5');
    const span = toOriginalSpan(n, at, at + 3);
    expect(original.slice(span.start, span.end)).toBe('five five');
  });
});
