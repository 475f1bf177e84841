/**
 * Tokens of a transcript for the normaliser: words, digit strings, blanks and single other
 * characters, with the helpers that look past blanks (and commas or hyphens) to a neighbour.
 */
export type TokenKind = 'word' | 'digits' | 'space' | 'other';
export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly lower: string;
}

const isAsciiLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isAsciiDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Exactly the characters of the regex class `\s`. */
export function isSpace(code: number): boolean {
  if (code <= 32) {
    return code === 32 || (code >= 9 && code <= 13);
  }
  if (code < 160) {
    return false;
  }
  return (
    code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f ||
    code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * Splits a text into ASCII words, digit strings, blank runs and single other characters (one
 * code point each). A hand-written scanner: it runs on every segment, and a regex would
 * allocate a match array per token.
 */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    const code = text.charCodeAt(i);
    let kind: TokenKind;
    if (isAsciiLetter(code)) {
      kind = 'word';
      do {
        i += 1;
      } while (i < n && isAsciiLetter(text.charCodeAt(i)));
    } else if (isAsciiDigit(code)) {
      kind = 'digits';
      do {
        i += 1;
      } while (i < n && isAsciiDigit(text.charCodeAt(i)));
    } else if (isSpace(code)) {
      kind = 'space';
      do {
        i += 1;
      } while (i < n && isSpace(text.charCodeAt(i)));
    } else {
      kind = 'other';
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      i += code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    }
    const value = text.slice(start, i);
    tokens.push({ kind, start, end: i, lower: kind === 'word' ? value.toLowerCase() : value });
  }
  return tokens;
}

export function nextNonSpace(tokens: readonly Token[], index: number): number | undefined {
  for (let i = index + 1; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined || token.kind === 'space') {
      continue;
    }
    return token.lower === '-' || token.lower === ',' ? nextNonSpace(tokens, i) : i;
  }
  return undefined;
}

export function prevNonSpace(tokens: readonly Token[], index: number): number | undefined {
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
export function afterSeparator(tokens: readonly Token[], index: number): number | undefined {
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
