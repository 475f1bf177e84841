/**
 * The trained topic classifier: one logistic regression per topic over `readFeatures`. The
 * weights are data (`topic-weights.json`, written by tools/topic-train/train.ts from the
 * hand-written lines in tools/topic-train/data); this file only validates and applies them.
 * A reading keeps the features that fired, so any flag can be explained by the words that
 * pushed it up most (`explainTopic`).
 */
import type { Span } from './normalise';
import { readFeatures, SECRET_FEATURE } from './topic-features';
import { TOPICS, type Topic } from './topic-lexicon';
import weightsFile from './topic-weights.json';

export interface TopicFeature {
  readonly feature: string;
  readonly weight: number;
  /** Where the feature's words are in the text (empty for the secrecy feature). */
  readonly span: Span;
}

interface FiredFeature {
  readonly feature: string;
  readonly row: readonly number[];
  readonly start: number;
  readonly end: number;
}

export interface ModelReading {
  /** P(about the topic), in TOPICS order. */
  readonly probabilities: readonly number[];
  readonly fired: readonly FiredFeature[];
}

interface TopicWeights {
  readonly topics: readonly string[];
  readonly bias: readonly number[];
  /** Feature -> one weight per topic, in `topics` order. */
  readonly weights: Readonly<Record<string, readonly number[]>>;
}

/** The data file must list the topics in the lexicon's order; a stale file fails loudly. */
function checked(file: TopicWeights): TopicWeights {
  if (file.topics.length !== TOPICS.length || file.topics.some((t, i) => t !== TOPICS[i]) || file.bias.length !== TOPICS.length) {
    throw new Error('topic-weights.json does not match the topic list: retrain with tools/topic-train/train.ts');
  }
  return file;
}

const MODEL: TopicWeights = checked(weightsFile);
/** Each known feature's weights and a number of its own (its slot in `LAST_READING`). */
const WEIGHTS = new Map<string, { readonly row: readonly number[]; readonly id: number }>(Object.entries(MODEL.weights).map(([feature, row], id) => [feature, { row, id }]));
/**
 * The reading in which each feature last fired: a feature fires once per reading without a set
 * allocated per reading. Readings run one at a time (synchronously), so one table serves all.
 */
const LAST_READING = new Float64Array(WEIGHTS.size);
let readings = 0;
interface KnownFeature {
  readonly feature: string;
  readonly row: readonly number[];
  readonly id: number;
}
/**
 * The words the model's features are made of (unigrams and both halves of bigrams), found in a
 * text without cutting it into strings: each word of the text is hashed while it is scanned and
 * looked up in an open-addressing table, so an unknown word (most of them) costs no allocation
 * and no Map lookup. A word is its characters as `readFeatures` reports it: lower-cased, U+2019
 * read as "'", and a word of digits only is "#".
 */
const VOCAB: string[] = [];
const VOCAB_IDS = new Map<string, number>();
const vocabId = (word: string): number => {
  const known = VOCAB_IDS.get(word);
  if (known !== undefined) {
    return known;
  }
  VOCAB.push(word);
  VOCAB_IDS.set(word, VOCAB.length - 1);
  return VOCAB.length - 1;
};
/** A vocabulary word's unigram feature, if the model has one. */
const UNIGRAM: (KnownFeature | undefined)[] = [];
/** Known bigrams by head id * BIGRAM_STRIDE + tail id. */
const BIGRAM_BY_IDS = new Map<number, KnownFeature>();
const BIGRAM_STRIDE = 1 << 16;
for (const [feature, { row, id }] of WEIGHTS) {
  if (feature.startsWith('__')) {
    continue;
  }
  const cut = feature.indexOf('_');
  if (cut > 0) {
    BIGRAM_BY_IDS.set(vocabId(feature.slice(0, cut)) * BIGRAM_STRIDE + vocabId(feature.slice(cut + 1)), { feature, row, id });
  } else {
    UNIGRAM[vocabId(feature)] = { feature, row, id };
  }
}
if (VOCAB.length >= BIGRAM_STRIDE) {
  throw new Error('topic-weights.json: too many distinct words for the classifier table');
}
const DIGITS_WORD = VOCAB_IDS.get('#') ?? -1;
const SECRET_WEIGHTS = WEIGHTS.get(SECRET_FEATURE);
const SECRET: KnownFeature | undefined = SECRET_WEIGHTS === undefined ? undefined : { feature: SECRET_FEATURE, ...SECRET_WEIGHTS };
const RIGHT_QUOTE = 0x2019;
const APOSTROPHE = 39;
const hashStep = (hash: number, code: number): number => (Math.imul(hash, 31) + code) | 0;
const hashOf = (word: string): number => {
  let hash = 0;
  for (let i = 0; i < word.length; i += 1) {
    hash = hashStep(hash, word.charCodeAt(i));
  }
  return hash;
};
/** Open addressing: slot -> vocabulary id + 1 (0 = empty), probed linearly. */
const TABLE_BITS = Math.max(10, Math.ceil(Math.log2(VOCAB.length * 4)));
const TABLE_MASK = (1 << TABLE_BITS) - 1;
const TABLE = new Int32Array(1 << TABLE_BITS);
VOCAB.forEach((word, id) => {
  let slot = hashOf(word) & TABLE_MASK;
  while (TABLE[slot] !== 0) {
    slot = (slot + 1) & TABLE_MASK;
  }
  TABLE[slot] = id + 1;
});

