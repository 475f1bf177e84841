/**
 * A number the caller ends with a full stop in one turn and finishes after the other speaker's
 * short turn that acknowledges it or asks for the rest ("Got it, and the rest?", "Mm-hmm.",
 * "Okay, keep going."): one number, cut into a finding per segment. A read-back of the whole
 * number straight after it is not its continuation. Generated combinations.
 */
import { describe, expect, it } from 'vitest';
import { scanTranscript, type FindingType, type ScanSegment } from '../../../src/core/redaction';

function luhnCard(seed: number, prefix: string): string {
  let body = prefix;
  let x = seed;
  while (body.length < 15) {
    x = (x * 1103515245 + 12345) % 2147483648;
    body += String(x % 10);
  }
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const turns = (...texts: string[]): ScanSegment[] => texts.map((text, i) => ({ speaker: i % 2 === 0 ? 'customer' : 'rep', text }));
const found = (segments: ScanSegment[], type: FindingType): string[] => {
  const scan = scanTranscript(segments);
  return scan.findings.filter((f) => f.type === type).map((f) => scan.text.slice(f.start, f.end));
};

const ASIDES = ['Got it, and the rest?', 'Mm-hmm.', 'Okay, keep going.', 'Right, go on.', 'Sorry, what was the rest?'];

describe('a number finished after the other speaker asks for the rest', () => {
  it.each(ASIDES)('joins a card across "%s"', (aside) => {
    for (const [seed, prefix] of [[7, '6759'], [11, '5018'], [23, '4539']] as const) {
      const card = luhnCard(seed, prefix);
      const first = card.slice(0, 4);
      const rest = `${card.slice(4, 8)} ${card.slice(8, 12)} ${card.slice(12)}`;
      expect(found(turns(`The card number is ${first}.`, aside, `Then ${rest}.`), 'CARD')).toEqual([first, rest]);
    }
  });

  it('does not join a number to the rep reading it back', () => {
    const phones = found(turns('My callback is 415, 555, 0143.', '415 555 0143?'), 'CARD');
    expect(phones).toEqual([]);
  });

  it('does not join across a turn that asks for something else', () => {
    for (const seed of [5, 9, 13]) {
      const card = luhnCard(seed, '6759');
      // The first part is not joined to what follows (the rest may still be a number of its own).
      expect(found(turns(`The card number is ${card.slice(0, 4)}.`, 'And what is the zip code?', `${card.slice(4, 8)} ${card.slice(8, 12)} ${card.slice(12)}.`), 'CARD')).not.toContain(card.slice(0, 4));
    }
  });
});
