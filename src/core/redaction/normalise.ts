/**
 * Maps spoken numbers in recogniser output to digits ("four two" -> "4 2", "forty-two eleven"
 * -> "42 11", "double five" -> "55", "oh" -> "0", "two point five" -> "2.5", "plus four four"
 * -> "+44") and keeps, for every character of the normalised text, the span of the original
 * text it came from. Detectors search the normalised text and report original offsets through
 * `toOriginalSpan`, so a finding always cuts the exact words the caller sees.
 *
 * Everything that is not a number word is copied verbatim (one original char per char), which
 * keeps casing and punctuation for the detectors that care about them.
 */
import { Emitter, type NormalisedText } from './emitter';
import { classify, type TokenClass } from './number-classes';
import { parseNumberGroup, type GroupItem, type Joiner } from './number-grammar';
import { findSpelledLetters } from './spelled-letters';
import { afterSeparator, prevNonSpace, tokenise, type Token } from './tokens';

export type { NormalisedText } from './emitter';

// A Map, not an object literal: a word like "constructor" must not find an inherited property.
const JOINERS: ReadonlyMap<string, Joiner> = new Map<string, Joiner>([
  ['point', 'point'],
  ['dot', 'point'],
  ['slash', 'slash'],
  ['dash', 'dash'],
  ['hyphen', 'dash'],
]);
const JOINER_CHARS: Readonly<Record<Joiner, string>> = { point: '.', slash: '/', dash: '-' };

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function normalise(original: string): NormalisedText {
  const tokens = tokenise(original);
  const classes = classify(tokens);
  const out = new Emitter(original);
  const spelled = findSpelledLetters(tokens, classes);
  if (spelled.size === 0 && !hasWordsToRewrite(tokens, classes)) {
    // Nothing spoken to turn into digits (most written segments): the text maps to itself.
    out.verbatim(0, original.length);
    return out.finish();
  }
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) {
      break;
    }
    const letter = spelled.get(i);
    if (letter !== undefined) {
      out.replace(letter.letter, token.start, tokens[letter.last]?.end ?? token.end);
      i = letter.last + 1;
      continue;
    }
    const cls = classes[i];
    if (token.lower === 'plus' && token.kind === 'word') {
      const next = afterSeparator(tokens, i);
      const prev = prevNonSpace(tokens, i);
      const nextToken = next === undefined ? undefined : tokens[next];
      if (next !== undefined && nextToken !== undefined && classes[next] !== undefined && !(prev !== undefined && classes[prev] !== undefined)) {
        out.replace('+', token.start, nextToken.start);
        i = next;
        continue;
      }
    }
    if (cls === undefined) {
      out.verbatim(token.start, token.end);
      i += 1;
      continue;
    }
    if (cls === 'digits') {
      out.verbatim(token.start, token.end);
      i = spokenJoinerAfter(out, tokens, classes, i);
      continue;
    }
    // Collect a group of number words joined by blanks or single hyphens.
    const items: GroupItem[] = [{ word: cls, start: token.start, end: token.end, special: undefined }];
    let last = i;
    for (;;) {
      const next = afterSeparator(tokens, last);
      const nextToken = next === undefined ? undefined : tokens[next];
      if (next === undefined || nextToken === undefined) {
        break;
      }
      const nextCls = classes[next];
      if (nextCls !== undefined && nextCls !== 'digits') {
        items.push({ word: nextCls, start: nextToken.start, end: nextToken.end, special: undefined });
        last = next;
        continue;
      }
      const joiner = JOINERS.get(nextToken.lower);
      if (nextToken.lower === 'and' || joiner !== undefined) {
        const after = afterSeparator(tokens, next);
        const prevWord = items[items.length - 1]?.word;
        const scaleBefore = prevWord !== undefined && (prevWord.kind === 'hundred' || prevWord.kind === 'thousand' || prevWord.kind === 'million');
        const allowed = joiner !== undefined || scaleBefore;
        if (allowed && isWordNumber(classes, after)) {
          items.push({ word: undefined, start: nextToken.start, end: nextToken.end, special: joiner ?? 'and' });
          last = next;
          continue;
        }
      }
      break;
    }
    emitChunks(out, parseNumberGroup(items));
    const lastToken = tokens[last];
    i = spokenJoinerAfter(out, tokens, classes, last);
    if (lastToken === undefined) {
      break;
    }
  }
  return out.finish();
}

