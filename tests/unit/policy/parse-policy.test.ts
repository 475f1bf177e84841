import { describe, expect, it } from 'vitest';
import { parsePolicy, REQUIRED_CALL_TYPES, ROLES, type PolicyError } from '../../../src/core/policy';
import { defaultPolicyText, editedPolicyText, errorsFor } from './policy-fixture';

/** The one error at `path`, failing with every error listed when it is not there. */
function errorAt(errors: readonly PolicyError[], path: string): PolicyError {
  const found = errors.find((e) => e.path === path);
  if (!found) {
    throw new Error(`no error at ${path}; got:\n${errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  }
  return found;
}

function lineOf(text: string, fragment: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(fragment));
  if (index < 0) {
    throw new Error(`"${fragment}" not in text`);
  }
  return index + 1;
}

describe('the default policy', () => {
  it('validates and covers every section of the framework', () => {
    const parsed = parsePolicy(defaultPolicyText());
    if (!parsed.ok) {
      throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    }
    const policy = parsed.policy;
    for (const id of REQUIRED_CALL_TYPES) {
      expect(policy.callTypes[id], id).toBeDefined();
    }
    expect(Object.keys(policy.access.roles).sort()).toEqual([...ROLES].sort());
    expect(policy.consent.scripts.map((s) => [s.id, s.version])).toEqual([
      ['seed-record-notes', 1],
      ['seed-note-taking', 1],
    ]);
    expect(policy.consent.scripts[0]?.text).toBe('Do you mind if I record this call so I can stay focused on the conversation and send accurate notes afterward?');
    expect(policy.consent.scripts[1]?.text).toBe('Is it okay if I record this meeting for note-taking purposes? I’ll use it to make sure I capture the details correctly.');
    expect(policy.doNotRecord.titleKeywords).toEqual(['privileged', 'attorney', 'confidential', 'offer letter']);
    for (const sensitive of ['legal-discussion', 'hr-related', 'security-incident', 'executive-escalation'] as const) {
      expect(policy.callTypes[sensitive]?.rule, sensitive).toBe('requires-approval');
    }
    expect(policy.review.afterRollout).toEqual([
      { amount: 30, unit: 'day' },
      { amount: 90, unit: 'day' },
    ]);
    expect(policy.review.thenEvery).toEqual({ amount: 6, unit: 'month' });
    expect(policy.uses.permitted.map((u) => u.id)).toEqual(expect.arrayContaining(['coaching', 'onboarding', 'follow-up', 'crm-support', 'forecasting', 'product-feedback']));
    expect(policy.uses.requiresApproval.uses.map((u) => u.id)).toContain('performance-review');
    expect(policy.sensitiveCategories.map((c) => c.id)).toHaveLength(8);
  });
});

describe('YAML mistakes', () => {
  it('reports a syntax error with its line', () => {
    const errors = errorsFor('schemaVersion: 1\npolicy: [unclosed\n');
    expect(errors[0]?.message).toMatch(/^YAML: /);
    expect(errors[0]?.position?.line).toBeGreaterThanOrEqual(2);
  });

  it('reports a duplicate key with its field path and the line of the second one', () => {
    const text = defaultPolicyText().replace('  demo:\n    label: Product demo\n    rule: standard\n', '  demo:\n    label: Product demo\n    rule: standard\n  demo:\n    label: Again\n    rule: prohibited\n');
    const error = errorAt(errorsFor(text), 'callTypes.demo');
    expect(error.message).toMatch(/duplicate key "demo"/);
    expect(error.position).toEqual({ line: lineOf(text, 'label: Again') - 1, col: 3 });
  });

  it('refuses an empty file, several documents, unknown tags and keys that are not text', () => {
    expect(errorsFor('')[0]?.message).toMatch(/empty/);
    expect(errorsFor('# only a comment\n')[0]?.message).toMatch(/empty/);
    expect(errorsFor('a: 1\n---\nb: 2\n')[0]?.message).toMatch(/multiple documents/);
    expect(errorsFor('schemaVersion: !custom 1\n')[0]?.message).toMatch(/YAML: Unresolved tag/);
    expect(errorsFor('? [a, b]\n: 1\n')[0]?.message).toMatch(/keys must be plain text/);
  });

  it('refuses a "__proto__" key, which would otherwise vanish from a map without a word', () => {
    const text = defaultPolicyText().replace('callTypes:\n', 'callTypes:\n  __proto__:\n    label: Sneaky\n    rule: standard\n');
    expect(errorAt(errorsFor(text), 'callTypes.__proto__').message).toMatch(/not allowed/);
  });

  it('refuses a file larger than any real policy', () => {
    expect(errorsFor(`# ${'x'.repeat(600 * 1024)}\n`)[0]?.message).toMatch(/larger than/);
  });
});

