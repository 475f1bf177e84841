/**
 * Trains the topic classifier: one L2-regularised logistic regression per topic over the
 * features of `src/core/redaction/topic-features.ts`, fitted by full-batch gradient descent
 * from zero weights (no randomness: the same data gives the same file). Positives for a topic
 * are its lines in data/<topic>.txt; negatives are every other topic's lines and data/benign.txt
 * (topic words in harmless or public senses). Writes src/core/redaction/topic-weights.json.
 *
 * Run: npx tsx tools/topic-train/train.ts [--cv]  (--cv: 5-fold cross-validation, writes nothing)
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TOPICS } from '../../src/core/redaction/topic-lexicon';
import { fit, type Example, type Model } from './fit';
import { loadExamples } from './examples';

/** Weights smaller than this in every topic are dropped from the file. */
const PRUNE = 0.1;
const round = (v: number): number => Math.round(v * 1000) / 1000;

function crossValidate(examples: readonly Example[], size: number): void {
  const folds = 5;
  const thresholds = [0.2, 0.3, 0.5];
  const found = thresholds.map(() => TOPICS.map(() => 0));
  const wrong = thresholds.map(() => TOPICS.map(() => 0));
  const benignHit = thresholds.map(() => 0);
  for (let k = 0; k < folds; k++) {
    const model = fit(examples.filter((_, i) => i % folds !== k), size);
    examples.forEach((example, i) => {
      if (i % folds !== k) {
        return;
      }
      const p = probabilities(model, example);
      thresholds.forEach((threshold, h) => {
        const flagged = p.filter((prob) => prob >= threshold).length;
        p.forEach((prob, t) => {
          const row = example.topic === t ? found[h] : wrong[h];
          if (prob >= threshold && row !== undefined) {
            row[t] = (row[t] ?? 0) + 1;
          }
        });
        benignHit[h] = (benignHit[h] ?? 0) + (flagged > 0 && example.topic < 0 ? 1 : 0);
      });
    });
  }
  const benign = examples.filter((e) => e.topic < 0).length;
  thresholds.forEach((threshold, h) => {
    const perTopic = TOPICS.map((topic, t) => `${topic} ${found[h]?.[t]}/${examples.filter((e) => e.topic === t).length} (+${wrong[h]?.[t]})`);
    console.log(`p >= ${threshold}: ${perTopic.join(', ')}; benign flagged ${benignHit[h]}/${benign}`);
  });
}

function probabilities(model: Model, example: Example): number[] {
  return TOPICS.map((_, t) => {
    let z = model.bias[t] ?? 0;
    for (const f of example.features) {
      z += model.weights[t]?.[f] ?? 0;
    }
    return 1 / (1 + Math.exp(-z));
  });
}

function main(): void {
  const { examples, vocabulary } = loadExamples();
  if (process.argv.includes('--cv')) {
    crossValidate(examples, vocabulary.size);
    return;
  }
  const model = fit(examples, vocabulary.size);
  const rows: Record<string, number[]> = {};
  for (const [feature, index] of [...vocabulary.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const row = model.weights.map((w) => round(w[index] ?? 0));
    if (row.some((v) => Math.abs(v) >= PRUNE)) {
      rows[feature] = row;
    }
  }
  const out = { topics: [...TOPICS], bias: model.bias.map(round), weights: rows };
  const path = fileURLToPath(new URL('../../src/core/redaction/topic-weights.json', import.meta.url));
  writeFileSync(path, `${JSON.stringify(out)}\n`);
  console.log(`wrote ${Object.keys(rows).length} of ${vocabulary.size} features from ${examples.length} lines to ${path}`);
}

main();
