/**
 * The trained topic classifier: one logistic regression per topic over `textFeatures`. The
 * weights are data (`topic-weights.json`, written by tools/topic-train/train.ts from the
 * hand-written lines in tools/topic-train/data); this file only validates and applies them.
 * Every score comes with the features that pushed it up most, so a flag can be explained.
 */
import type { Span } from './normalise';
import { textFeatures } from './topic-features';
import { TOPICS, type Topic } from './topic-lexicon';
import weightsFile from './topic-weights.json';

export interface TopicFeature {
  readonly feature: string;
  readonly weight: number;
  /** Where the feature's words are in the text (empty for the secrecy feature). */
  readonly span: Span;
}

export interface TopicScore {
  readonly topic: Topic;
  /** P(about this topic) from the model. */
  readonly probability: number;
  /** The fired features with the largest positive weights, largest first. */
  readonly features: readonly TopicFeature[];
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
const WEIGHTS = new Map<string, readonly number[]>(Object.entries(MODEL.weights));

/** How many contributing features a score keeps for explanation. */
const EXPLAIN = 5;

export function scoreTopicsModel(text: string, secret: boolean): TopicScore[] {
  const { spans } = textFeatures(text, secret);
  const logits = [...MODEL.bias];
  const fired: { feature: string; row: readonly number[]; span: Span }[] = [];
  for (const [feature, span] of spans) {
    const row = WEIGHTS.get(feature);
    if (row === undefined) {
      continue;
    }
    fired.push({ feature, row, span });
    for (let t = 0; t < logits.length; t++) {
      logits[t] = (logits[t] ?? 0) + (row[t] ?? 0);
    }
  }
  return TOPICS.map((topic, t) => {
    const features = fired
      .filter((f) => (f.row[t] ?? 0) > 0)
      .sort((a, b) => (b.row[t] ?? 0) - (a.row[t] ?? 0))
      .slice(0, EXPLAIN)
      .map((f) => ({ feature: f.feature, weight: f.row[t] ?? 0, span: f.span }));
    return { topic, probability: 1 / (1 + Math.exp(-(logits[t] ?? 0))), features };
  });
}