describe('schema mistakes name the field and the reason', () => {
  it('a wrong type, with its line and column', () => {
    const text = editedPolicyText([['consent', 'scripts', 0, 'version'], 'one']);
    const error = errorAt(errorsFor(text), 'consent.scripts[0].version');
    expect(error.message).toMatch(/expected a number, got "one"/);
    expect(error.position?.line).toBe(lineOf(text, 'version: one'));
  });

  it('a number where text is expected suggests quotes', () => {
    expect(errorAt(errorsFor(editedPolicyText([['policy', 'version'], 1.5])), 'policy.version').message).toMatch(/put it in quotes/);
  });

  it('an unknown recording rule lists the allowed ones', () => {
    const text = editedPolicyText([['callTypes', 'demo', 'rule'], 'sometimes']);
    const error = errorAt(errorsFor(text), 'callTypes.demo.rule');
    expect(error.message).toBe('must be one of: standard, optional, requires-approval, prohibited (got "sometimes")');
    expect(error.position?.line).toBe(lineOf(text, 'rule: sometimes'));
  });

  it('an unknown (misspelt) key, so a typo never switches a rule off', () => {
    const text = defaultPolicyText().replace('  titleKeywords:', '  titleKeyword:');
    const error = errorAt(errorsFor(text), 'doNotRecord.titleKeyword');
    expect(error.message).toMatch(/unknown key "titleKeyword"/);
    expect(error.position).toEqual({ line: lineOf(text, 'titleKeyword:'), col: 3 });
  });

  it('a missing required section or field', () => {
    expect(errorAt(errorsFor(editedPolicyText([['purpose'], undefined])), 'purpose').message).toBe('is required');
    expect(errorAt(errorsFor(editedPolicyText([['policy', 'rolloutDate'], undefined])), 'policy.rolloutDate').message).toBe('is required');
    expect(errorAt(errorsFor(editedPolicyText([['access', 'roles', 'admin'], undefined])), 'access.roles.admin').message).toBe('is required');
    expect(errorAt(errorsFor(editedPolicyText([['retention', 'default', 'clip'], undefined])), 'retention.default.clip').message).toMatch(/no retention period for "clip": every artifact needs one/);
  });

  it.each([
    [['consent', 'scripts'], 'consent.scripts'],
    [['uses', 'permitted'], 'uses.permitted'],
    [['uses', 'neverUsedFor'], 'uses.neverUsedFor'],
    [['tags'], 'tags'],
    [['summaryReview', 'requiredBefore'], 'summaryReview.requiredBefore'],
    [['sensitiveCategories'], 'sensitiveCategories'],
    [['consent', 'onDecline', 'actions'], 'consent.onDecline.actions'],
  ] as const)('an empty required list at %j', (at, path) => {
    expect(errorAt(errorsFor(editedPolicyText([at, []])), path).message).toBe('must not be an empty list');
  });

  it('empty text', () => {
    expect(errorAt(errorsFor(editedPolicyText([['purpose', 'statement'], '   '])), 'purpose.statement').message).toBe('must not be empty');
  });

  it.each(['90', '90 dayz', '0d', '-5d', '6m', 'forever', '1.5y', '200y'])('an invalid duration %j', (duration) => {
    const error = errorAt(errorsFor(editedPolicyText([['retention', 'default', 'recording'], duration])), 'retention.default.recording');
    expect(error.message).toMatch(/duration|century/);
  });

  it('a duration given as a list', () => {
    expect(errorAt(errorsFor(editedPolicyText([['review', 'thenEvery'], ['6mo']])), 'review.thenEvery').message).toBe('expected a duration with a unit, such as 90d, 12w, 6mo or 1y (got a list)');
  });

  it('a duration given as a bare number', () => {
    expect(errorAt(errorsFor(editedPolicyText([['review', 'thenEvery'], 180])), 'review.thenEvery').message).toBe('180 has no unit: write 180d, 180w, 180mo or 180y');
  });

  it('an exemption that keeps neither for a duration nor until released', () => {
    expect(errorAt(errorsFor(editedPolicyText([['retention', 'exemptions', 0, 'keep'], 'forever'])), 'retention.exemptions[0].keep').message).toMatch(/until-released/);
  });

  it.each(['2026-02-30', '2026-13-01', '01/02/2026', 'soon'])('an invalid date %j', (date) => {
    expect(errorAt(errorsFor(editedPolicyText([['policy', 'effectiveDate'], date])), 'policy.effectiveDate').message).toMatch(/calendar date/);
  });

  it('a schema version this code does not read', () => {
    expect(errorAt(errorsFor(editedPolicyText([['schemaVersion'], 2])), 'schemaVersion').message).toBe('must be 1: this CallVault reads version 1 policies (got 2)');
  });

  it('bad do-not-record entries', () => {
    const errors = errorsFor(editedPolicyText([['doNotRecord', 'emailDomains'], ['*.lawfirm.example', 'jane@lawfirm.example', 'not a domain']], [['doNotRecord', 'contacts'], [{ email: 'jane' }]], [['doNotRecord', 'titleKeywords'], ['!!!']]));
    expect(errorAt(errors, 'doNotRecord.emailDomains[0]').message).toMatch(/without "\*\."/);
    expect(errorAt(errors, 'doNotRecord.emailDomains[1]').message).toMatch(/doNotRecord.contacts/);
    expect(errorAt(errors, 'doNotRecord.emailDomains[2]').message).toMatch(/not a domain name/);
    expect(errorAt(errors, 'doNotRecord.contacts[0].email').message).toMatch(/not an email address/);
    expect(errorAt(errors, 'doNotRecord.titleKeywords[0]').message).toMatch(/at least one letter/);
  });

  it('an id that is not lower-case words joined by hyphens', () => {
    const text = defaultPolicyText().replace('  customer-success:\n', '  Customer Success:\n');
    expect(errorAt(errorsFor(text), 'callTypes["Customer Success"]').message).toMatch(/invalid key "Customer Success"/);
  });

  it('a region that is not an ISO code', () => {
    expect(errorAt(errorsFor(editedPolicyText([['consent', 'regionGroups', 'EEA', 0], 'Austria'])), 'consent.regionGroups.EEA[0]').message).toMatch(/not an ISO 3166 region code/);
  });
});

