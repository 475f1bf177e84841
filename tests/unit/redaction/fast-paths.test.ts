import { describe, expect, it } from 'vitest';
import { confidence, detectSensitive, normalise, resolveOverlaps, type Finding } from '../../../src/core/redaction';
import { findDigitRuns } from '../../../src/core/redaction/digit-runs';
import { tokenise } from '../../../src/core/redaction/tokens';
import { ruleId } from '../../../src/core/redaction/types';
import { readFeatures } from '../../../src/core/redaction/topic-features';
import { lookupNumberWord, NUMBER_WORDS } from '../../../src/core/redaction/number-words';
import { readTopicModel, readTopicModelByStrings } from '../../../src/core/redaction/topic-model';
import weights from '../../../src/core/redaction/topic-weights.json';
import { snapshotSets } from '../../../tools/redaction-eval/scan-snapshot';

// Seeded so a failure reproduces.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function randomText(next: () => number, alphabet: readonly string[], max: number): string {
  return Array.from({ length: Math.floor(next() * max) }, () => alphabet[Math.floor(next() * alphabet.length)] ?? '').join('');
}

/** The regex tokeniser the hand-written scanner replaced. */
function regexTokens(text: string): { kind: string; start: number; end: number; lower: string }[] {
  return [...text.matchAll(/([A-Za-z]+)|([0-9]+)|(\s+)|[^A-Za-z0-9\s]/gu)].map((m) => {
    const kind = m[1] !== undefined ? 'word' : m[2] !== undefined ? 'digits' : m[3] !== undefined ? 'space' : 'other';
    return { kind, start: m.index, end: m.index + m[0].length, lower: kind === 'word' ? m[0].toLowerCase() : m[0] };
  });
}

/** The quadratic overlap resolution that the indexed one replaced. */
function naiveResolve(findings: readonly Finding[]): Finding[] {
  const byStrength = [...findings].sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start));
  const kept: Finding[] = [];
  for (const f of byStrength) {
    let cursor = f.start;
    let covered = cursor >= f.end;
    for (const o of kept.filter((k) => k.start < f.end && f.start < k.end).sort((a, b) => a.start - b.start || b.end - a.end)) {
      if (covered || o.start > cursor) {
        break;
      }
      cursor = Math.max(cursor, o.end);
      covered = cursor >= f.end;
    }
    if (!covered) {
      kept.push(f);
    }
  }
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

