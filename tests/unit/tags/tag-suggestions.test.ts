import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/core/policy';
import { suggestTags } from '../../../src/core/tags/tag-suggestions';
import type { StoredSegment } from '../../../src/core/transcription/transcript';
import { editedPolicyText, errorsFor, policyWith } from '../policy/policy-fixture';

function seg(text: string, startMs: number, speaker: StoredSegment['speaker']): StoredSegment {
  const words = text.split(' ').map((w, i) => ({ text: ` ${w}`, startMs: startMs + i * 250, endMs: startMs + (i + 1) * 250, p: 0.9 }));
  return { speaker, startMs, endMs: startMs + words.length * 250, text, confidence: 0.9, words };
}

const none = { existing: [], decided: new Map() } as const;

describe('tag suggestions from the default policy\'s rules', () => {
  const policy = policyWith();
  const transcript = [
    seg('Thanks for making time today.', 0, 'rep'),
    seg('We looked at Gong last year. Honestly the PRICE was the issue.', 5_000, 'customer'),
    seg('Our budget is tight this quarter.', 12_000, 'customer'),
    seg('My budget is tight too, ha.', 20_000, 'rep'),
  ];

  it('suggests each tag with the sentence that triggered it and that sentence\'s time', () => {
    const found = suggestTags(transcript, policy.tags, none);
    const byTag = Object.fromEntries(found.map((s) => [s.tag, s]));
    expect(byTag['competitor-mention']).toMatchObject({ rule: 'competitor', matched: 'gong', sentence: 'We looked at Gong last year.', speaker: 'customer', startMs: 5_000, endMs: 6_500, segment: 1 });
    expect(byTag['pricing']).toMatchObject({ rule: 'word', matched: 'price', sentence: 'Honestly the PRICE was the issue.', startMs: 6_500 });
    expect(byTag['budget-objection']).toMatchObject({ rule: 'phrase', matched: 'budget is tight', startMs: 12_000 });
    expect(byTag['pricing']?.id).toBe('pricing@6500');
  });

  it('respects the speaker a rule names (the rep\'s own "budget is tight" is no customer objection)', () => {
    const found = suggestTags(transcript, policy.tags, none).filter((s) => s.tag === 'budget-objection');
    expect(found.map((s) => s.speaker)).toEqual(['customer']);
  });

  it('matches whole words only, ignoring case and accents', () => {
    const tricky = [seg('The gongs rang. Precios? No: PRÏCE list.', 0, 'customer')];
    const found = suggestTags(tricky, policy.tags, none);
    expect(found.map((s) => [s.tag, s.matched])).toEqual([['pricing', 'price list']]);
  });

  it('leaves out what the rep decided already and what an existing tag covers', () => {
    const decided = new Map([['pricing@6500', 'rejected' as const]]);
    const existing = [{ tag: 'competitor-mention', fromMs: null, toMs: null }];
    const found = suggestTags(transcript, policy.tags, { existing, decided });
    expect(found.map((s) => s.tag).sort()).toEqual(['budget-objection']);
  });

  it('suggests nothing for tags without rules', () => {
    const bare = policyWith([['tags', 2, 'suggest'], undefined]);
    const found = suggestTags(transcript, bare.tags, none);
    expect(found.some((s) => s.tag === 'pricing')).toBe(false);
  });
});

describe('the policy\'s tag suggestion rules are validated with clear errors', () => {
  it('accepts the shipped default', () => {
    expect(parsePolicy(editedPolicyText()).ok).toBe(true);
  });

  it('refuses a rule with nothing to look for', () => {
    const errors = errorsFor(editedPolicyText([['tags', 0, 'suggest'], {}]));
    expect(errors.map((e) => [e.path, e.message])).toContainEqual(['tags[0].suggest', expect.stringMatching(/no phrases, competitors or words, so it would never suggest anything/)]);
  });

  it('refuses a multi-word entry under words, duplicates, blanks, unknown keys and a bad speaker', () => {
    const errors = errorsFor(editedPolicyText([['tags', 2, 'suggest'], { words: ['price', 'price list', 'Price'], phrases: ['!!!'], speaker: 'manager', regex: '.*' }]));
    const messages = errors.map((e) => `${e.path}: ${e.message}`).join('\n');
    expect(messages).toMatch(/tags\[2\]\.suggest\.phrases\[0\]: a suggestion word or phrase needs at least one letter or digit/);
    expect(messages).toMatch(/tags\[2\]\.suggest\.speaker: expected "any", "rep" or "customer"/);
    expect(messages).toMatch(/tags\[2\]\.suggest.*regex/);
  });

  it('reports cross-field problems once the shapes are right', () => {
    const errors = errorsFor(editedPolicyText([['tags', 2, 'suggest'], { words: ['price', 'price list', 'Price'] }]));
    const messages = errors.map((e) => `${e.path}: ${e.message}`);
    expect(messages).toContain('tags[2].suggest.words[1]: "price list" is more than one word: put it under phrases');
    expect(messages).toContain('tags[2].suggest.words[2]: duplicate suggestion word or phrase "price": each may appear once per tag');
  });

  it('refuses an over-long term', () => {
    const errors = errorsFor(editedPolicyText([['tags', 2, 'suggest'], { phrases: ['x'.repeat(101)] }]));
    expect(errors[0]?.message).toMatch(/at most 100 characters/);
  });
});
