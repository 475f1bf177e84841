import { describe, expect, it } from 'vitest';
import { acknowledge, acknowledgmentContent, acknowledgmentNeed, materialChanges } from '../../../src/core/policy';
import { loadedWith } from './policy-fixture';

const AT = new Date('2026-11-27T10:00:00Z');

describe('policy acknowledgment', () => {
  const current = loadedWith();

  it('is needed before the first recording', () => {
    expect(acknowledgmentNeed(current, undefined)).toEqual({ needed: true, reason: 'never-acknowledged' });
  });

  it('is not needed again for the same policy', () => {
    expect(acknowledgmentNeed(current, acknowledge(current, AT))).toEqual({ needed: false, reason: 'same-policy' });
  });

  it('is not needed after a non-material change', () => {
    const record = acknowledge(current, AT);
    const next = loadedWith([['review', 'owner'], 'Revenue operations']);
    expect(next.hash).not.toBe(current.hash);
    expect(acknowledgmentNeed(next, record)).toEqual({ needed: false, reason: 'non-material-change' });
  });

  it('is needed again after a material change', () => {
    const record = acknowledge(current, AT);
    expect(acknowledgmentNeed(loadedWith([['retention', 'default', 'recording'], '365d']), record)).toEqual({ needed: true, reason: 'material-change' });
  });

  it('is needed when an older record has only a hash and the policy changed at all', () => {
    const next = loadedWith([['review', 'owner'], 'Revenue operations']);
    expect(acknowledgmentNeed(next, { policyHash: current.hash, acknowledgedAt: AT.toISOString() })).toEqual({ needed: true, reason: 'material-change' });
  });

  it('shows the purpose and how recordings will and will not be used, and what changed', () => {
    const next = loadedWith([['retention', 'default', 'recording'], '365d']);
    const content = acknowledgmentContent(next, materialChanges(current.policy, next.policy));
    expect(content.purpose).toMatch(/^AI call recording is used to support coaching/);
    expect(content.willBeUsedFor).toContain('Helping new reps ramp faster');
    expect(content.onlyWithApproval.uses).toContain('Formal performance reviews');
    expect(content.onlyWithApproval.approvers).toEqual(['hr-and-legal', 'sales-leadership']);
    expect(content.willNotBeUsedFor).toContain('Publicly embarrassing reps with clips');
    expect(content.changed).toEqual(['how long recordings are kept']);
    expect(content.policyHash).toBe(next.hash);
  });

  it('records the hash, the material fingerprint and the time', () => {
    expect(acknowledge(current, AT)).toEqual({ policyHash: current.hash, materialFingerprint: current.materialFingerprint, acknowledgedAt: '2026-11-27T10:00:00.000Z' });
  });
});