/**
 * After a number at token `last`: a spoken separator ("dash", "hyphen", "dot", "slash") followed
 * by written digits, or written digits followed by one ("355 dash 85 dash 4720", "four one five
 * dash 555"), becomes the character it names. Two word numbers around a joiner are already one
 * group. Returns the index of the token to continue with.
 */
function spokenJoinerAfter(out: Emitter, tokens: readonly Token[], classes: readonly TokenClass[], last: number): number {
  const joinerAt = afterSeparator(tokens, last);
  const joinerToken = joinerAt === undefined ? undefined : tokens[joinerAt];
  const joiner = joinerToken === undefined || joinerToken.kind !== 'word' ? undefined : JOINERS.get(joinerToken.lower);
  if (joiner === undefined || joinerAt === undefined) {
    return last + 1;
  }
  const nextAt = afterSeparator(tokens, joinerAt);
  const nextToken = nextAt === undefined ? undefined : tokens[nextAt];
  const lastToken = tokens[last];
  if (nextAt === undefined || nextToken === undefined || lastToken === undefined || classes[nextAt] === undefined) {
    return last + 1;
  }
  // Word on both sides was handled inside the group; here one side is written digits.
  if (classes[last] !== 'digits' && classes[nextAt] !== 'digits') {
    return last + 1;
  }
  out.replace(JOINER_CHARS[joiner], lastToken.end, nextToken.start);
  return nextAt;
}


/**
 * True when some token is a number word, a "plus" or a spoken separator after written digits
 * ("355 dash 85") that the loop below would rewrite.
 */
function hasWordsToRewrite(tokens: readonly Token[], classes: readonly TokenClass[]): boolean {
  for (let i = 0; i < tokens.length; i += 1) {
    const cls = classes[i];
    const lower = tokens[i]?.kind === 'word' ? tokens[i]?.lower : undefined;
    if ((cls !== undefined && cls !== 'digits') || lower === 'plus' || (lower !== undefined && classes[i - 2] === 'digits' && JOINERS.has(lower))) {
      return true;
    }
  }
  return false;
}

function isWordNumber(classes: readonly TokenClass[], index: number | undefined): boolean {
  const cls = index === undefined ? undefined : classes[index];
  return cls !== undefined && cls !== 'digits';
}

function emitChunks(out: Emitter, chunks: ReturnType<typeof parseNumberGroup>): void {
  let prevEnd: number | undefined;
  let pending: Joiner | undefined;
  for (const chunk of chunks) {
    if (chunk.joiner !== undefined) {
      pending = chunk.joiner;
      continue;
    }
    if (prevEnd !== undefined) {
      if (pending === undefined) {
        out.verbatim(prevEnd, chunk.start);
      } else {
        out.replace(JOINER_CHARS[pending], prevEnd, chunk.start);
      }
    }
    pending = undefined;
    out.replace(chunk.digits, chunk.start, chunk.end);
    prevEnd = chunk.end;
  }
}

/** Maps a normalised [start, end) back to the original text. */
export function toOriginalSpan(norm: NormalisedText, start: number, end: number): Span {
  if (end <= start) {
    const at = start < norm.origStart.length ? (norm.origStart[start] ?? norm.original.length) : norm.original.length;
    return { start: at, end: at };
  }
  return { start: norm.origStart[start] ?? 0, end: norm.origEnd[end - 1] ?? norm.original.length };
}
