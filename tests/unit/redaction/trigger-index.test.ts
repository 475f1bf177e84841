/**
 * The trigger index against the trigger regexes it replaced. Before it, every detector ran its
 * trigger as a global regex over the whole lower-cased text (`execAll(re, ctx.lower)`); each
 * trigger keeps that regex as `re`, and these tests run it the old way next to the index, on
 * every fixture text and on seeded random text, and compare every match (position, text and
 * captures) and then every detector's findings.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectSensitive, scanTranscript } from '../../../src/core/redaction';
import { buildContext } from '../../../src/core/redaction/context';
import { execAll } from '../../../src/core/redaction/regex';
import { leadsOf, registeredTriggers, TriggerCues, type Trigger } from '../../../src/core/redaction/trigger-index';
import { snapshotSets } from '../../../tools/redaction-eval/scan-snapshot';

/** Seeded (xorshift32), so a failure reproduces. */
function seeded(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const plain = (matches: readonly RegExpExecArray[]): unknown[] => matches.map((m) => [m.index, ...m]);

/** Every fixture text, as one text per record (segments joined with line breaks, as the app lays them out). */
function fixtureTexts(): string[] {
  return snapshotSets().flatMap(([, records]) => records.map((r) => r.text));
}

/**
 * Words the triggers are made of (their leads and the words of their sources), numbers said and
 * written, punctuation, line breaks, Unicode (accents, a right quote, the Kelvin sign, an emoji,
 * lone surrogates, a non-breaking space) and mixed case.
 */
function vocabulary(): string[] {
  const words = new Set<string>();
  for (const t of registeredTriggers()) {
    for (const lead of t.leads ?? []) {
      words.add(lead);
    }
    for (const w of t.re.source.match(/[a-z']{2,}/gu) ?? []) {
      words.add(w);
    }
  }
  return [
    ...words,
    'my', 'the', 'is', 'it', 'number', 'code', 'card', 'on', 'back', 'of', 'to', 'digit', 'uh', 'um', 'okay', 'x', 'p', 'd', 'c', 's', 'k',
    '4111', '1111', '0366', '12', '3', '4', '6', '1', 'four', 'six', 'oh', 'zero',
    ' ', ' ', ' ', ' ', '  ', ', ', '. ', '.', ',', ':', '#', '-', '/', "'", '?', '!', '\n', '\t', '(', ')',
    'é', '\u2019', '\u212a', '\u{1F4DE}', '\ud800', '\udc00', '\u00a0', 'İ', 'ß', 'Card', 'PIN', 'CVV', 'Ssn', 'Password',
  ];
}

function randomTexts(seed: number, count: number, maxTokens: number): string[] {
  const next = seeded(seed);
  const vocab = vocabulary();
  return Array.from({ length: count }, () => {
    const n = Math.floor(next() * maxTokens);
    let text = '';
    for (let k = 0; k < n; k += 1) {
      const word = vocab[Math.floor(next() * vocab.length)] ?? '';
      // Mostly words with a blank between, sometimes glued to the previous token.
      text += next() < 0.8 ? ` ${word}` : word;
    }
    return text;
  });
}

function expectSameMatches(texts: readonly string[], lowerCase: boolean): number {
  let compared = 0;
  for (const raw of texts) {
    const lower = lowerCase ? buildContext(raw).lower : raw;
    const cues = new TriggerCues(lower);
    for (const t of registeredTriggers()) {
      const indexed = plain(cues.matches(t));
      const reference = plain(execAll(t.re, lower));
      if (JSON.stringify(indexed) !== JSON.stringify(reference)) {
        expect({ text: lower, trigger: t.re.source, indexed }).toEqual({ text: lower, trigger: t.re.source, indexed: reference });
      }
      compared += reference.length;
    }
  }
  return compared;
}

describe('trigger index', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('registers every detector trigger and indexes all but the ones without a leading word', () => {
    detectSensitive('load every detector module');
    const triggers = registeredTriggers();
    expect(triggers.length).toBe(27);
    // The one-time-code cue starts with a lookbehind after optional words, the bracketed phone with "(" or "+".
    expect(triggers.filter((t) => t.leads === undefined).map((t) => t.re.source.slice(0, 12))).toEqual(['\\b(?:(?:the|', '(?:\\+?1[ .-]']);
  });

  it('reads the leading literals of a source', () => {
    expect(leadsOf('\\b(?:card|visa|master ?card)(?: number)?\\b')?.sort()).toEqual(['card', 'master c', 'masterca', 'visa']);
    expect(leadsOf('\\bd[-. ]?l\\b')?.sort()).toEqual(['d l', 'd-l', 'd.l', 'dl'].sort());
    expect(leadsOf('\\bpin|\\bpass(?:word|code)')?.sort()).toEqual(['passcode', 'password', 'pin']);
    // Anything that is not a literal ends the lead; no lead at all means no index.
    expect(leadsOf('\\bexp\\w*')).toEqual(['exp']);
    expect(leadsOf('\\b[a-z]\\d')).toBeUndefined();
    expect(leadsOf('(?:a|b)c')).toBeUndefined();
    expect(leadsOf('\\b(?=x)y')).toBeUndefined();
    expect(leadsOf('\\b(?:the )?key')?.sort()).toEqual(['key', 'the key']);
  });

  it('finds the same matches as the trigger regexes on every fixture text', () => {
    const compared = expectSameMatches(fixtureTexts(), true);
    // Not a vacuous comparison: the fixtures hold about 1,500 trigger matches.
    expect(compared).toBeGreaterThan(1200);
  });

  it('finds the same matches as the trigger regexes on seeded random text', () => {
    const texts = randomTexts(20261202, 1500, 60);
    expect(expectSameMatches(texts, true)).toBeGreaterThan(1000);
    // Also on text that is not lower-cased or normalised: the index must not rely on either.
    expect(expectSameMatches(texts.slice(0, 500), false)).toBeGreaterThan(100);
  });

  it('gives the detectors the same findings as the trigger regexes run over the whole text', () => {
    const texts = [...fixtureTexts(), ...randomTexts(7, 400, 80)];
    const indexed = texts.map((t) => JSON.stringify(detectSensitive(t)));
    const transcripts = snapshotSets().flatMap(([, records]) => records.map((r) => JSON.stringify(scanTranscript(r.segments).findings)));
    const spy = vi.spyOn(TriggerCues.prototype, 'matches').mockImplementation(function reference(this: TriggerCues, t: Trigger) {
      return execAll(t.re, this.text);
    });
    const reference = texts.map((t) => JSON.stringify(detectSensitive(t)));
    expect(indexed).toEqual(reference);
    expect(snapshotSets().flatMap(([, records]) => records.map((r) => JSON.stringify(scanTranscript(r.segments).findings)))).toEqual(transcripts);
    // The reference path was taken, and the comparison is not between two empty lists.
    expect(spy).toHaveBeenCalled();
    expect(reference.filter((r) => r !== '[]').length).toBeGreaterThan(1500);
  });
});
