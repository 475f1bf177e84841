/**
 * Predictors for the evaluation. CallVault is run through the scan the app runs on a
 * transcript (segments with speakers, one text, findings per segment, topics per segment);
 * the baselines only return redacted text, so their spans are recovered by diffing.
 */
import { scanTranscript, TOPICS, type Topic } from '../../src/core/redaction';
import type { EvalRecord } from './load';
import { removedSpans, type Prediction, type Predictor } from './score';

export const callvault: Predictor = (record: EvalRecord): Prediction => {
  const scan = scanTranscript(record.segments);
  const topics = new Set<Topic>();
  for (const segment of scan.topics) {
    for (const flag of segment.flags) {
      topics.add(flag.topic);
    }
  }
  return { spans: scan.findings, topics: TOPICS.filter((t) => topics.has(t)) };
};

/** A baseline that redacts text, run on the whole transcript text. */
export function textRedactor(redact: (text: string) => string): Predictor {
  return (record) => ({ spans: removedSpans(record.text, redact(record.text)), topics: undefined });
}
