/**
 * Topic flags: is a transcript segment about litigation, a security incident, personnel
 * matters, confidential financials, health or unapproved competitive information? The
 * detector only says what a segment is about; `applyTopicPolicy` turns that into actions from a
 * topic -> action map the governance policy supplies, so policy can change without code.
 */
import type { Span } from './normalise';
import { BENIGN_CUES, SECRECY_CUES, SUBJECT_WEIGHT, TOPIC_CUES, TOPICS, type Cue, type Topic } from './topic-lexicon';
import { confidence, type Confidence } from './types';
import { PhraseIndex } from './phrase-index';
import { explainTopic, readTopicModel, type TopicFeature } from './topic-model';

export { TOPICS, type Topic } from './topic-lexicon';
export type { TopicFeature } from './topic-model';

export type TopicAction = 'redact' | 'restrict' | 'warn';
/** A complete map: a policy must decide every topic, so a new topic cannot be silently allowed. */
export type TopicPolicy = Readonly<Record<Topic, TopicAction>>;

export interface TopicFlag {
  readonly topic: Topic;
  readonly confidence: Confidence;
  /** Original-text spans of the cue phrases (and, for the classifier, the words) that fired. */
  readonly evidence: readonly Span[];
  /** The classifier's probability for this topic. */
  readonly probability: number;
  /** The classifier's features that pushed this topic up most: why the segment was flagged. */
  readonly features: readonly TopicFeature[];
}

/** A segment needs this much cue weight to be about a topic (one strong or two weak cues). */
const THRESHOLD = 0.75;
/** The classifier alone flags a topic at this probability. */
const MODEL_ALONE = 0.99;
/** Rule evidence short of the threshold (a weak cue, or a subject said in confidence) flags with this probability. */
const MODEL_WITH_CUE = 0.6;

/** What a cue phrase says: a topic with its weight, or that the speaker marks the turn as secret. */
type CueRole = { readonly topic: Topic; readonly weight: number } | { readonly topic: 'SECRECY' | 'BENIGN'; readonly weight: 0 };

/** A lexicon phrase as a regex body: `*` ends a stem, a space is any blank, whole words only. */
export function cueBody(phrase: string): string {
  const stem = phrase.endsWith('*');
  return `${phrase.replace(/\*/gu, '[\\w-]*').replace(/ /gu, '\\s+')}${stem ? '' : '(?![\\w-])'}`;
}

// Every topic's cues and the secrecy cues in one index, read once per segment.
const CUES = new PhraseIndex<CueRole>([
  ...TOPICS.flatMap((topic) => TOPIC_CUES[topic].map((cue: Cue) => ({ body: cueBody(cue.phrase), payload: { topic, weight: cue.weight } }))),
  ...SECRECY_CUES.map((phrase) => ({ body: cueBody(phrase), payload: { topic: 'SECRECY', weight: 0 } as const })),
  ...BENIGN_CUES.map((phrase) => ({ body: cueBody(phrase), payload: { topic: 'BENIGN', weight: 0 } as const })),
]);

export function hasSecrecyCue(text: string): boolean {
  return CUES.matches(text).some((m) => m.payload.topic === 'SECRECY');
}

export interface TopicReading {
  readonly flags: TopicFlag[];
  /** The text itself says what it holds is confidential (carried to the next turns). */
  readonly secrecyCue: boolean;
}

/** `secretContext`: a turn just before this one said that what follows is confidential. */
export function flagTopics(text: string, secretContext = false): TopicFlag[] {
  return readTopics(text, secretContext).flags;
}

export function readTopics(text: string, secretContext = false): TopicReading {
  const matches = CUES.matches(text);
  const secrecyCue = matches.some((m) => m.payload.topic === 'SECRECY');
  const secret = secretContext || secrecyCue;
  // A public or product-feature turn not marked secret is about nothing confidential.
  const benign = !secret && matches.some((m) => m.payload.topic === 'BENIGN');
  // The lexicon's order decides which of two overlapping cues counts: earlier phrase first.
  matches.sort((a, b) => a.order - b.order || a.start - b.start);
  const model = readTopicModel(text, secret);
  const flags: TopicFlag[] = [];
  for (const topic of TOPICS) {
    let strongWeight = 0;
    let weakWeight = 0;
    let subjects = 0;
    const evidence: Span[] = [];
    for (const match of matches) {
      if (match.payload.topic !== topic || evidence.some((span) => span.start < match.end && match.start < span.end)) {
        continue;
      }
      evidence.push({ start: match.start, end: match.end });
      const weight = match.payload.weight;
      if (weight >= 1) {
        strongWeight += weight;
      } else if (weight <= SUBJECT_WEIGHT) {
        subjects += 1;
      } else {
        weakWeight += weight;
      }
    }
    // Secrecy makes weak cues count double: "between us, the deal closes Friday".
    // A subject said in confidence is enough: "keep this quiet, we're cutting the budget".
    const score = strongWeight + weakWeight * (secret ? 2 : 1) + (secret && subjects > 0 ? THRESHOLD : 0);
    const probability = model.probabilities[TOPICS.indexOf(topic)] ?? 0;
    const someCue = weakWeight > 0 || (secret && subjects > 0) || strongWeight > 0;
    const byRules = score >= THRESHOLD;
    const byModel = probability >= MODEL_ALONE || (someCue && probability >= MODEL_WITH_CUE);
    if (!benign && (byRules || byModel)) {
      const features = explainTopic(model, topic);
      if (evidence.length === 0) {
        evidence.push(...features.filter((f) => f.span.end > f.span.start).map((f) => f.span));
      }
      evidence.sort((a, b) => a.start - b.start);
      const level = Math.max(Math.min(0.99, 0.5 + score / 3), probability);
      flags.push({ topic, confidence: confidence(Math.min(0.99, level)), evidence, probability, features });
    }
  }
  return { flags, secrecyCue };
}