describe('cross-field rules', () => {
  it('every standard call type must have a rule', () => {
    const errors = errorsFor(editedPolicyText([['callTypes', 'training'], undefined]));
    expect(errorAt(errors, 'callTypes').message).toMatch(/missing call type "training"/);
  });

  it('consent script ids are unique and the default script exists', () => {
    const errors = errorsFor(editedPolicyText([['consent', 'scripts', 1, 'id'], 'seed-record-notes'], [['consent', 'defaultScript'], 'seed-nope']));
    expect(errorAt(errors, 'consent.scripts[1]').message).toMatch(/duplicate consent script id "seed-record-notes"/);
    expect(errorAt(errors, 'consent.defaultScript').message).toMatch(/no consent script has id "seed-nope"/);
  });

  it('references to call types must resolve (retention, script rules)', () => {
    const text = editedPolicyText([['retention', 'byCallType', 'webinar'], { recording: '30d' }], [['consent', 'scriptRules'], [{ callTypes: ['webinar'], script: 'seed-note-taking' }]]);
    const errors = errorsFor(text);
    const retention = errorAt(errors, 'retention.byCallType.webinar');
    expect(retention.message).toMatch(/unknown call type "webinar"/);
    expect(retention.position?.line).toBe(lineOf(text, 'webinar:'));
    expect(errorAt(errors, 'consent.scriptRules[0].callTypes[0]').message).toMatch(/unknown call type "webinar"/);
  });

  it('a script rule must name an existing script', () => {
    expect(errorAt(errorsFor(editedPolicyText([['consent', 'scriptRules'], [{ script: 'nope' }]])), 'consent.scriptRules[0].script').message).toMatch(/no consent script/);
  });

  it('region groups must be defined', () => {
    expect(errorAt(errorsFor(editedPolicyText([['consent', 'regionGroups'], {}])), `consent.allPartyRegions[14]`).message).toMatch(/unknown region group "EEA"/);
  });

  it('a decline or withdrawal must stop the recording, and a late joiner must be told and asked', () => {
    const errors = errorsFor(
      editedPolicyText([['consent', 'onDecline', 'actions'], ['take-manual-notes']], [['consent', 'onWithdrawal', 'actions'], ['notify-manager']], [['consent', 'onLateJoin', 'actions'], ['pause-recording']]),
    );
    expect(errorAt(errors, 'consent.onDecline.actions').message).toMatch(/must include "stop-recording"/);
    expect(errorAt(errors, 'consent.onWithdrawal.actions').message).toMatch(/must include "stop-recording"/);
    expect(errors.filter((e) => e.path === 'consent.onLateJoin.actions').map((e) => e.message)).toEqual([expect.stringMatching(/disclose-recording/), expect.stringMatching(/ask-consent/)]);
  });

  it('requires-approval call types list approvers and a reason; others list no approvers', () => {
    const errors = errorsFor(editedPolicyText([['callTypes', 'legal-discussion', 'approvers'], []], [['callTypes', 'hr-related', 'reason'], undefined], [['callTypes', 'demo', 'approvers'], ['manager']]));
    expect(errorAt(errors, 'callTypes.legal-discussion.approvers').message).toMatch(/must list the roles/);
    expect(errorAt(errors, 'callTypes.hr-related').message).toMatch(/needs a "reason"/);
    expect(errorAt(errors, 'callTypes.demo.approvers').message).toMatch(/only to requires-approval/);
  });

  it('a prohibited call type needs a reason for the rep', () => {
    expect(errorAt(errorsFor(editedPolicyText([['callTypes', 'demo', 'rule'], 'prohibited'])), 'callTypes.demo').message).toMatch(/needs a "reason"/);
  });

  it('uses are unique and access purposes refer to them', () => {
    const errors = errorsFor(editedPolicyText([['uses', 'requiresApproval', 'uses', 0, 'id'], 'coaching'], [['access', 'roles', 'rep', 'purposes'], ['gossip']]));
    expect(errorAt(errors, 'uses.requiresApproval.uses[0]').message).toMatch(/both as permitted and as requiring approval/);
    expect(errorAt(errors, 'access.roles.rep.purposes[0]').message).toMatch(/unknown use "gossip"/);
  });

  it('a role with scope none opens nothing, and any other scope opens something', () => {
    const errors = errorsFor(editedPolicyText([['access', 'roles', 'admin', 'artifacts'], ['recording']], [['access', 'roles', 'rep', 'artifacts'], []]));
    expect(errorAt(errors, 'access.roles.admin.artifacts').message).toMatch(/scope "none"/);
    expect(errorAt(errors, 'access.roles.rep.artifacts').message).toMatch(/list the artifacts/);
  });

  it('duplicate do-not-record entries, tags and review milestones out of order', () => {
    const errors = errorsFor(editedPolicyText([['doNotRecord', 'titleKeywords'], ['Privileged', 'privileged']], [['tags', 1, 'id'], 'discovery'], [['review', 'afterRollout'], ['90d', '30d']]));
    expect(errorAt(errors, 'doNotRecord.titleKeywords[1]').message).toMatch(/duplicate title keyword "privileged"/);
    expect(errorAt(errors, 'tags[1]').message).toMatch(/duplicate tag id/);
    expect(errorAt(errors, 'review.afterRollout[1]').message).toMatch(/increasing order/);
  });

  it('reports every mistake at once, in file order', () => {
    const errors = errorsFor(editedPolicyText([['consent', 'defaultScript'], 'nope'], [['retention', 'byCallType', 'webinar'], { recording: '30d' }]));
    expect(errors.map((e) => e.path)).toEqual(['consent.defaultScript', 'retention.byCallType.webinar']);
    expect(errors[0]?.position?.line).toBeLessThan(errors[1]?.position?.line ?? 0);
  });
});

describe('the organisation a policy may name', () => {
  it('is absent from the shipped default and read when named (its words count as guessable in passphrases)', () => {
    const shipped = parsePolicy(defaultPolicyText());
    expect(shipped.ok && shipped.policy.policy.organisation).toBeUndefined();
    const named = parsePolicy(editedPolicyText([['policy', 'organisation'], 'Northwind Traders']));
    expect(named.ok && named.policy.policy.organisation).toBe('Northwind Traders');
  });

  it('must be text: a list or an empty name is refused', () => {
    expect(errorsFor(editedPolicyText([['policy', 'organisation'], ['Northwind']])).some((e) => e.path === 'policy.organisation')).toBe(true);
    expect(errorsFor(editedPolicyText([['policy', 'organisation'], '  ']))).not.toEqual([]);
  });
});
