import { describe, expect, it } from 'vitest';
import { anchorOf, PhraseIndex, requiredLiteral } from '../../../src/core/redaction/phrase-index';

const bodies = ['litigat[\\w-]*', 'rumou?r[\\w-]*', 'cut(?:ting)?\\s+(?:[\\w-]+ ){0,2}roles(?![\\w-])', "[a-z]+'s\\s+product(?![\\w-])", 'hr(?![\\w-])'];

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

  it('finds exactly what each phrase regex finds over the whole text, in any case', () => {
    const index = new PhraseIndex(bodies.map((body) => ({ body, payload: body })));
    const texts = [
      'The LITIGATION over the rumors: HR says cutting two more roles, and Acme\'s product too.',
      'non-litigation, hrs, xhr, rumour-mill; cut roles; cut the old roles',
      'İstanbul litigation with a length-changing lower case',
      '',
    ];
    for (const text of texts) {
      const found = index.matches(text).map((m) => `${m.payload}@${m.start}`).sort();
      expect(found).toEqual(reference(text));
    }
  });
});
