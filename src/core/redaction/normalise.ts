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
import { CONTEXTUAL_ZERO, lookupNumberWord, type NumberWord } from './number-words';
import { parseNumberGroup, type GroupItem, type Joiner } from './number-grammar';

const JOINERS: Readonly<Record<string, Joiner | undefined>> = { point: 'point', slash: 'slash', dash: 'dash', hyphen: 'dash' };
const JOINER_CHARS: Readonly<Record<Joiner, string>> = { point: '.', slash: '/', dash: '-' };

export interface NormalisedText {
  readonly original: string;
  readonly text: string;
  /** origStart[i] / origEnd[i]: the original span that produced normalised char i. */
  readonly origStart: Int32Array;
  readonly origEnd: Int32Array;
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

type TokenKind = 'word' | 'digits' | 'space' | 'other';
interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly lower: string;
}

const TOKEN_RE = /([A-Za-z]+)|([0-9]+)|(\s+)|[^A-Za-z0-9\s]/gu;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN_RE)) {
    const value = match[0];
    const start = match.index;
    const kind: TokenKind = match[1] !== undefined ? 'word' : match[2] !== undefined ? 'digits' : match[3] !== undefined ? 'space' : 'other';
    tokens.push({ kind, start, end: start + value.length, lower: kind === 'word' ? value.toLowerCase() : value });
  }
  return tokens;
}

/** Builds the normalised text and its offset map; typed arrays because it runs per character. */
class Emitter {
  private readonly parts: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private length = 0;

  constructor(private readonly original: string) {
    // Digits are never longer than the words they replace, so this rarely grows.
    this.starts = new Int32Array(original.length + 16);
    this.ends = new Int32Array(original.length + 16);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.starts.length) {
      return;
    }
    const size = Math.max(this.starts.length * 2, this.length + extra);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  verbatim(start: number, end: number): void {
    this.reserve(end - start);
    this.parts.push(this.original.slice(start, end));
    for (let i = start; i < end; i += 1) {
      this.starts[this.length] = i;
      this.ends[this.length] = i + 1;
      this.length += 1;
    }
  }

  /** Emits synthetic characters that all stand for one original span. */
  replace(value: string, start: number, end: number): void {
    this.reserve(value.length);
    this.parts.push(value);
    for (let i = 0; i < value.length; i += 1) {
      this.starts[this.length] = start;
      this.ends[this.length] = end;
      this.length += 1;
    }
  }

  finish(): NormalisedText {
    return {
      original: this.original,
      text: this.parts.join(''),
      origStart: this.starts.subarray(0, this.length),
      origEnd: this.ends.subarray(0, this.length),
    };
  }
}

/** Marks each token that is a number: lexicon words, digits, and "oh" beside another number. */
function classify(tokens: readonly Token[]): (NumberWord | 'digits' | undefined)[] {
  const classes: (NumberWord | 'digits' | undefined)[] = tokens.map((token, index) => {
    if (token.kind === 'digits') {
      return 'digits';
    }
    if (token.kind !== 'word') {
      return undefined;
    }
    const word = lookupNumberWord(token.lower);
    // "double"/"triple" only count when a digit follows; "double check" stays a word.
    if (word?.kind === 'repeat') {
      const next = nextNonSpace(tokens, index);
      const nextWord = next === undefined ? undefined : lookupNumberWord(tokens[next]?.lower ?? '');
      const nextIsZero = next !== undefined && CONTEXTUAL_ZERO.has(tokens[next]?.lower ?? '');
      return nextWord?.kind === 'unit' || nextIsZero ? word : undefined;
    }
    return word;
  });
  // Propagate "oh"/"o" as zero from numeric neighbours; two passes cover "oh oh seven".
  for (let pass = 0; pass < 2; pass += 1) {
    tokens.forEach((token, index) => {
      if (classes[index] !== undefined || token.kind !== 'word' || !CONTEXTUAL_ZERO.has(token.lower)) {
        return;
      }
      const prev = prevNonSpace(tokens, index);
      const next = nextNonSpace(tokens, index);
      // A lone "o" among spelled letters ("R A B O") is the letter, not zero.
      const spelled = (i: number | undefined): boolean => {
        const other = i === undefined ? undefined : tokens[i];
        return other !== undefined && other.kind === 'word' && other.lower.length === 1 && other.lower !== 'o';
      };
      if (token.lower === 'o' && (spelled(prev) || spelled(next))) {
        return;
      }
      if ((prev !== undefined && classes[prev] !== undefined) || (next !== undefined && classes[next] !== undefined)) {
        classes[index] = { kind: 'unit', value: 0, ordinal: false };
      }
    });
  }
  return classes;
}

function nextNonSpace(tokens: readonly Token[], index: number): number | undefined {
  for (let i = index + 1; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined || token.kind === 'space') {
      continue;
    }
    return token.lower === '-' || token.lower === ',' ? nextNonSpace(tokens, i) : i;
  }
  return undefined;
}

function prevNonSpace(tokens: readonly Token[], index: number): number | undefined {
  for (let i = index - 1; i >= 0; i -= 1) {
    const token = tokens[i];
    if (token === undefined || token.kind === 'space') {
      continue;
    }
    return token.lower === '-' || token.lower === ',' ? prevNonSpace(tokens, i) : i;
  }
  return undefined;
}

/** Index of the next token after only blanks and at most one hyphen, or undefined. */
function afterSeparator(tokens: readonly Token[], index: number): number | undefined {
  let hyphens = 0;
  let i = index + 1;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) {
      return undefined;
    }
    if (token.kind === 'space' && !token.lower.includes('\n')) {
      i += 1;
    } else if (token.lower === '-' && hyphens === 0) {
      hyphens += 1;
      i += 1;
    } else {
      return i === index + 1 ? undefined : i;
    }
  }
  return undefined;
}

export function normalise(original: string): NormalisedText {
  const tokens = tokenise(original);
  const classes = classify(tokens);
  const out = new Emitter(original);
  const isWordNumber = (index: number | undefined): boolean =>
    index !== undefined && classes[index] !== undefined && classes[index] !== 'digits';
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) {
      break;
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
    if (cls === undefined || cls === 'digits') {
      out.verbatim(token.start, token.end);
      i += 1;
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
      const joiner = JOINERS[nextToken.lower];
      if (nextToken.lower === 'and' || joiner !== undefined) {
        const after = afterSeparator(tokens, next);
        const prevWord = items[items.length - 1]?.word;
        const scaleBefore = prevWord !== undefined && (prevWord.kind === 'hundred' || prevWord.kind === 'thousand' || prevWord.kind === 'million');
        const allowed = joiner !== undefined || scaleBefore;
        if (allowed && isWordNumber(after)) {
          items.push({ word: undefined, start: nextToken.start, end: nextToken.end, special: joiner ?? 'and' });
          last = next;
          continue;
        }
      }
      break;
    }
    emitChunks(out, parseNumberGroup(items));
    const lastToken = tokens[last];
    i = last + 1;
    if (lastToken === undefined) {
      break;
    }
  }
  return out.finish();
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
