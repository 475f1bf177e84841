import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkCallApproval, mayDecideCallApproval, mayRequestCallApproval, type CallApprovalCheck, type RosterEntry } from '../../../src/core/team/call-approval';
import { createTeamCrypto } from '../../../src/platform/crypto/team-crypto';
import { callApprovalMessage } from '../../../src/shared/team/signing';
import { policyWith } from '../policy/policy-fixture';

const defaultPolicy = () => policyWith();

/** src/core/team/call-approval.ts with real libsodium and the shipped policy: what the rep's app accepts as an approval. */
describe('call approvals', () => {
  it('lets reps ask and only the roles the policy names decide, never for themselves', () => {
    const policy = defaultPolicy();
    const party = (role: RosterEntry['role']) => ({ memberId: randomUUID(), role, team: null });
    expect(mayRequestCallApproval(policy, party('rep'), 'legal-discussion')).toEqual({ allow: true });
    expect(mayRequestCallApproval(policy, party('manager'), 'legal-discussion').allow).toBe(false);
    expect(mayRequestCallApproval(policy, party('rep'), 'discovery').allow).toBe(false);
    expect(mayRequestCallApproval(policy, party('rep'), 'toString').allow).toBe(false);
    const hr = party('hr-and-legal');
    expect(mayDecideCallApproval(policy, hr, randomUUID(), 'legal-discussion')).toEqual({ allow: true });
    expect(mayDecideCallApproval(policy, hr, hr.memberId, 'legal-discussion').allow).toBe(false);
    expect(mayDecideCallApproval(policy, hr, randomUUID(), 'executive-escalation').allow).toBe(false);
    expect(mayDecideCallApproval(policy, party('sales-leadership'), randomUUID(), 'executive-escalation')).toEqual({ allow: true });
    expect(mayDecideCallApproval(policy, party('sales-leadership'), randomUUID(), 'procurement-negotiation')).toEqual({ allow: true });
    for (const role of ['rep', 'manager', 'enablement', 'product-and-marketing', 'admin'] as const) {
      expect(mayDecideCallApproval(policy, party(role), randomUUID(), 'legal-discussion').allow, role).toBe(false);
    }
  });

  it('accepts only an approved, correctly signed approval by a roster approver, for this rep, call type, policy and details, in its window, unused', async () => {
    const crypto = await createTeamCrypto();
    const policy = defaultPolicy();
    const hrKeys = crypto.newMemberKeys();
    const managerKeys = crypto.newMemberKeys();
    const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
    const hr: RosterEntry = { memberId: randomUUID(), role: 'hr-and-legal', signingKey: b64(hrKeys.signingPublic), email: 'hr@x.example' };
    const manager: RosterEntry = { memberId: randomUUID(), role: 'manager', signingKey: b64(managerKeys.signingPublic), email: 'm@x.example' };
    const repId = randomUUID();
    const now = new Date('2026-12-02T12:00:00.000Z');
    const terms = {
      requestId: randomUUID(),
      repId,
      callType: 'legal-discussion',
      validFrom: '2026-12-02T00:00:00.000Z',
      validUntil: '2026-12-09T00:00:00.000Z',
      policyHash: 'sha256:' + 'a'.repeat(64),
      detailsDigest: 'd'.repeat(64),
    };
    const signed = (by: RosterEntry, keys: typeof hrKeys, over = terms, decision: 'approved' | 'denied' = 'approved') => ({
      ...terms,
      status: 'approved' as const,
      decidedBy: by.memberId,
      decisionSignature: b64(crypto.sign(keys.signingSecret, callApprovalMessage(over, decision, by.memberId))),
    });
    const base: CallApprovalCheck = {
      approval: signed(hr, hrKeys),
      roster: [hr, manager],
      policy,
      policyHash: terms.policyHash,
      repId,
      callType: 'legal-discussion',
      detailsDigest: terms.detailsDigest,
      now,
      used: false,
      verify: (s, m, k) => crypto.verify(s, m, k),
    };
    expect(checkCallApproval(base)).toEqual({ ok: true, approver: hr });
    const problem = (change: Partial<CallApprovalCheck>) => {
      const verdict = checkCallApproval({ ...base, ...change });
      return verdict.ok ? 'ok' : verdict.problem;
    };
    // Forged: signed by another key, a denial's signature, other terms, altered bytes.
    expect(problem({ approval: { ...signed(hr, managerKeys) } })).toBe('signature');
    expect(problem({ approval: signed(hr, hrKeys, terms, 'denied') })).toBe('signature');
    expect(problem({ approval: { ...signed(hr, hrKeys), validUntil: '2027-01-01T00:00:00.000Z' } })).toBe('signature');
    expect(problem({ approval: { ...signed(hr, hrKeys), decisionSignature: 'AAAA' } })).toBe('signature');
    // Signed correctly but by someone the policy does not name, or not on the roster.
    expect(problem({ approval: signed(manager, managerKeys) })).toBe('approver-role');
    expect(problem({ roster: [manager] })).toBe('approver-unknown');
    // For another rep or call type, another policy, other details.
    expect(problem({ repId: randomUUID() })).toBe('other-rep');
    expect(problem({ callType: 'hr-related' })).toBe('call-type');
    expect(problem({ policyHash: 'sha256:' + 'b'.repeat(64) })).toBe('policy');
    expect(problem({ detailsDigest: undefined })).toBe('details');
    expect(problem({ detailsDigest: 'e'.repeat(64) })).toBe('details');
    // The window and replay.
    expect(problem({ now: new Date('2026-12-01T23:59:59.000Z') })).toBe('not-yet-valid');
    expect(problem({ now: new Date('2026-12-09T00:00:00.000Z') })).toBe('expired');
    expect(problem({ used: true })).toBe('used');
    // Not decided, or denied.
    expect(problem({ approval: { ...terms, status: 'pending', decidedBy: null, decisionSignature: null } })).toBe('not-approved');
    expect(problem({ approval: { ...signed(hr, hrKeys, terms, 'denied'), status: 'denied' } })).toBe('not-approved');
  });
});
