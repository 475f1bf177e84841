import { describe, expect, it } from 'vitest';
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
});
