/**
 * One-vs-rest logistic regression by full-batch gradient descent from zero: deterministic.
 * The loss is weighted (a topic's positives count POSITIVE_WEIGHT times) and L2-regularised.
 */
import { TOPICS } from '../../src/core/redaction/topic-lexicon';

export interface Example {
  /** Indices of the features present (binary features). */
  readonly features: readonly number[];
  /** Index into TOPICS, or -1 for a line about no topic. */
  readonly topic: number;
}

export interface Model {
  readonly weights: readonly Float64Array[];
  readonly bias: readonly number[];
}

const EPOCHS = 400;
const RATE = 2;
const L2 = 0.003;
/** Positives are rarer than negatives for each topic; weigh them up so recall is not starved. */
const POSITIVE_WEIGHT = 8;

export function fit(examples: readonly Example[], size: number): Model {
  const weights = TOPICS.map(() => new Float64Array(size));
  const bias = TOPICS.map(() => 0);
  TOPICS.forEach((_, t) => {
    const w = weights[t] ?? new Float64Array(size);
    const norm = examples.reduce((s, e) => s + (e.topic === t ? POSITIVE_WEIGHT : 1), 0);
    let b = 0;
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      const grad = new Float64Array(size);
      let gradBias = 0;
      for (const example of examples) {
        const positive = example.topic === t;
        let z = b;
        for (const f of example.features) {
          z += w[f] ?? 0;
        }
        const error = ((1 / (1 + Math.exp(-z))) - (positive ? 1 : 0)) * (positive ? POSITIVE_WEIGHT : 1);
        gradBias += error;
        for (const f of example.features) {
          grad[f] = (grad[f] ?? 0) + error;
        }
      }
      for (let f = 0; f < size; f++) {
        w[f] = (w[f] ?? 0) - RATE * ((grad[f] ?? 0) / norm * 10 + L2 * (w[f] ?? 0));
      }
      b -= RATE * (gradBias / norm) * 10;
    }
    bias[t] = b;
  });
  return { weights, bias };
}
