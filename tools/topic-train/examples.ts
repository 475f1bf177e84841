/**
 * The training lines as feature-index examples. data/<topic>.txt holds a topic's positives,
 * data/benign.txt lines about no topic; `#` starts a comment line. A line's secrecy feature is
 * set by the same secrecy cues the app uses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { featureSet } from '../../src/core/redaction/topic-features';
import { TOPICS } from '../../src/core/redaction/topic-lexicon';
import { hasSecrecyCue } from '../../src/core/redaction/topics';
import type { Example } from './fit';

export function trainingLines(name: string): string[] {
  const path = fileURLToPath(new URL(`./data/${name}.txt`, import.meta.url));
  return readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#'));
}

export function loadExamples(): { examples: Example[]; vocabulary: Map<string, number> } {
  const vocabulary = new Map<string, number>();
  const examples: Example[] = [];
  const add = (text: string, topic: number): void => {
    const features = [...featureSet(text, hasSecrecyCue(text))].map((f) => {
      let index = vocabulary.get(f);
      if (index === undefined) {
        index = vocabulary.size;
        vocabulary.set(f, index);
      }
      return index;
    });
    examples.push({ features, topic });
  };
  TOPICS.forEach((topic, t) => {
    for (const line of trainingLines(topic.toLowerCase())) {
      add(line, t);
    }
  });
  for (const line of trainingLines('benign')) {
    add(line, -1);
  }
  return { examples, vocabulary };
}
