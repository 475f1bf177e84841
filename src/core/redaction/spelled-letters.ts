/**
 * Letters spelled the way callers spell them: "W as in William", "B for Bravo", and NATO words
 * ("Whiskey one two seven"). The normaliser emits the letter in their place, so an id reader
 * sees "W 1 2 7" whatever way the letter was said. NATO words are ordinary words and names too
 * ("Charlie", "Delta", "Hotel"), so one only counts beside a number or another spelled letter.
 */
import { nextNonSpace, prevNonSpace, type Token } from './tokens';

const NATO = new Set([
  'alfa', 'alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'juliett', 'kilo',
  'lima', 'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor', 'whiskey',
  'whisky', 'xray', 'yankee', 'zulu',
]);
// "November 5th" is a date: the month only spells N beside other letters.
const MONTH_LIKE = new Set(['november']);
const AS_IN = new Set(['as in', 'for', 'like']);

export interface SpelledLetter {
  /** The letter, upper case. */
  readonly letter: string;
  /** Index of the last token the letter was said with. */
  readonly last: number;
}

const isLetter = (token: Token | undefined): boolean => token !== undefined && token.kind === 'word' && token.lower.length === 1;

/** Token index of the explaining word in "W as in William", or undefined. */
function asInWord(tokens: readonly Token[], index: number): number | undefined {
  const letter = tokens[index];
  if (!isLetter(letter) || letter === undefined) {
    return undefined;
  }
  // Words after the letter, blanks and a comma skipped: "as in William", "for Bravo".
  const words: number[] = [];
  for (let i = index + 1; i < tokens.length && words.length < 3; i += 1) {
    const token = tokens[i];
    if (token === undefined || token.lower.includes('\n')) {
      break;
    }
    if (token.kind === 'space' || token.lower === ',') {
      continue;
    }
    if (token.kind !== 'word') {
      break;
    }
    words.push(i);
  }
  const first = tokens[words[0] ?? -1]?.lower ?? '';
  const second = tokens[words[1] ?? -1]?.lower ?? '';
  // "as in William" (two words, then the word) or "for Bravo" / "like boy" (one word).
  const explained = AS_IN.has(`${first} ${second}`) ? words[2] : AS_IN.has(first) ? words[1] : undefined;
  const explaining = explained === undefined ? undefined : tokens[explained];
  return explaining !== undefined && explaining.lower.length > 1 && explaining.lower.startsWith(letter.lower) ? explained : undefined;
}

/**
 * Spelled letters by the index of their first token. `numbers[i]` is defined when token i is a
 * number (digits or a number word) in the normaliser's reading.
 */
const EMPTY: ReadonlyMap<number, SpelledLetter> = new Map();

// "a" and "I" are words far more often than letters: "me and Mike, I think".
function letterLike(tokens: readonly Token[], spelled: ReadonlyMap<number, SpelledLetter>, i: number | undefined): boolean {
  if (i === undefined) {
    return false;
  }
  const lower = tokens[i]?.lower ?? '';
  return spelled.has(i) || (isLetter(tokens[i]) && lower !== 'a' && lower !== 'i') || NATO.has(lower);
}

export function findSpelledLetters(tokens: readonly Token[], numbers: readonly unknown[]): ReadonlyMap<number, SpelledLetter> {
  let spelled: Map<number, SpelledLetter> | undefined;
  const natoWords: number[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token?.kind !== 'word') {
      continue;
    }
    if (token.lower.length === 1) {
      const last = asInWord(tokens, i);
      if (last !== undefined) {
        spelled ??= new Map();
        spelled.set(i, { letter: token.lower.toUpperCase(), last });
        i = last;
      }
    } else if (NATO.has(token.lower)) {
      natoWords.push(i);
    }
  }
  if (natoWords.length === 0) {
    return spelled ?? EMPTY;
  }
  const found = spelled ?? new Map<number, SpelledLetter>();
  for (const i of natoWords) {
    const lower = tokens[i]?.lower ?? '';
    if (found.has(i)) {
      continue;
    }
    const prev = prevNonSpace(tokens, i);
    const next = nextNonSpace(tokens, i);
    const besideLetter = letterLike(tokens, found, prev) || letterLike(tokens, found, next);
    const besideNumber = (prev !== undefined && numbers[prev] !== undefined) || (next !== undefined && numbers[next] !== undefined);
    if (besideLetter || (besideNumber && !MONTH_LIKE.has(lower))) {
      found.set(i, { letter: lower.charAt(0).toUpperCase(), last: i });
    }
  }
  return found;
}
