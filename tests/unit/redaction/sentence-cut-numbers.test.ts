/**
 * A number the recogniser cut into sentences ("404. 209. 4223", "zero three oh. 38. nine five
 * four one", "Five oh one eight. 5834. 31710"): parts of two to five digits with only a full
 * stop between them are one number when either part was spoken or both have three or more
 * digits. Generated variations, not sentences of an evaluation set; counts and amounts cut the
 * same way stay unflagged.
 */
import { describe, expect, it } from 'vitest';
import { detectSensitive, type FindingType } from '../../../src/core/redaction';

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const words = (digits: string): string => Array.from(digits, (d) => (d === '0' ? 'oh' : ONES[Number(d)])).join(' ');

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digitsOf = (random: () => number, n: number, first = 1): string => {
  let s = String(first + Math.floor(random() * (10 - first)));
  while (s.length < n) {
    s += String(Math.floor(random() * 10));
  }
  return s;
};

function luhnCard(random: () => number, prefix: string, length: number): string {
  let body = prefix;
  while (body.length < length - 1) {
    body += String(Math.floor(random() * 10));
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

/** Parts said as words or written, chosen per part. */
const mixed = (random: () => number, parts: readonly string[]): string[] => parts.map((p, i) => (i === 0 || random() < 0.5 ? words(p) : p));

/** The text of the one finding of `type` in `text`, or undefined. */
function only(text: string, type: FindingType): string | undefined {
  const hits = detectSensitive(text).filter((f) => f.type === type);
  return hits.length === 1 && hits[0] !== undefined ? text.slice(hits[0].start, hits[0].end) : undefined;
}

describe('numbers cut into sentences by the recogniser', () => {
  const random = rng(515);

  it('reads written phone parts cut by full stops as one phone', () => {
    for (let i = 0; i < 8; i += 1) {
      const value = `${digitsOf(random, 3, 2)}. ${digitsOf(random, 3, 2)}. ${digitsOf(random, 4)}`;
      expect(only(`My cell is ${value}.`, 'PHONE'), value).toBe(value);
    }
  });

  it('reads an SSN said in parts, mixing words and digits, as one SSN', () => {
    for (let i = 0; i < 8; i += 1) {
      // Areas 100-599: never 666 or the 9xx of an ITIN.
      const [a, b, c] = mixed(random, [String(100 + Math.floor(random() * 500)), digitsOf(random, 2, 1), digitsOf(random, 4, 1)]);
      const value = `${a}. ${b}. ${c}`;
      expect(only(`My social security number is ${value}.`, 'SSN'), value).toBe(value);
    }
  });

  it('reads a card said in parts, mixing words and digits, as one card', () => {
    for (const [prefix, length, sizes] of [
      ['5018', 15, [4, 4, 4, 3]],
      ['6759', 16, [4, 4, 4, 4]],
      ['6304', 17, [4, 4, 4, 5]],
    ] as const) {
      for (let i = 0; i < 4; i += 1) {
        const card = luhnCard(random, prefix, length);
        const parts: string[] = [];
        let at = 0;
        for (const size of sizes) {
          parts.push(card.slice(at, at + size));
          at += size;
        }
        const value = mixed(random, parts).join('. ');
        expect(only(`The card number is ${value}.`, 'CARD'), value).toBe(value);
      }
    }
  });

  it('keeps counts and amounts cut by a full stop apart', () => {
    for (const text of [
      'The plan ends in 42. 5 more seats would cost extra.',
      'We ordered 250. 300 more are coming next quarter.',
      'That was version 12. 40 people use it daily.',
      'It went from 1200. 1500 is the new price per seat.',
      'Our card number is on file. 2024. 2025 were good years.',
    ]) {
      expect(detectSensitive(text), text).toEqual([]);
    }
  });
});