/** Whether `lower[start, end)` reads as `word` (U+2019 read as an apostrophe). */
function spells(lower: string, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) {
    return false;
  }
  for (let i = 0; i < word.length; i += 1) {
    const code = lower.charCodeAt(start + i);
    if ((code === RIGHT_QUOTE ? APOSTROPHE : code) !== word.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}

/** Vocabulary id of the word `lower[start, end)` hashed to `hash`, or -1. */
function lookUp(lower: string, start: number, end: number, hash: number): number {
  let slot = hash & TABLE_MASK;
  for (let entry = TABLE[slot] ?? 0; entry !== 0; entry = TABLE[slot] ?? 0) {
    if (spells(lower, start, end, VOCAB[entry - 1] ?? '')) {
      return entry - 1;
    }
    slot = (slot + 1) & TABLE_MASK;
  }
  return -1;
}

const isLowerLetter = (code: number): boolean => code >= 97 && code <= 122;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Collects the features the model knows, each once (features are binary, as in training). */
class ModelSink {
  readonly fired: FiredFeature[] = [];
  readonly logits: number[] = [...MODEL.bias];
  private readonly reading = (readings += 1);

  fire(known: KnownFeature, start: number, end: number): void {
    if (LAST_READING[known.id] === this.reading) {
      return;
    }
    LAST_READING[known.id] = this.reading;
    this.fired.push({ feature: known.feature, row: known.row, start, end });
    const row = known.row;
    for (let t = 0; t < this.logits.length; t++) {
      this.logits[t] = (this.logits[t] ?? 0) + (row[t] ?? 0);
    }
  }
}

/**
 * The model's known features of `text`, fired in the order `readFeatures` reports them (a word,
 * then the bigram it ends), with the same spans: the same words as its scanner, compared by
 * vocabulary id instead of by string (tests/unit/redaction/fast-paths.test.ts checks both agree).
 */
function readKnownFeatures(text: string, secret: boolean, sink: ModelSink): void {
  const lower = text.toLowerCase();
  const n = lower.length;
  let previous = -1;
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
    let hash = 0;
    let code = first;
    do {
      allDigits = allDigits && isDigit(code);
      hash = hashStep(hash, code);
      i += 1;
      code = lower.charCodeAt(i);
    } while (i < n && (isLowerLetter(code) || isDigit(code)));
    if (i + 1 < n && (code === APOSTROPHE || code === RIGHT_QUOTE) && isLowerLetter(lower.charCodeAt(i + 1))) {
      allDigits = false;
      hash = hashStep(hash, APOSTROPHE);
      i += 1;
      while (i < n && isLowerLetter(lower.charCodeAt(i))) {
        hash = hashStep(hash, lower.charCodeAt(i));
        i += 1;
      }
    }
    const word = allDigits ? DIGITS_WORD : lookUp(lower, start, i, hash);
    if (word >= 0) {
      const unigram = UNIGRAM[word];
      if (unigram !== undefined) {
        sink.fire(unigram, start, i);
      }
      if (previous >= 0) {
        const bigram = BIGRAM_BY_IDS.get(previous * BIGRAM_STRIDE + word);
        if (bigram !== undefined) {
          sink.fire(bigram, previousStart, i);
        }
      }
    }
    previous = word;
    previousStart = start;
  }
  if (secret && SECRET !== undefined) {
    sink.fire(SECRET, 0, 0);
  }
}

export function readTopicModel(text: string, secret: boolean): ModelReading {
  const sink = new ModelSink();
  readKnownFeatures(text, secret, sink);
  return { probabilities: sink.logits.map(sigmoid), fired: sink.fired };
}

/** `readTopicModel` through the training's feature reader: the reference the fast reader is tested against. */
export function readTopicModelByStrings(text: string, secret: boolean): ModelReading {
  const sink = new ModelSink();
  const fire = (feature: string, start: number, end: number): void => {
    const known = WEIGHTS.get(feature);
    if (known !== undefined) {
      sink.fire({ feature, row: known.row, id: known.id }, start, end);
    }
  };
  readFeatures(text, secret, { add: fire });
  return { probabilities: sink.logits.map(sigmoid), fired: sink.fired };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** How many contributing features an explanation keeps. */
const EXPLAIN = 5;

/** The fired features with the largest positive weights for a topic, largest first. */
export function explainTopic(reading: ModelReading, topic: Topic): TopicFeature[] {
  const t = TOPICS.indexOf(topic);
  return reading.fired
    .filter((f) => (f.row[t] ?? 0) > 0)
    .sort((a, b) => (b.row[t] ?? 0) - (a.row[t] ?? 0))
    .slice(0, EXPLAIN)
    .map((f) => ({ feature: f.feature, weight: f.row[t] ?? 0, span: { start: f.start, end: f.end } }));
}
