import { describe, expect, it } from 'vitest';
import { evaluateRecording, loadPolicyText, policyUnavailable, REQUIRED_CALL_TYPES, type PolicyLoad, type RecordingDecision, type RecordingRequest } from '../../../src/core/policy';
import { defaultPolicyText, editedPolicyText, loadPolicyTextOnce, type Edit } from './policy-fixture';

const NOW = new Date('2026-11-27T12:00:00Z');

function load(...edits: Edit[]): PolicyLoad {
  const result = loadPolicyTextOnce(edits.length === 0 ? defaultPolicyText() : editedPolicyText(...edits), 'test-policy.yaml');
  if (!result.ok) {
    throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  }
  return result;
}

const request = (overrides: Partial<RecordingRequest> = {}): RecordingRequest => ({
  callType: 'discovery',
  account: 'Acme Corp',
  meetingTitle: 'Acme discovery',
  participants: [{ name: 'Ana Buyer', email: 'ana@acme.example', region: 'US-NY' }],
  ...overrides,
});

const approval = { approvedBy: 'Lee Counsel', approverRole: 'hr-and-legal', approvedAt: '2026-11-27T09:00:00Z', reason: 'Customer asked for a record of the contract walkthrough' } as const;

function codes(decision: RecordingDecision): string[] {
  return decision.allowed ? [] : decision.reasons.map((r) => r.code);
}

describe('recording rules by call type (default policy)', () => {
  const standard = ['discovery', 'demo', 'onboarding', 'renewal', 'customer-success'];
  const optional = ['qualification', 'implementation-handoff', 'training'];
  const gated = ['legal-discussion', 'procurement-negotiation', 'hr-related', 'security-incident', 'executive-escalation'];

  it('the lists above cover every required call type', () => {
    expect([...standard, ...optional, ...gated].sort()).toEqual([...REQUIRED_CALL_TYPES].sort());
  });

  it.each(standard)('%s is allowed as standard', (callType) => {
    const decision = evaluateRecording(load(), request({ callType }), NOW);
    expect(decision).toMatchObject({ allowed: true, recordingRule: 'standard', callType });
  });

  it.each(optional)('%s is allowed as optional', (callType) => {
    expect(evaluateRecording(load(), request({ callType }), NOW)).toMatchObject({ allowed: true, recordingRule: 'optional' });
  });

  it.each(gated)('%s is blocked until an approval is recorded', (callType) => {
    const decision = evaluateRecording(load(), request({ callType }), NOW);
    expect(codes(decision)).toEqual(['approval-required']);
    expect(decision.allowed ? '' : decision.reasons[0]?.rule).toBe(`callTypes.${callType}`);
    expect(decision.allowed ? '' : decision.reasons[0]?.message).toMatch(/need approval from/);
  });

  it('an approval from an allowed role unlocks a requires-approval call and is carried in the decision', () => {
    const decision = evaluateRecording(load(), request({ callType: 'legal-discussion', approval }), NOW);
    expect(decision).toMatchObject({ allowed: true, recordingRule: 'approved', approval });
  });

  it.each([
    [{ ...approval, approverRole: 'manager' as const }, /may not approve/],
    [{ ...approval, approvedBy: '  ' }, /who approved/],
    [{ ...approval, reason: '' }, /why/],
    [{ ...approval, approvedAt: 'yesterday' }, /not a date/],
    [{ ...approval, approvedAt: '2026-11-28T09:00:00Z' }, /future/],
  ])('an approval that does not say who, when and why, or comes from the wrong role, is refused (%#)', (bad, message) => {
    const decision = evaluateRecording(load(), request({ callType: 'legal-discussion', approval: bad }), NOW);
    expect(codes(decision)).toEqual(['approval-invalid']);
    expect(decision.allowed ? '' : decision.reasons[0]?.message).toMatch(message);
  });

  it('an approval is not carried on a call type that needs none', () => {
    expect(evaluateRecording(load(), request({ approval }), NOW)).toMatchObject({ allowed: true, recordingRule: 'standard', approval: undefined });
  });

  it('a prohibited call type is blocked with its reason, and no approval unlocks it', () => {
    const policy = load([['callTypes', 'legal-discussion', 'rule'], 'prohibited'], [['callTypes', 'legal-discussion', 'approvers'], []]);
    const decision = evaluateRecording(policy, request({ callType: 'legal-discussion', approval }), NOW);
    expect(codes(decision)).toEqual(['call-type-prohibited']);
    expect(decision.allowed ? '' : decision.reasons[0]?.message).toMatch(/never recorded: Sensitive legal conversations/);
  });

  it('an unknown call type is blocked (fail closed)', () => {
    const decision = evaluateRecording(load(), request({ callType: 'webinar' }), NOW);
    expect(codes(decision)).toEqual(['unknown-call-type']);
    expect(evaluateRecording(load(), request({ callType: '__proto__' }), NOW).allowed).toBe(false);
    expect(evaluateRecording(load(), request({ callType: 'toString' }), NOW).allowed).toBe(false);
  });
});

