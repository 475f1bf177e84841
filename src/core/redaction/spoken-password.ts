/**
 * A password read out in words after whatever introduced it: "bluehouse seventy-nine at sign",
 * "p as in papa, capital r, o, j...", "all lowercase falcon, then four three, then a dollar
 * sign". It runs to the end of the sentence or segment, or to a tail about it ("..., all one
 * word"), and must read as a password: a digit, a spoken symbol, a case word or spelled letters.
 */
import type { DetectionContext } from './context';

// Spoken symbols, case words and spelling: the marks of a password said aloud.
const SYMBOL_OR_CASE =
  /\b(?:capital|uppercase|lowercase|upper case|lower case|all caps|underscore|exclamation|hashtag|hash|pound sign|dollar sign|at sign|asterisk|ampersand|percent sign|as in)\b|(?:\b[a-z]\b[ ,]+){3}/u;
const DIGIT = /\d/u;
const LENGTH_WORDS = /\b(?:characters?|chars|letters|digits|long|minimum|days|weeks|months|years|hours|minutes|o'clock|am|pm)\b/u;
const TAIL =
  /(?:[.?](?:\s|$)|,\s+(?:all (?:one|1) word|that's|thats|it's all|i know|my |should i|do you|is that|if |right\b|no spaces|all lower|all caps|case sensitive|change it|please|you can|you'll|and you|use it|when you|thanks|thank you|cheers)|\s+(?:all (?:one|1) word|no spaces|with no spaces)\b)/u;

/**
 * End (normalised index) of a spoken password starting at `from` and ending by `limit`, or
 * undefined. `strict`: digits alone do not make it a password (after "set it to", where times
 * and counts also follow); a symbol, case word or spelled letters are required.
 */
export function spokenPasswordEnd(ctx: DetectionContext, from: number, limit: number, strict: boolean): number | undefined {
  const value = ctx.lower.slice(from, limit);
  const tail = TAIL.exec(value);
  const text = (tail === null ? value : value.slice(0, tail.index)).replace(/[\s.,;:?]+$/u, '');
  if (text.length < 4 || LENGTH_WORDS.test(text)) {
    return undefined;
  }
  const marked = SYMBOL_OR_CASE.test(text) || (!strict && DIGIT.test(text));
  return marked ? from + text.length : undefined;
}
