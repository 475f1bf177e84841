/**
 * What a rep types into the search box, read as plain words and "quoted phrases" only. There is
 * no query language to get wrong: FTS operators (AND, OR, NOT, NEAR(...)), `*`, `^`, column
 * filters and stray quotes are read as the literal words they contain, punctuation is ignored,
 * and an unbalanced quote closes at the end of the query. Every word goes through the same
 * normalisation as the index (`search-text.ts`), so the full-text expression built here holds
 * only quoted runs of letters and digits and cannot fail to parse.
 */
import { CallVaultError } from '../../shared/callvault-error';
import { searchTerms, type SearchTerm } from './search-text';

/** Longer queries are refused with a message, not truncated silently. */
export const MAX_QUERY_CHARS = 500;
/** The most terms (words and digits) one query may hold. */
export const MAX_QUERY_TERMS = 32;

export class SearchQueryError extends CallVaultError {
  override readonly name = 'SearchQueryError';
  constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super('BAD_REQUEST', message, options);
  }
}

/** A query: every phrase must occur (in one segment, title, note...), each a run of terms. */
export interface SearchQuery {
  readonly phrases: readonly (readonly string[])[];
}

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

const QUOTES = /["“”„«»]/u;
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;

export function parseSearchQuery(input: string): SearchQuery {
  if (input.length > MAX_QUERY_CHARS) {
    throw new SearchQueryError(`The search is ${input.length} characters long; search with at most ${MAX_QUERY_CHARS} (a few words or a phrase).`);
  }
  const text = input.replace(CONTROL, ' ');
  const phrases: string[][] = [];
  let quoted = false;
  for (const part of text.split(QUOTES)) {
    const terms = searchTerms(part);
    if (quoted) {
      pushPhrase(phrases, terms.map((t) => t.term));
    } else {
      // Unquoted: each word is its own term, but one spoken or written number stays together
      // ("four two four two" must match 4 2 4 2 in that order).
      let run: SearchTerm[] = [];
      for (const term of terms) {
        if (term.run !== undefined && run[0]?.run === term.run) {
          run.push(term);
          continue;
        }
        pushPhrase(phrases, run.map((t) => t.term));
        run = [term];
      }
      pushPhrase(phrases, run.map((t) => t.term));
    }
    quoted = !quoted;
  }
  const count = phrases.reduce((n, p) => n + p.length, 0);
  if (count === 0) {
    throw new SearchQueryError('Type a word, name or number to search for; punctuation and symbols alone are not searched.');
  }
  if (count > MAX_QUERY_TERMS) {
    throw new SearchQueryError(`The search has ${count} words and digits; use at most ${MAX_QUERY_TERMS}.`);
  }
  return { phrases };
}

function pushPhrase(phrases: string[][], terms: readonly string[]): void {
  if (terms.length === 0) {
    return;
  }
  const key = terms.join(' ');
  if (!phrases.some((p) => p.join(' ') === key)) {
    phrases.push([...terms]);
  }
}

const TERM = /^[\p{L}\p{N}]+$/u;

/**
 * The FTS5 MATCH expression: each phrase quoted, all of them required. Since migration 017 the index
 * is not FTS5 and nothing sends this anywhere; kept as the statement of what a query means (tested).
 */
export function ftsExpression(query: SearchQuery): string {
  return query.phrases
    .map((phrase) => {
      for (const term of phrase) {
        // searchTerms yields letters and digits only; anything else is a bug, refused rather than sent.
        if (!TERM.test(term)) {
          throw new SearchQueryError('The search could not be read; use words and numbers.');
        }
      }
      return `"${phrase.join(' ')}"`;
    })
    .join(' AND ');
}

/** Every distinct term of the query (what the index is probed for), in order of first use. */
export function queryTerms(query: SearchQuery): string[] {
  return [...new Set(query.phrases.flat())];
}

/** Whether every phrase of the query occurs in `text`, its terms together and in order. */
export function matchesAllPhrases(text: string, query: SearchQuery): boolean {
  const terms = searchTerms(text).map((t) => t.term);
  return query.phrases.every((phrase) => {
    for (let i = 0; i + phrase.length <= terms.length; i += 1) {
      if (phrase.every((term, k) => terms[i + k] === term)) {
        return true;
      }
    }
    return false;
  });
}

/** Where the query's phrases occur in `text`, as sorted, merged character ranges. */
export function highlightRanges(text: string, query: SearchQuery): TextRange[] {
  const terms = searchTerms(text);
  const ranges: TextRange[] = [];
  for (const phrase of query.phrases) {
    for (let i = 0; i + phrase.length <= terms.length; i += 1) {
      if (phrase.every((term, k) => terms[i + k]?.term === term)) {
        const first = terms[i];
        const last = terms[i + phrase.length - 1];
        if (first && last) {
          ranges.push({ start: first.start, end: Math.max(first.end, last.end) });
        }
      }
    }
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: readonly TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start < last.end) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}

export interface Snippet {
  /** A window of the text around the first match. */
  readonly text: string;
  /** Offsets into `text` (JavaScript string indices) of what matched. */
  readonly highlights: TextRange[];
  /** The window starts after the text's start / ends before its end. */
  readonly clippedStart: boolean;
  readonly clippedEnd: boolean;
}

/** A window of at most about `maxChars` around the first highlight, cut at spaces where it can be. */
export function snippetOf(text: string, ranges: readonly TextRange[], maxChars = 200): Snippet {
  const first = ranges[0];
  let from = 0;
  if (first && first.end > maxChars * 0.75) {
    from = Math.max(0, first.start - Math.floor(maxChars / 4));
    const space = text.lastIndexOf(' ', from);
    from = space >= 0 && from - space < 20 ? space + 1 : from;
  }
  let to = Math.min(text.length, Math.max(from + maxChars, first ? first.end : 0));
  if (to < text.length) {
    const space = text.indexOf(' ', to);
    to = space >= 0 && space - to < 20 ? space : to;
  }
  // Never cut a UTF-16 surrogate pair in half.
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) {
    from -= 1;
  }
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) {
    to += 1;
  }
  const highlights = ranges
    .filter((r) => r.end > from && r.start < to)
    .map((r) => ({ start: Math.max(r.start, from) - from, end: Math.min(r.end, to) - from }));
  return { text: text.slice(from, to), highlights, clippedStart: from > 0, clippedEnd: to < text.length };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