describe('do-not-record rules', () => {
  const withLists = () =>
    load(
      [['doNotRecord', 'emailDomains'], ['LawFirm.example']],
      [['doNotRecord', 'contacts'], [{ email: 'Pat.Private@Acme.example', name: 'Pat Private', reason: 'asked not to be recorded' }]],
    );

  it.each(['counsel@lawfirm.example', 'Counsel@LAWFIRM.EXAMPLE', 'someone@eu.lawfirm.example'])('a participant at a listed domain or subdomain blocks: %s', (email) => {
    const decision = evaluateRecording(withLists(), request({ participants: [{ name: 'Counsel', email }] }), NOW);
    expect(codes(decision)).toEqual(['do-not-record-domain']);
    expect(decision.allowed ? '' : decision.reasons[0]?.rule).toBe('doNotRecord.emailDomains: lawfirm.example');
  });

  it.each(['someone@notlawfirm.example', 'someone@lawfirm.example.org'])('a look-alike domain does not block: %s', (email) => {
    expect(evaluateRecording(withLists(), request({ participants: [{ name: 'X', email, region: 'US-NY' }] }), NOW).allowed).toBe(true);
  });

  it('a named contact blocks by email, ignoring case', () => {
    const decision = evaluateRecording(withLists(), request({ participants: [{ name: 'Pat', email: 'pat.private@ACME.example' }] }), NOW);
    expect(codes(decision)).toEqual(['do-not-record-contact']);
    expect(decision.allowed ? '' : decision.reasons[0]?.message).toMatch(/asked not to be recorded/);
  });

  it('another person at the contact’s company does not block', () => {
    expect(evaluateRecording(withLists(), request({ participants: [{ name: 'Ana', email: 'ana@acme.example', region: 'US-NY' }] }), NOW).allowed).toBe(true);
  });

  it.each([
    ['Privileged: contract redlines', 'privileged'],
    ['PRIVILEGED & CONFIDENTIAL', 'privileged'],
    ['Call with attorneys', 'attorney'],
    ['Offer Letter walkthrough', 'offer letter'],
    ['Confidential pricing', 'confidential'],
  ])('the title "%s" is blocked by keyword "%s"', (meetingTitle, keyword) => {
    const decision = evaluateRecording(load(), request({ meetingTitle }), NOW);
    expect(decision.allowed).toBe(false);
    expect(decision.allowed ? [] : decision.reasons.map((r) => r.rule)).toContain(`doNotRecord.titleKeywords: ${keyword}`);
  });

  it.each(['Unprivileged access review', 'Acme discovery', 'Offer review; letter later'])('the title "%s" is not blocked', (meetingTitle) => {
    expect(evaluateRecording(load(), request({ meetingTitle }), NOW).allowed).toBe(true);
  });

  it('an approval does not override a do-not-record rule', () => {
    const decision = evaluateRecording(load(), request({ callType: 'legal-discussion', approval, meetingTitle: 'Privileged review' }), NOW);
    expect(codes(decision)).toEqual(['do-not-record-keyword']);
  });

  it('reports every reason at once', () => {
    const decision = evaluateRecording(withLists(), request({ callType: 'hr-related', meetingTitle: 'Offer letter', participants: [{ name: 'C', email: 'c@lawfirm.example' }] }), NOW);
    expect(codes(decision).sort()).toEqual(['approval-required', 'do-not-record-domain', 'do-not-record-keyword']);
  });
});

