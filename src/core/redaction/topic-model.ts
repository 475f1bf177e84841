/**
 * The trained topic classifier: one logistic regression per topic over `readFeatures`. The
 * weights are data (`topic-weights.json`, written by tools/topic-train/train.ts from the
 * hand-written lines in tools/topic-train/data); this file only validates and applies them.
 * A reading keeps the features that fired, so any flag can be explained by the words that
 * pushed it up most (`explainTopic`).
 */
import type { Span } from './normalise';
import { readFeatures, type FeatureSink } from './topic-features';
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
 * Known bigrams ("laid_off") by their first word, then their second: a pair of words is looked
 * up without joining them into a string (words never contain "_", so the split is exact).
 */
const BIGRAMS = new Map<string, Map<string, KnownFeature>>();
for (const [feature, { row, id }] of WEIGHTS) {
  const cut = feature.indexOf('_');
  if (cut > 0 && !feature.startsWith('__')) {
    const head = feature.slice(0, cut);
    const tails = BIGRAMS.get(head) ?? new Map<string, KnownFeature>();
    tails.set(feature.slice(cut + 1), { feature, row, id });
    BIGRAMS.set(head, tails);
  }
}

/** Collects the features the model knows, each once (features are binary, as in training). */
class ModelSink implements FeatureSink {
  readonly fired: FiredFeature[] = [];
  readonly logits: number[] = [...MODEL.bias];
  private readonly reading = (readings += 1);

  add(feature: string, start: number, end: number): void {
    const known = WEIGHTS.get(feature);
    if (known !== undefined) {
      this.fire(feature, known.row, known.id, start, end);
    }
  }

  addBigram(head: string, word: string, start: number, end: number): void {
    const known = BIGRAMS.get(head)?.get(word);
    if (known !== undefined) {
      this.fire(known.feature, known.row, known.id, start, end);
    }
  }

  private fire(feature: string, row: readonly number[], id: number, start: number, end: number): void {
    if (LAST_READING[id] === this.reading) {
      return;
    }
    LAST_READING[id] = this.reading;
    this.fired.push({ feature, row, start, end });
    for (let t = 0; t < this.logits.length; t++) {
      this.logits[t] = (this.logits[t] ?? 0) + (row[t] ?? 0);
    }
  }
}

export function readTopicModel(text: string, secret: boolean): ModelReading {
  const sink = new ModelSink();
  readFeatures(text, secret, sink);
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
