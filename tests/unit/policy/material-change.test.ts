import { describe, expect, it } from 'vitest';
import { materialChanges, materialFingerprint, parsePolicy, type MaterialSection } from '../../../src/core/policy';
import { defaultPolicyText, policyWith, type Edit } from './policy-fixture';

const base = policyWith();

describe('material changes', () => {
  it.each<[MaterialSection, Edit]>([
    ['purpose', [['purpose', 'statement'], 'AI call recording is used for performance management.']],
    ['uses', [['uses', 'permitted', 0, 'description'], 'Coaching and rep ranking']],
    ['uses', [['uses', 'neverUsedFor'], ['Randomly hunting for mistakes']]],
    ['call-types', [['callTypes', 'qualification', 'rule'], 'standard']],
    ['call-types', [['callTypes', 'executive-escalation', 'approvers'], ['manager']]],
    ['call-types', [['callTypes', 'webinar'], { label: 'Webinar', rule: 'standard' }]],
    ['consent', [['consent', 'scripts', 1, 'version'], 2]],
    ['consent', [['consent', 'allPartyRegions'], ['US-CA']]],
    ['consent', [['consent', 'onWithdrawal', 'capturedAudio'], 'keep-consented-portion']],
    ['access', [['access', 'roles', 'product-and-marketing', 'scope'], 'approved-calls']],
    ['retention', [['retention', 'default', 'transcript'], '365d']],
    ['retention', [['retention', 'exemptions', 0, 'keep'], '5y']],
    ['summary-review', [['summaryReview', 'requiredBefore'], ['update-crm-notes']]],
    ['sensitive-categories', [['sensitiveCategories', 0, 'handling'], 'redact']],
  ])('a change to %s is material', (section, edit) => {
    const changed = policyWith(edit);
    expect(materialChanges(base, changed)).toEqual([section]);
    expect(materialFingerprint(changed)).not.toBe(materialFingerprint(base));
  });

  it.each<[string, Edit]>([
    ['the review owner', [['review', 'owner'], 'Revenue operations']],
    ['the review schedule', [['review', 'thenEvery'], '3mo']],
    ['the version label', [['policy', 'version'], '1.0.1']],
    ['the effective and rollout dates', [['policy', 'rolloutDate'], '2026-02-01']],
    ['the policy name', [['policy', 'name'], 'Acme recording policy']],
    ['a call type label', [['callTypes', 'demo', 'label'], 'Product demonstration']],
    ['a prohibition reason', [['callTypes', 'hr-related', 'reason'], 'HR conversations need approval.']],
    ['the tag taxonomy', [['tags', 0, 'label'], 'Discovery call']],
    ['the do-not-record lists', [['doNotRecord', 'emailDomains'], ['lawfirm.example']]],
  ])('a change to %s is not material', (_what, edit) => {
    const changed = policyWith(edit);
    expect(materialChanges(base, changed)).toEqual([]);
    expect(materialFingerprint(changed)).toBe(materialFingerprint(base));
  });

  it('reflowing text is not material, but rewording is', () => {
    const reflowed = defaultPolicyText().replace('    AI call recording is used to support coaching, onboarding, customer follow-up, CRM\n    accuracy,', '    AI call recording is used to support coaching,\n    onboarding, customer follow-up, CRM accuracy,');
    expect(reflowed).not.toBe(defaultPolicyText());
    const parsed = parsePolicy(reflowed);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(materialChanges(base, parsed.policy)).toEqual([]);
    }
    expect(materialChanges(base, policyWith([['purpose', 'statement'], base.purpose.statement.replace('coaching', 'monitoring')]))).toEqual(['purpose']);
  });

  it('lists every section that changed, in a fixed order', () => {
    const changed = policyWith([['retention', 'default', 'clip'], '30d'], [['purpose', 'statement'], 'Something else.']);
    expect(materialChanges(base, changed)).toEqual(['purpose', 'retention']);
  });

  it('fingerprints are versioned', () => {
    expect(materialFingerprint(base)).toMatch(/^mf1:sha256:[0-9a-f]{64}$/);
  });
});