describe('failing closed', () => {
  it.each([
    policyUnavailable('missing', 'policy.yaml', 'The policy policy.yaml cannot be read: the file does not exist.'),
    policyUnavailable('unreadable', 'policy.yaml', 'The policy policy.yaml cannot be read: permission denied.'),
    loadPolicyText('schemaVersion: 1\n', 'policy.yaml'),
  ])('a missing, unreadable or invalid policy blocks and says why (%#)', (unavailable) => {
    const decision = evaluateRecording(unavailable, request(), NOW);
    expect(decision).toMatchObject({ allowed: false, policyHash: undefined });
    expect(codes(decision)).toEqual(['policy-unavailable']);
    expect(decision.allowed ? '' : decision.reasons[0]?.message).toMatch(/^Recording is blocked: The policy policy.yaml/);
  });

  it('a policy that is not yet in force blocks', () => {
    const decision = evaluateRecording(load([['policy', 'effectiveDate'], '2026-11-28']), request(), NOW);
    expect(codes(decision)).toEqual(['policy-not-in-force']);
    expect(evaluateRecording(load([['policy', 'effectiveDate'], '2026-11-27']), request(), NOW).allowed).toBe(true);
  });

  it('a call with no participants, or a participant without a readable email, blocks', () => {
    expect(codes(evaluateRecording(load(), request({ participants: [] }), NOW))).toEqual(['no-participants']);
    expect(codes(evaluateRecording(load(), request({ participants: [{ name: 'Bo', email: 'bo at acme' }] }), NOW))).toEqual(['participant-email-invalid']);
  });
});

describe('an allowed decision', () => {
  it('carries the consent script, whose consent is needed and the policy hash', () => {
    const loaded = load();
    const decision = evaluateRecording(loaded, request(), NOW);
    if (!decision.allowed || !loaded.ok) {
      throw new Error('expected allowed');
    }
    expect(decision.consentScript).toMatchObject({ id: 'seed-record-notes', version: 1 });
    expect(decision.requireConsentFrom).toBe('customer-side');
    expect(decision.policyHash).toBe(loaded.loaded.hash);
    expect(decision.policyVersion).toBe('1.0');
  });

  it('needs every participant in an all-party-consent region', () => {
    const decision = evaluateRecording(load(), request({ participants: [{ name: 'Ana', email: 'ana@acme.example', region: 'US-NY' }, { name: 'Cal', email: 'cal@acme.example', region: 'us-ca' }] }), NOW);
    expect(decision).toMatchObject({ allowed: true, requireConsentFrom: 'all' });
    expect(decision.allowed ? decision.consent.because : []).toEqual([{ kind: 'all-party-region', who: 'cal@acme.example', region: 'US-CA', entry: 'US-CA' }]);
  });

  it('needs everyone when a participant’s region is unknown (default policy)', () => {
    expect(evaluateRecording(load(), request({ participants: [{ name: 'Ana', email: 'ana@acme.example' }] }), NOW)).toMatchObject({ requireConsentFrom: 'all' });
  });

  it('uses a script rule for the call type when the policy has one', () => {
    const decision = evaluateRecording(load([['consent', 'scriptRules'], [{ callTypes: ['training'], script: 'seed-note-taking' }]]), request({ callType: 'training' }), NOW);
    expect(decision).toMatchObject({ allowed: true, consentScript: { id: 'seed-note-taking' } });
  });
});
