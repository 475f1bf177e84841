/**
 * What the policy's sensitive categories mean for the topic flags of the redaction layer. A
 * topic no category speaks for is redacted: when the policy is silent, the answer is "no".
 */
import type { TopicAction, TopicPolicy } from '../redaction/topics';
import type { Policy } from './policy-schema';

const TOPIC_CATEGORY: Readonly<Record<keyof TopicPolicy, readonly string[]>> = {
  LEGAL: ['legal-strategy'],
  SECURITY: ['security-vulnerabilities'],
  PERSONNEL: ['personnel-issues'],
  FINANCIAL: ['confidential-financials'],
  HEALTH: ['health-information', 'private-personal-information'],
  COMPETITIVE: ['unapproved-competitive-information'],
};

const HANDLING_ACTION: Readonly<Record<Policy['sensitiveCategories'][number]['handling'], TopicAction>> = {
  'do-not-store': 'redact',
  redact: 'redact',
  'restrict-access': 'restrict',
};

export function topicPolicyFrom(policy: Pick<Policy, 'sensitiveCategories'>): TopicPolicy {
  const action = (topic: keyof TopicPolicy): TopicAction => {
    const category = TOPIC_CATEGORY[topic].map((id) => policy.sensitiveCategories.find((c) => c.id === id)).find((c) => c !== undefined);
    return category ? HANDLING_ACTION[category.handling] : 'redact';
  };
  return { LEGAL: action('LEGAL'), SECURITY: action('SECURITY'), PERSONNEL: action('PERSONNEL'), FINANCIAL: action('FINANCIAL'), HEALTH: action('HEALTH'), COMPETITIVE: action('COMPETITIVE') };
}
