/**
 * Features the topic classifier reads: lower-cased word unigrams and adjacent-word bigrams
 * ("laid off" -> `laid`, `off`, `laid_off`), digit runs as `#`, and one pseudo-feature for a
 * secrecy cue in or just before the turn. Training (tools/topic-train) and the app read text
 * through this one function, so a feature means the same thing in both. Features go to a sink
 * with the span of the words, so a flag can point at the words that made it; a feature said
 * twice is reported twice (the sink keeps the first).
 */

/** The pseudo-feature for "the speaker marks this as confidential". */
export const SECRET_FEATURE = '__secret__';

export interface FeatureSink {
  add(feature: string, start: number, end: number): void;
  /** Optional: false when no bigram starting with `head` can matter (saves building the string). */
  wantsBigram?(head: string): boolean;
}

const WORD = /[a-z0-9]+(?:['\u2019][a-z]+)?/gu;
const DIGITS = /^\d+$/u;

export function readFeatures(text: string, secret: boolean, sink: FeatureSink): void {
  const lower = text.toLowerCase();
  let previous = '';
  let previousStart = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    const raw = m[0];
    const word = raw.charCodeAt(0) <= 57 && DIGITS.test(raw) ? '#' : raw.includes('\u2019') ? raw.replace('\u2019', "'") : raw;
    const start = m.index;
    const end = start + raw.length;
    sink.add(word, start, end);
    if (previous !== '' && sink.wantsBigram?.(previous) !== false) {
      sink.add(`${previous}_${word}`, previousStart, end);
    }
    previous = word;
    previousStart = start;
  }
  if (secret) {
    sink.add(SECRET_FEATURE, 0, 0);
  }
}

/** Every distinct feature of a text (training reads lines this way). */
export function featureSet(text: string, secret: boolean): Set<string> {
  const features = new Set<string>();
  readFeatures(text, secret, { add: (feature) => features.add(feature) });
  return features;
}