describe('fast paths give the same results as the straightforward code', () => {
  it('tokenises exactly like the regex, including Unicode blanks and lone surrogates', () => {
    const next = random(11);
    const alphabet = ['a', 'Z', '0', '9', ' ', '\t', '\n', '\u00a0', '\u2003', '\u200b', '\u{1F4DE}', '\ud800', '\udc00', 'é', '-', ',', '\u3000', '\ufeff'];
    for (let k = 0; k < 3000; k += 1) {
      const text = randomText(next, alphabet, 14);
      expect(tokenise(text), JSON.stringify(text)).toEqual(regexTokens(text));
    }
  });

  it('reads digit-run separators like the run regex, and pauses between runs', () => {
    const runs = (text: string): string[][] => findDigitRuns(text).map((run) => [run.digits, ...run.seps]);
    expect(runs('1 - 2, 3 -x 4- 5 \u20136')).toEqual([['123', '-', ','], ['456', '-', '\u2013']]);
    // " ," and a double blank are pauses (~) between runs, not run separators.
    expect(runs('1.2 3/4 5,6 7 ,8 9  10')).toEqual([['12345678910', '.', ' ', '/', ' ', ',', ' ', '~', ' ', '~']]);
    expect(runs('12. 5')).toEqual([['12'], ['5']]);
  });

  it('maps a segment without spoken numbers to itself', () => {
    const text = 'Order 4411 shipped to Zoë 📞 today.';
    const n = normalise(text);
    expect(n.text).toBe(text);
    expect(Array.from(n.origStart)).toEqual(Array.from({ length: text.length }, (_, i) => i));
    expect(Array.from(n.origEnd)).toEqual(Array.from(n.origStart, (i) => i + 1));
  });

  it('resolves overlaps exactly like the quadratic version', () => {
    const next = random(5);
    for (let k = 0; k < 300; k += 1) {
      const findings: Finding[] = Array.from({ length: Math.floor(next() * 30) }, () => {
        const start = Math.floor(next() * 80);
        return {
          start,
          end: start + Math.floor(next() * 20),
          type: 'PHONE',
          confidence: confidence(Math.round(next() * 10) / 10),
          rule: ruleId('test'),
        };
      });
      expect(resolveOverlaps(findings)).toEqual(naiveResolve(findings));
    }
  });

  it('reads classifier features by hand exactly as the word regex did', () => {
    const viaRegex = (text: string, secret: boolean): string[] => {
      const out: string[] = [];
      let previous = '';
      let previousStart = 0;
      for (const m of text.toLowerCase().matchAll(/[a-z0-9]+(?:['\u2019][a-z]+)?/gu)) {
        const word = /^\d+$/u.test(m[0]) ? '#' : m[0].replace('\u2019', "'");
        out.push(`${word}@${m.index}-${m.index + m[0].length}`);
        if (previous !== '') {
          out.push(`${previous}_${word}@${previousStart}-${m.index + m[0].length}`);
        }
        previous = word;
        previousStart = m.index;
      }
      if (secret) {
        out.push('__secret__@0-0');
      }
      return out;
    };
    const byHand = (text: string, secret: boolean, pairs: boolean): string[] => {
      const out: string[] = [];
      const add = (feature: string, start: number, end: number): void => {
        out.push(`${feature}@${start}-${end}`);
      };
      readFeatures(text, secret, pairs ? { add, addBigram: (head, word, start, end) => { add(`${head}_${word}`, start, end); } } : { add });
      return out;
    };
    const next = random(3);
    const alphabet = ['a', 'Q', 'z', '0', '7', ' ', "'", '\u2019', '-', '\u0130', '\u017f', 'é', '\n', ','];
    for (let k = 0; k < 3000; k += 1) {
      const text = randomText(next, alphabet, 16);
      const secret = k % 2 === 0;
      expect(byHand(text, secret, false), JSON.stringify(text)).toEqual(viaRegex(text, secret));
      expect(byHand(text, secret, true), JSON.stringify(text)).toEqual(viaRegex(text, secret));
    }
  });

  it('reads the classifier\'s known words by hash exactly as by their strings', () => {
    const texts = snapshotSets().flatMap(([, records]) => records.flatMap((r) => r.segments.map((s) => s.text)));
    expect(texts.length).toBeGreaterThan(3000);
    let fired = 0;
    texts.forEach((text, k) => {
      const secret = k % 3 === 0;
      const fast = readTopicModel(text, secret);
      expect(fast, text).toEqual(readTopicModelByStrings(text, secret));
      fired += fast.fired.length;
    });
    // Not vacuous: the fixture texts fire thousands of known features.
    expect(fired).toBeGreaterThan(20000);
    // Random text made of the model's own words (in both cases, with either apostrophe), digits
    // and separators, so known unigrams and bigrams, near misses and hash collisions all occur.
    const words = [...new Set(Object.keys(weights.weights).flatMap((f) => (f.startsWith('__') ? [] : f.split('_'))))];
    const next = random(29);
    const pieces = [' ', ' ', '  ', '\n', ',', '-', "'", '\u2019', '0', '42', 's', 'X', '\u0130', '\u017f', 'é'];
    for (let k = 0; k < 4000; k += 1) {
      const text = Array.from({ length: Math.floor(next() * 12) }, () => {
        const r = next();
        const word = words[Math.floor(next() * words.length)] ?? '';
        const cased = r < 0.1 ? word.toUpperCase() : r < 0.2 ? word.replace("'", '\u2019') : word;
        return r < 0.6 ? cased : r < 0.8 ? `${cased} ` : (pieces[Math.floor(next() * pieces.length)] ?? '');
      }).join(next() < 0.5 ? ' ' : '');
      const secret = k % 2 === 0;
      expect(readTopicModel(text, secret), JSON.stringify(text)).toEqual(readTopicModelByStrings(text, secret));
    }
    // Every fixture text read twice: a few seconds alone, longer on the shared machine.
  }, 120_000);

  it('looks number words up exactly as the lexicon lookup of the word or its lower case', () => {
    const plain = (word: string): unknown => NUMBER_WORDS.get(word) ?? NUMBER_WORDS.get(word.toLowerCase());
    const words = [...NUMBER_WORDS.keys()];
    const next = random(53);
    const prefixes = ['', '', '', 'X', 'x', '\u212a', '\u0130', 'é', '-', '1', 'T', 'F'];
    let found = 0;
    for (let k = 0; k < 5000; k += 1) {
      const word = words[Math.floor(next() * words.length)] ?? '';
      const r = next();
      const cased = r < 0.2 ? word.toUpperCase() : r < 0.4 ? `${word.charAt(0).toUpperCase()}${word.slice(1)}` : r < 0.5 ? word.slice(1) : word;
      const text = `${prefixes[Math.floor(next() * prefixes.length)] ?? ''}${cased}`;
      expect(lookupNumberWord(text), JSON.stringify(text)).toBe(plain(text));
      found += plain(text) === undefined ? 0 : 1;
    }
    expect(found).toBeGreaterThan(1000);
    for (const text of ['', ' ', '\u0130', 'ONE', 'One', 'oNe', 'zero', 'Zero', 'quad', 'Nil', '\u212aone']) {
      expect(lookupNumberWord(text), JSON.stringify(text)).toBe(plain(text));
    }
  });

  it('skips key regexes only when their fixed part is absent, whatever the case', () => {
    expect(detectSensitive('API KEY: Zx81kPq0Lm27Nb45Vc63').map((f) => f.type)).toEqual(['API_KEY']);
    expect(detectSensitive('Zoë said the Token is Zx81kPq0Lm27Nb45Vc63').map((f) => f.type)).toEqual(['API_KEY']);
    expect(detectSensitive('the build id is Zx81kPq0Lm27Nb45Vc63 today')).toEqual([]);
  });
});
