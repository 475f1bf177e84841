/**
 * The spoken-number lexicon a speech recogniser produces for English calls. Kept apart from
 * the normaliser so the grammar and the vocabulary can change independently.
 */

export type NumberWordKind = 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand' | 'million' | 'repeat';

export interface NumberWord {
  readonly kind: NumberWordKind;
  /** Digit value for unit/teen/tens, multiplier for scales, repeat count for double/triple. */
  readonly value: number;
  readonly ordinal: boolean;
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const UNIT_ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function buildLexicon(): ReadonlyMap<string, NumberWord> {
  const lexicon = new Map<string, NumberWord>();
  UNITS.forEach((word, value) => lexicon.set(word, { kind: 'unit', value, ordinal: false }));
  UNIT_ORDINALS.forEach((word, value) => {
    if (value > 0) {
      lexicon.set(word, { kind: 'unit', value, ordinal: true });
    }
  });
  TEENS.forEach((word, index) => {
    lexicon.set(word, { kind: 'teen', value: 10 + index, ordinal: false });
    const ordinal = word === 'twelve' ? 'twelfth' : `${word}th`;
    lexicon.set(ordinal, { kind: 'teen', value: 10 + index, ordinal: true });
  });
  TENS.forEach((word, index) => {
    if (word !== '') {
      lexicon.set(word, { kind: 'tens', value: index * 10, ordinal: false });
      lexicon.set(`${word.slice(0, -1)}ieth`, { kind: 'tens', value: index * 10, ordinal: true });
    }
  });
  // Recognisers and callers use these for zero; "oh"/"o" are only numbers near other numbers.
  for (const word of ['nought', 'nil']) {
    lexicon.set(word, { kind: 'unit', value: 0, ordinal: false });
  }
  lexicon.set('fourty', { kind: 'tens', value: 40, ordinal: false });
  lexicon.set('hundred', { kind: 'hundred', value: 100, ordinal: false });
  lexicon.set('thousand', { kind: 'thousand', value: 1000, ordinal: false });
  lexicon.set('million', { kind: 'million', value: 1_000_000, ordinal: false });
  lexicon.set('double', { kind: 'repeat', value: 2, ordinal: false });
  lexicon.set('triple', { kind: 'repeat', value: 3, ordinal: false });
  return lexicon;
}

const LEXICON = buildLexicon();
/** The lexicon itself, read only (tests compare the fast lookups with a plain one). */
export const NUMBER_WORDS: ReadonlyMap<string, NumberWord> = LEXICON;

/** Words that mean zero only when another number is right beside them ("five oh two"). */
export const CONTEXTUAL_ZERO = new Set(['oh', 'o']);

/** ASCII lower-case letters that begin a lexicon word. */
const FIRST_LETTERS = new Uint8Array(128);
for (const word of LEXICON.keys()) {
  FIRST_LETTERS[word.charCodeAt(0)] = 1;
}

export function lookupNumberWord(word: string): NumberWord | undefined {
  // A word starting with an ASCII character that is no capital and begins no lexicon word is
  // not one, in any case (lower-casing leaves that character as it is): no string hashed.
  const first = word.charCodeAt(0);
  if (first < 128 && !(first >= 65 && first <= 90) && FIRST_LETTERS[first] !== 1) {
    return undefined;
  }
  // Tokens arrive lower-cased already; only lower-case when the word is not in the lexicon and
  // has a character lower-casing could change (an ASCII capital or any non-ASCII character):
  // most words are neither, and this spares them a copy and a second lookup.
  return LEXICON.get(word) ?? (mayLowerCase(word) ? LEXICON.get(word.toLowerCase()) : undefined);
}

function mayLowerCase(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    const code = word.charCodeAt(i);
    if ((code >= 65 && code <= 90) || code >= 128) {
      return true;
    }
  }
  return false;
}
