/**
 * Topic flags: is a transcript segment about litigation, a security incident, personnel
 * matters, confidential financials, health or unapproved competitive information? The
 * detector only says what a segment is about; `applyTopicPolicy` turns that into actions from a
 * topic -> action map the governance policy supplies, so policy can change without code.
 */
import type { Span } from './normalise';
import { SECRECY_CUES, TOPIC_CUES, TOPICS, type Cue, type Topic } from './topic-lexicon';
import { assertNever } from '../../shared/assert';
import { confidence, type Confidence } from './types';
import { execAll } from './regex';

export { TOPICS, type Topic } from './topic-lexicon';

export type TopicAction = 'redact' | 'restrict' | 'warn';
/** A complete map: a policy must decide every topic, so a new topic cannot be silently allowed. */
export type TopicPolicy = Readonly<Record<Topic, TopicAction>>;

export interface TopicFlag {
  readonly topic: Topic;
  readonly confidence: Confidence;
  /** Original-text spans of the cue phrases that fired. */
  readonly evidence: readonly Span[];
}

/** A segment needs this much cue weight to be about a topic (one strong or two weak cues). */
const THRESHOLD = 0.75;

interface CompiledCue {
  readonly re: RegExp;
  readonly weight: number;
}

function compile(phrase: string): RegExp {
  const stem = phrase.endsWith('*');
  const body = phrase.replace(/\*/gu, '[\\w-]*').replace(/ /gu, '\\s+');
  return new RegExp(`(?<![\\w-])${body}${stem ? '' : '(?![\\w-])'}`, 'giu');
}

const compileTopic = (topic: Topic): CompiledCue[] =>
  TOPIC_CUES[topic].map((cue: Cue) => ({ re: compile(cue.phrase), weight: cue.weight }));
const COMPILED: Readonly<Record<Topic, readonly CompiledCue[]>> = {
  LEGAL: compileTopic('LEGAL'),
  SECURITY: compileTopic('SECURITY'),
  PERSONNEL: compileTopic('PERSONNEL'),
  FINANCIAL: compileTopic('FINANCIAL'),
  HEALTH: compileTopic('HEALTH'),
  COMPETITIVE: compileTopic('COMPETITIVE'),
};
// Non-global copies: only `test` is used on them, and a global regex would carry lastIndex over.
const SECRECY = SECRECY_CUES.map((phrase) => new RegExp(compile(phrase).source, 'iu'));

export function flagTopics(text: string): TopicFlag[] {
  const secret = SECRECY.some((re) => re.test(text));
  const flags: TopicFlag[] = [];
  for (const topic of TOPICS) {
    let strongWeight = 0;
    let weakWeight = 0;
    const evidence: Span[] = [];
    for (const cue of COMPILED[topic]) {
      for (const match of execAll(cue.re, text)) {
        if (evidence.some((span) => span.start < match.index + match[0].length && match.index < span.end)) {
          continue;
        }
        evidence.push({ start: match.index, end: match.index + match[0].length });
        if (cue.weight >= 1) {
          strongWeight += cue.weight;
        } else {
          weakWeight += cue.weight;
        }
      }
    }
    // Secrecy makes weak cues count double: "between us, the deal closes Friday".
    const score = strongWeight + weakWeight * (secret ? 2 : 1);
    if (score >= THRESHOLD) {
      evidence.sort((a, b) => a.start - b.start);
      flags.push({ topic, confidence: confidence(Math.min(0.99, 0.5 + score / 3)), evidence });
    }
  }
  return flags;
}

export interface TopicDecision {
  readonly segment: number;
  readonly topic: Topic;
  readonly action: TopicAction;
  readonly flag: TopicFlag;
}

export interface TopicPolicyResult {
  readonly decisions: readonly TopicDecision[];
  /** Segments whose whole text must be replaced by a topic placeholder. */
  readonly redactSegments: ReadonlySet<number>;
  /** True when any segment makes the recording restricted (no sharing without approval). */
  readonly restricted: boolean;
  /** The strictest action taken anywhere, or undefined when nothing was flagged. */
  readonly strictest: TopicAction | undefined;
}

export function actionRank(action: TopicAction): number {
  switch (action) {
    case 'warn':
      return 1;
    case 'restrict':
      return 2;
    case 'redact':
      return 3;
    default:
      return assertNever(action, 'topic action');
  }
}

/** Flags every segment and applies the policy's action per topic. */
export function applyTopicPolicy(segments: readonly string[], policy: TopicPolicy): TopicPolicyResult {
  const decisions: TopicDecision[] = [];
  const redactSegments = new Set<number>();
  let strictest: TopicAction | undefined;
  segments.forEach((text, segment) => {
    for (const flag of flagTopics(text)) {
      const action = policy[flag.topic];
      decisions.push({ segment, topic: flag.topic, action, flag });
      if (action === 'redact') {
        redactSegments.add(segment);
      }
      if (strictest === undefined || actionRank(action) > actionRank(strictest)) {
        strictest = action;
      }
    }
  });
  // Redacting a segment also keeps the recording restricted: its existence is still sensitive.
  const restricted = decisions.some((d) => d.action === 'restrict' || d.action === 'redact');
  return { decisions, redactSegments, restricted, strictest };
}
