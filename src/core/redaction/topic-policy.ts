/**
 * The topic -> action policy hook: the governance policy supplies a complete topic -> action
 * map, so policy can change without code; this applies it to a transcript's topic flags.
 */
import { flagSegmentTopics } from './segment-topics';
import type { TopicAction, TopicFlag, TopicPolicy } from './topics';
import type { Topic } from './topic-lexicon';
import { assertNever } from '../../shared/assert';

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
  for (const { segment, flags } of flagSegmentTopics(segments.map((text) => ({ text })))) {
    for (const flag of flags) {
      const action = policy[flag.topic];
      decisions.push({ segment, topic: flag.topic, action, flag });
      if (action === 'redact') {
        redactSegments.add(segment);
      }
      if (strictest === undefined || actionRank(action) > actionRank(strictest)) {
        strictest = action;
      }
    }
  }
  // Redacting a segment also keeps the recording restricted: its existence is still sensitive.
  const restricted = decisions.some((d) => d.action === 'restrict' || d.action === 'redact');
  return { decisions, redactSegments, restricted, strictest };
}
