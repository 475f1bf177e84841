/**
 * Features the topic classifier reads: lower-cased word unigrams and adjacent-word bigrams
 * ("laid off" -> `laid`, `off`, `laid_off`), digit runs as `#`, and one pseudo-feature for a
 * secrecy cue in or just before the turn. Training (tools/topic-train) and the app use this one
 * function, so a feature means the same thing in both. Each feature keeps the span of its first
 * occurrence, so a flag can point at the words that made it.
 */
import type { Span } from './normalise';

/** The pseudo-feature for "the speaker marks this as confidential". */
export const SECRET_FEATURE = '__secret__';

export interface TextFeatures {
  /** Feature -> span of its first occurrence (the secrecy feature has an empty span). */
  readonly spans: Map<string, Span>;
}

const WORD = /[a-z0-9]+(?:['\u2019][a-z]+)?/gu;

export function textFeatures(text: string, secret: boolean): TextFeatures {
  const lower = text.toLowerCase();
  const spans = new Map<string, Span>();
  let previous: string | undefined;
  let previousStart = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    const raw = m[0].replace('\u2019', "'");
    const word = raw.charCodeAt(0) <= 57 && /^\d+$/u.test(raw) ? '#' : raw;
    const start = m.index;
    const end = start + raw.length;
    if (!spans.has(word)) {
      spans.set(word, { start, end });
    }
    if (previous !== undefined) {
      const bigram = `${previous}_${word}`;
      if (!spans.has(bigram)) {
        spans.set(bigram, { start: previousStart, end });
      }
    }
    previous = word;
    previousStart = start;
  }
  if (secret) {
    spans.set(SECRET_FEATURE, { start: 0, end: 0 });
  }
  return { spans };
}
