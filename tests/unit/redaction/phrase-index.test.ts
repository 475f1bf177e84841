import { describe, expect, it } from 'vitest';
import { BENIGN_CUES, SECRECY_CUES, TOPIC_CUES, TOPICS } from '../../../src/core/redaction/topic-lexicon';
import { cueBody } from '../../../src/core/redaction/topics';
import { snapshotSets } from '../../../tools/redaction-eval/scan-snapshot';
import { anchorOf, leadOf, PhraseIndex, requiredAlternatives, requiredLiteral } from '../../../src/core/redaction/phrase-index';

const bodies = [
  "(?:isn't|is\\s+not|not)\\s+(?:public|announced)(?:\\s+yet)?(?![\\w-])",
  "[a-z]+'s?\\s+(?:pricing|cost[\\w-]*|plans?)(?![\\w-])",
  'litigat[\\w-]*', 'rumou?r[\\w-]*', 'cut(?:ting)?\\s+(?:[\\w-]+ ){0,2}roles(?![\\w-])', "[a-z]+'s\\s+product(?![\\w-])", 'hr(?![\\w-])'];

/** What the phrases' own global regexes find: the index must find the same. */
function reference(text: string): string[] {
  return bodies.flatMap((body) => [...text.matchAll(new RegExp(`(?<![\\w-])${body}`, 'giu'))].map((m) => `${body}@${m.index}`)).sort();
}

