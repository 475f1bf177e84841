import { describe, expect, it } from 'vitest';
import { applyTopicPolicy, flagTopics, TOPICS, type Topic, type TopicPolicy } from '../../../src/core/redaction';

const topics = (text: string): Topic[] => flagTopics(text).map((f) => f.topic);

describe('topic flags', () => {
  it.each([
    ['our outside counsel thinks we should settle the lawsuit before discovery', 'LEGAL'],
    ['we had a security incident last week and attackers exfiltrated some data', 'SECURITY'],
    ['there is an unpatched vulnerability in the login service', 'SECURITY'],
    ['between us, Dave is getting fired next week', 'PERSONNEL'],
    ['she was put on a performance improvement plan after the HR investigation', 'PERSONNEL'],
    ["this hasn't been announced but we are acquiring Initech", 'FINANCIAL'],
    ['we are in due diligence and the term sheet is signed', 'FINANCIAL'],
    ['I was diagnosed with diabetes last year and I am on new medication', 'HEALTH'],
    ['off the record, a friend at Globex sent me their price list', 'COMPETITIVE'],
  ] as const)('flags "%s" as %s', (text, topic) => {
    expect(topics(text)).toContain(topic);
  });

  it('does not flag ordinary sales talk, even with topic-adjacent words', () => {
    expect(topics('we need 250 seats by March at 45 dollars a seat')).toEqual([]);
    expect(topics('the pricing is competitive and the security team signed off')).toEqual([]);
    expect(topics('revenue grew last quarter and the legal review is done')).toEqual([]);
  });

  it('needs two weak cues, or one weak cue with a secrecy cue', () => {
    expect(topics('the deal with legal')).toEqual([]);
    expect(topics('confidential: the legal dispute with the vendor')).toContain('LEGAL');
  });

  it('reports evidence spans in the original text', () => {
    const text = 'We got hacked and there was a data breach.';
    const flag = flagTopics(text).find((f) => f.topic === 'SECURITY');
    expect(flag?.evidence.map((s) => text.slice(s.start, s.end))).toEqual(['got hacked', 'data breach']);
  });
});

describe('topic policy', () => {
  const policy: TopicPolicy = { LEGAL: 'redact', SECURITY: 'restrict', PERSONNEL: 'redact', FINANCIAL: 'restrict', HEALTH: 'redact', COMPETITIVE: 'warn' };
  const segments = [
    'Thanks for joining, let us look at the pricing.',
    'Our lawyers say the lawsuit will settle out of court.',
    'Off the record, a friend at Globex sent me their price list.',
  ];

  it('applies the action the policy gives each topic', () => {
    const result = applyTopicPolicy(segments, policy);
    expect(result.decisions.map((d) => [d.segment, d.topic, d.action])).toEqual([
      [1, 'LEGAL', 'redact'],
      [2, 'COMPETITIVE', 'warn'],
    ]);
    expect([...result.redactSegments]).toEqual([1]);
    expect(result.restricted).toBe(true);
    expect(result.strictest).toBe('redact');
  });

  it('a warn-only policy warns without restricting', () => {
    const warnOnly = Object.fromEntries(TOPICS.map((t) => [t, 'warn'])) as Record<Topic, 'warn'>;
    const result = applyTopicPolicy(segments, warnOnly);
    expect(result.redactSegments.size).toBe(0);
    expect(result.restricted).toBe(false);
    expect(result.strictest).toBe('warn');
  });

  it('reports nothing for clean segments', () => {
    const result = applyTopicPolicy([segments[0] ?? ''], policy);
    expect(result.decisions).toEqual([]);
    expect(result.strictest).toBeUndefined();
  });
});
