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
  /**
   * Optional: receives a bigram as its two words instead of `add("head_word")`, so a sink that
   * knows few bigrams need not build the string for every pair of words.
   */
  addBigram?(head: string, word: string, start: number, end: number): void;
}

const isLowerLetter = (code: number): boolean => code >= 97 && code <= 122;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const RIGHT_QUOTE = 0x2019;

/**
 * The words of the lower-cased text, each reported as the regex `[a-z0-9]+(?:['’][a-z]+)?`
 * would match it (hand-written: a regex allocates a match array per word, and this runs on
 * every segment).
 */
export function readFeatures(text: string, secret: boolean, sink: FeatureSink): void {
  const lower = text.toLowerCase();
  const n = lower.length;
  let previous = '';
  let previousStart = 0;
  let i = 0;
  while (i < n) {
    const first = lower.charCodeAt(i);
    if (!isLowerLetter(first) && !isDigit(first)) {
      i += 1;
      continue;
    }
    const start = i;
    let allDigits = true;
    let code = first;
    do {
      allDigits = allDigits && isDigit(code);
      i += 1;
      code = lower.charCodeAt(i);
    } while (i < n && (isLowerLetter(code) || isDigit(code)));
    let quote = false;
    if (i + 1 < n && (code === 39 || code === RIGHT_QUOTE) && isLowerLetter(lower.charCodeAt(i + 1))) {
      quote = code === RIGHT_QUOTE;
      allDigits = false;
      i += 2;
      while (i < n && isLowerLetter(lower.charCodeAt(i))) {
        i += 1;
      }
    }
    const raw = lower.slice(start, i);
    const word = allDigits ? '#' : quote ? raw.replace('\u2019', "'") : raw;
    sink.add(word, start, i);
    if (previous !== '') {
      if (sink.addBigram === undefined) {
        sink.add(`${previous}_${word}`, previousStart, i);
      } else {
        sink.addBigram(previous, word, previousStart, i);
      }
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
