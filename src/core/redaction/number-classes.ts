/**
 * Which tokens are numbers: lexicon words, digit strings, "double"/"triple" before a digit,
 * and "oh"/"o" when the words around them make them zeros.
 */
import { CONTEXTUAL_ZERO, lookupNumberWord, type NumberWord } from './number-words';
import { nextNonSpace, prevNonSpace, type Token } from './tokens';

export type TokenClass = NumberWord | 'digits' | undefined;

const ZERO: NumberWord = { kind: 'unit', value: 0, ordinal: false };
// Words a caller puts between the groups of one number: "oh two one, then oh oh oh, then ...".
const GROUP_FILLERS = new Set(['then', 'and', 'uh', 'um', 'er', 'so', 'next']);
const GROUP_PUNCTUATION = new Set([',', '.', '\u2026']);

/** "double"/"triple" only count when a digit follows; "double check" stays a word. */
function repeatCounts(tokens: readonly Token[], index: number): boolean {
  const next = nextNonSpace(tokens, index);
  const lower = next === undefined ? '' : (tokens[next]?.lower ?? '');
  return lookupNumberWord(lower)?.kind === 'unit' || (next !== undefined && CONTEXTUAL_ZERO.has(lower));
}

/** A lone "o" among spelled letters ("R A B O") is the letter, not zero. */
function isSpelledLetter(tokens: readonly Token[], index: number | undefined): boolean {
  const other = index === undefined ? undefined : tokens[index];
  return other !== undefined && other.kind === 'word' && other.lower.length === 1 && other.lower !== 'o';
}

/** Marks each token that is a number: lexicon words, digits, and "oh" beside another number. */
export function classify(tokens: readonly Token[]): TokenClass[] {
  const classes: TokenClass[] = [];
  let zeroWords = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === undefined || token.kind === 'space' || token.kind === 'other') {
      classes.push(undefined);
      continue;
    }
    if (token.kind === 'digits') {
      classes.push('digits');
      continue;
    }
    const word = lookupNumberWord(token.lower);
    classes.push(word?.kind === 'repeat' && !repeatCounts(tokens, index) ? undefined : word);
    if (CONTEXTUAL_ZERO.has(token.lower)) {
      zeroWords += 1;
    }
  }
  if (zeroWords === 0) {
    return classes;
  }
  // Propagate "oh"/"o" as zero from numeric neighbours; two passes cover "oh oh seven".
  for (let pass = 0; pass < 2; pass += 1) {
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index];
      if (token === undefined || classes[index] !== undefined || token.kind !== 'word' || !CONTEXTUAL_ZERO.has(token.lower)) {
        continue;
      }
      const prev = prevNonSpace(tokens, index);
      const next = nextNonSpace(tokens, index);
      if (token.lower === 'o' && (isSpelledLetter(tokens, prev) || isSpelledLetter(tokens, next))) {
        continue;
      }
      if ((prev !== undefined && classes[prev] !== undefined) || (next !== undefined && classes[next] !== undefined)) {
        classes[index] = ZERO;
      }
    }
  }
  zeroChains(tokens, classes);
  return classes;
}

const isOh = (tokens: readonly Token[], classes: readonly TokenClass[], i: number | undefined): i is number =>
  i !== undefined && classes[i] === undefined && tokens[i]?.lower === 'oh';

/** Whether a number is reached from `from` in direction `step` across blanks and filler words. */
function numberNear(tokens: readonly Token[], classes: readonly TokenClass[], from: number, step: 1 | -1): boolean {
  for (let k = from + step, seen = 0; k >= 0 && k < tokens.length && seen < 8; k += step, seen += 1) {
    const token = tokens[k];
    if (classes[k] !== undefined) {
      return true;
    }
    const skippable = token !== undefined && (token.kind === 'space' || GROUP_PUNCTUATION.has(token.lower) || GROUP_FILLERS.has(token.lower));
    if (!skippable) {
      return false;
    }
  }
  return false;
}

/** Two or more "oh"s in a row are zeros when a number is near them across filler words. */
function zeroChains(tokens: readonly Token[], classes: TokenClass[]): void {
  for (let i = 0; i < tokens.length; i += 1) {
    if (!isOh(tokens, classes, i)) {
      continue;
    }
    let last = i;
    let length = 1;
    for (let j = nextNonSpace(tokens, i); isOh(tokens, classes, j); j = nextNonSpace(tokens, j)) {
      last = j;
      length += 1;
    }
    if (length >= 2 && (numberNear(tokens, classes, i, -1) || numberNear(tokens, classes, last, 1))) {
      for (let k = i; k <= last; k += 1) {
        if (isOh(tokens, classes, k)) {
          classes[k] = ZERO;
        }
      }
    }
    i = last;
  }
}