describe('phrase index', () => {
  it('takes the literal a phrase starts with, leaving out a character a quantifier makes optional', () => {
    expect(anchorOf('litigat[\\w-]*')).toBe('litigat');
    expect(anchorOf('rumou?r[\\w-]*')).toBe('rumo');
    expect(anchorOf("[a-z]+'s\\s+product")).toBe('');
    expect(anchorOf('a|b')).toBe('');
    expect(requiredLiteral("[a-z]+'s\\s+product")).toBe('product');
    expect(requiredLiteral('\\sfoo')).toBe('foo');
  });

  it('reads the literal words a phrase starts with across its blanks, so a position missing them is not tried', () => {
    expect(leadOf('the\\s+doctor\\s+said(?![\\w-])')).toEqual(['the', 'doctor', 'said']);
    expect(leadOf('budget\\s+(?:[\\w-]+\\s+){0,3}cut')).toEqual(['budget', '']);
    expect(leadOf('rumou?r[\\w-]*')).toEqual(['rumo']);
    expect(leadOf('cut(?:ting)?\\s+roles')).toEqual(['cut']);
    const index = new PhraseIndex([{ body: 'the\\s+doctor\\s+said(?![\\w-])', payload: 1 }]);
    // Any blanks between the words, as the regex allows; not a word that only starts the same.
    expect(index.matches('The doctor\t said so').map((m) => [m.start, m.end])).toEqual([[0, 16]]);
    expect(index.matches('the doctors said; the doctor, said; the doctor saidx')).toEqual([]);
  });

  it('skips an unanchored phrase only when none of the literals one of which it needs is there', () => {
    // The group with the longest shortest literal is the test; lookarounds and optional groups are not required.
    expect(requiredAlternatives("(?:isn't|is\\s+not|not)\\s+(?:public|announced)(?:\\s+yet)?(?![\\w-])")).toEqual(['public', 'announced']);
    expect(requiredAlternatives("[a-z]+'s?\\s+(?:pricing|cost[\\w-]*|plans?)")).toEqual(['pricing', 'cost', 'plan']);
    expect(requiredAlternatives("[a-z]+'s\\s+product")).toEqual(['product']);
    expect(requiredAlternatives('(?:a|b)?c')).toEqual(['c']);
    expect(requiredAlternatives('(?=abc)\\w+')).toEqual([]);
    expect(requiredAlternatives('(?:x|[a-z]y)\\d')).toEqual([]);
    // A group inside one top-level alternative is not required by the others.
    expect(requiredAlternatives('not\\s+(?:public|out)|kept\\s+quiet')).toEqual([]);
  });

  it('finds exactly what each phrase regex finds over the whole text, in any case', () => {
    const index = new PhraseIndex(bodies.map((body) => ({ body, payload: body })));
    const texts = [
      'The LITIGATION over the rumors: HR says cutting two more roles, and Acme\'s product too.',
      'non-litigation, hrs, xhr, rumour-mill; cut roles; cut the old roles',
      'İstanbul litigation with a length-changing lower case',
      "It's not public yet; the rival's pricing and Acme's plan, is not announced",
      // A long s: the case-insensitive regexes match it for "s", a literal test on the lower-cased text does not.
      "Acme's co\u017ft sheet, it i\u017f not announced, that'\u017f litigation",
      '',
    ];
    for (const text of texts) {
      const found = index.matches(text).map((m) => `${m.payload}@${m.start}`).sort();
      expect(found).toEqual(reference(text));
    }
  });

  it('matches phrases that share a first word, and forgets the literals of the text before', () => {
    const shared = ['the\\s+doctor\\s+said(?![\\w-])', 'the\\s+case(?![\\w-])', 'the[\\w-]*\\s+board', "[a-z]+'s\\s+(?:pricing|roadmap)(?![\\w-])", 'not\\s+(?:public|out)|kept\\s+quiet'];
    const index = new PhraseIndex(shared.map((body) => ({ body, payload: body })));
    const expected = (text: string): string[] =>
      shared.flatMap((body) => [...text.matchAll(new RegExp(`(?<![\\w-])${body}`, 'giu'))].map((m) => `${body}@${m.index}`)).sort();
    // Each text after one that had the literals ("pricing", "public"): what that text had must not carry over.
    const texts = ["the case, the doctor said; their board and Acme's pricing is not public", "Acme's plan is not known", 'the  doctor said', "acme's roadmap", 'kept it quiet', 'KEPT QUIET'];
    for (const text of texts) {
      expect(index.matches(text).map((m) => `${m.payload}@${m.start}`).sort(), text).toEqual(expected(text));
    }
  });

  it('finds every cue of the lexicon with the same start and end as its regex, on every fixture text and on random text', () => {
    // Phrases that are only literal words (most of the lexicon) are matched by comparing
    // characters, not by their regex: their ends must be the regex's, in any case and after any
    // character. Reference: each anchored phrase's regex at every position, each unanchored
    // phrase's global matches (what the index reports for each kind).
    const bodies = [...TOPICS.flatMap((t) => TOPIC_CUES[t].map((c) => c.phrase)), ...SECRECY_CUES, ...BENIGN_CUES].map(cueBody);
    const index = new PhraseIndex(bodies.map((body, order) => ({ body, payload: order })));
    const regexes = bodies.map((body) => ({ anchored: anchorOf(body) !== '', re: new RegExp(`(?<![\\w-])${body}`, 'giu') }));
    const expected = (text: string): string[] => {
      const out: string[] = [];
      regexes.forEach(({ anchored, re }, order) => {
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          if (m[0].length > 0) {
            out.push(`${order}@${m.index}-${m.index + m[0].length}`);
          }
          re.lastIndex = anchored || m[0].length === 0 ? m.index + 1 : m.index + m[0].length;
        }
      });
      return out.sort();
    };
    const found = (text: string): string[] => index.matches(text).map((m) => `${m.payload}@${m.start}-${m.end}`).sort();
    const texts = snapshotSets().flatMap(([, records]) => records.flatMap((r) => r.segments.map((s) => s.text)));
    let matched = 0;
    for (const text of texts) {
      const want = expected(text);
      expect(found(text), text).toEqual(want);
      matched += want.length;
    }
    expect(matched).toBeGreaterThan(1000);
    // Random text of the lexicon's own words, cut and joined by word characters, hyphens,
    // underscores, digits, Unicode blanks, a Kelvin sign (case-insensitively a "k"), a long s and
    // an upper-case dotted I (which lower-cases to two characters).
    const words = [...new Set([...TOPICS.flatMap((t) => TOPIC_CUES[t].map((c) => c.phrase)), ...SECRECY_CUES, ...BENIGN_CUES].flatMap((p) => p.replace(/\*/gu, '').split(' ')))];
    const pieces = [' ', ' ', '  ', '\t', '\n', '\u00a0', '-', '_', 'x', 'S', '7', "'", '\u212a', '\u017f', '\u0130', 'é', ',', 'ing', 'ed'];
    let state = 41;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let k = 0; k < 1500; k += 1) {
      const text = Array.from({ length: 1 + Math.floor(next() * 10) }, () => {
        const r = next();
        const word = words[Math.floor(next() * words.length)] ?? '';
        return r < 0.45 ? word : r < 0.55 ? word.toUpperCase() : r < 0.75 ? `${word} ` : (pieces[Math.floor(next() * pieces.length)] ?? '');
      }).join(next() < 0.6 ? ' ' : '');
      expect(found(text), JSON.stringify(text)).toEqual(expected(text));
    }
    // Every fixture text against 683 regexes: seconds alone, longer on the shared machine.
  }, 180_000);
});
