// Approvals for approval-gated call types between real vaults and a real `callvault-server`
// process (#14 section 3): the rep asks in the app, HR and legal sees the request (account and
// reason opened from its own sealed copy) and approves it with a signature; the rep's app checks
// that approval before a call is set up, marks it used, and refuses it for another call type,
// another account, another rep, a second call, while the server cannot be reached, and when the
// reply was tampered with on the way (forged signature, an approver without the role, a widened window).
import { describe, expect, it } from 'vitest';
import { CallApprovals } from '../../../src/app/team/call-approvals';
import { TeamConnection } from '../../../src/app/team/team-connection';
import { createTeamCrypto } from '../../../src/platform/crypto/team-crypto';
import type { CallApprovalItem } from '../../../src/shared/contract/team';
import type { CallApprovalView } from '../../../src/shared/team/api';
import { callApprovalMessage } from '../../../src/shared/team/signing';
import { customer } from '../../helpers/call-fixture';
import { enrolledApp, teamsPerTest, type App } from './team-fixture';

type Prepared = { allowed: true; call: { id: string; state: string } } | { allowed: false; reasons: { code: string; message: string }[] };

const teams = teamsPerTest();

const legal = { callType: 'legal-discussion', account: 'Quillfeather Pharma', meetingTitle: 'Contract terms', participants: [customer] };
const events = (app: App) => app.session.requireVault().audit.entries().map((e) => e.event);
const refusalReasons = (app: App) =>
  app.session
    .requireVault()
    .audit.entries()
    .filter((e) => e.event === 'call.approval_refused')
    .map((e) => (JSON.parse(e.detail) as { reason: string }).reason);

describe('approvals for approval-gated call types', () => {
  it('is asked for in the app, granted by HR and legal signed, checked and used once by the call; refused for another type, account or rep', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const hr = await enrolledApp(t, 'hr-and-legal', null);
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const otherRep = await enrolledApp(t, 'rep', 'alpha');
    await rep.acknowledge();
    await otherRep.acknowledge();

    // Enrolled: the app says to ask for approval (not that approvals cannot exist here).
    expect((await rep.call<{ code: string }[]>('calls.check', { ...legal, participants: [] })).map((r) => r.code)).toEqual(['approval-required']);
    expect(await rep.call<Prepared>('calls.prepare', legal)).toMatchObject({ allowed: false, reasons: [{ code: 'approval-required' }] });

    const asked = await rep.call<CallApprovalItem>('approval.request', { callType: 'legal-discussion', account: legal.account, reason: 'Outside counsel joins to review the contract' });
    expect(asked).toMatchObject({ status: 'pending', mine: true, canDecide: false, account: legal.account, callType: 'legal-discussion' });
    // A pending request lets nothing through.
    expect(await rep.call<Prepared>('calls.prepare', { ...legal, approvalId: asked.requestId })).toMatchObject({ allowed: false, reasons: [{ code: 'approval-invalid' }] });

    // HR and legal see the account and reason (from their own sealed copy); a manager sees nothing and cannot decide.
    const hrView = (await hr.call<CallApprovalItem[]>('approval.list')).find((a) => a.requestId === asked.requestId);
    expect(hrView).toMatchObject({ account: legal.account, reason: 'Outside counsel joins to review the contract', canDecide: true, mine: false, repEmail: rep.status.member!.email });
    expect(await manager.call<CallApprovalItem[]>('approval.list')).toEqual([]);
    // The server does not even show the manager the request; the rep may see it but not decide it.
    expect(await manager.dispatch('approval.decide', { requestId: asked.requestId, decision: 'approved' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await rep.dispatch('approval.decide', { requestId: asked.requestId, decision: 'approved' })).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });

    const approved = await hr.call<CallApprovalItem>('approval.decide', { requestId: asked.requestId, decision: 'approved' });
    expect(approved).toMatchObject({ status: 'approved', decidedByEmail: hr.status.member!.email });
    expect(events(hr)).toContain('call.approval_decided');
    expect((await rep.call<CallApprovalItem[]>('approval.list')).find((a) => a.requestId === asked.requestId)).toMatchObject({ status: 'approved', usedByCall: null });

    // Not for another call type, another account, or another rep.
    expect(await rep.call<Prepared>('calls.prepare', { ...legal, callType: 'hr-related', approvalId: asked.requestId })).toMatchObject({ allowed: false, reasons: [{ code: 'approval-invalid', message: expect.stringMatching(/another call type/) as unknown }] });
    expect(await rep.call<Prepared>('calls.prepare', { ...legal, account: 'Other Account Ltd', approvalId: asked.requestId })).toMatchObject({ allowed: false, reasons: [{ code: 'approval-invalid', message: expect.stringMatching(/another account/) as unknown }] });
    expect(await otherRep.call<Prepared>('calls.prepare', { ...legal, approvalId: asked.requestId })).toMatchObject({ allowed: false, reasons: [{ code: 'approval-invalid' }] });
    expect(refusalReasons(rep)).toEqual(['not-approved', 'call-type', 'details']);
    expect(refusalReasons(otherRep)).toEqual(['not-found']);

    // The call it was granted for goes through (same account, any case), and uses it.
    const prepared = await rep.call<Prepared>('calls.prepare', { ...legal, account: ' quillfeather pharma ', approvalId: asked.requestId });
    expect(prepared).toMatchObject({ allowed: true, call: { state: 'awaiting-consent' } });
    const callId = prepared.allowed ? prepared.call.id : '';
    const stored = rep.session.requireVault().approvals.get(asked.requestId);
    expect(stored).toMatchObject({ callType: 'legal-discussion', approvedBy: hr.status.member!.email, approverRole: 'hr-and-legal', usedByCall: callId, reason: 'Outside counsel joins to review the contract' });
    expect(events(rep)).toEqual(expect.arrayContaining(['call.approval_requested', 'call.approval_recorded']));
    // Replayed: a second call cannot use it.
    expect(await rep.call<Prepared>('calls.prepare', { ...legal, approvalId: asked.requestId })).toMatchObject({ allowed: false, reasons: [{ code: 'approval-invalid', message: expect.stringMatching(/already used/) as unknown }] });
    expect(refusalReasons(rep).at(-1)).toBe('used');
    // Audit details hold ids and codes, not the account or the reason.
    const audit = rep.session.requireVault().audit.entries().map((e) => e.detail).join('\n');
    expect(audit).not.toMatch(/Quillfeather|counsel/i);
  });

  it('refuses a forged signature, an approver without the role, a widened window, and any approval while the server cannot be reached', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const hr = await enrolledApp(t, 'hr-and-legal', null);
    const manager = await enrolledApp(t, 'manager', 'alpha');
    await rep.acknowledge();
    const asked = await rep.call<CallApprovalItem>('approval.request', { callType: 'legal-discussion', account: legal.account, reason: 'Counsel present' });
    await hr.call('approval.decide', { requestId: asked.requestId, decision: 'approved' });

    // The rep's app talks to the server through a man in the middle from here on.
    const state: { rewrite: ((view: CallApprovalView) => CallApprovalView) | undefined; offline: boolean } = { rewrite: undefined, offline: false };
    const mitm = async (url: string, init: RequestInit): Promise<Response> => {
      if (state.offline) {
        throw new TypeError('fetch failed');
      }
      const response = await fetch(url, init);
      const rewrite = state.rewrite;
      if (rewrite === undefined || !new URL(url).pathname.startsWith('/v1/call-approvals/') || !response.ok) {
        return response;
      }
      return new Response(JSON.stringify(rewrite((await response.json()) as CallApprovalView)), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const crypto = () => createTeamCrypto();
    rep.services.calls.useApprovals(new CallApprovals(new TeamConnection(crypto, mitm), crypto));
    const attempt = () => rep.call<Prepared>('calls.prepare', { ...legal, approvalId: asked.requestId });

    // 1. A forged signature (one bit flipped).
    state.rewrite = (v) => {
      const sig = Buffer.from(v.decisionSignature!, 'base64');
      sig[0] = (sig[0] ?? 0) ^ 1;
      return { ...v, decisionSignature: sig.toString('base64') };
    };
    expect(await attempt()).toMatchObject({ allowed: false, reasons: [{ code: 'approval-invalid', message: expect.stringMatching(/signature/) as unknown }] });
    // 2. Validly signed by a member whose role may not approve legal discussions (the manager's own vault key).
    const teamCrypto = await createTeamCrypto();
    const managerIdentity = manager.session.requireVault().team.identity()!;
    const managerKeys = teamCrypto.memberKeysFrom(managerIdentity);
    state.rewrite = (v) => ({
      ...v,
      decidedBy: managerIdentity.memberId,
      decisionSignature: Buffer.from(teamCrypto.sign(managerKeys.signingSecret, callApprovalMessage(v, 'approved', managerIdentity.memberId))).toString('base64'),
    });
    expect(await attempt()).toMatchObject({ allowed: false, reasons: [{ code: 'approval-invalid', message: expect.stringMatching(/role/) as unknown }] });
    // 3. The window widened on the way: HR never signed that.
    state.rewrite = (v) => ({ ...v, validUntil: '2099-01-01T00:00:00.000Z' });
    expect(await attempt()).toMatchObject({ allowed: false, reasons: [{ code: 'approval-invalid' }] });
    // 4. Offline: the answer is no.
    state.rewrite = undefined;
    state.offline = true;
    expect(await attempt()).toMatchObject({ allowed: false, reasons: [{ code: 'approval-invalid', message: expect.stringMatching(/cannot be reached/) as unknown }] });
    expect(refusalReasons(rep)).toEqual(['signature', 'approver-role', 'signature', 'unreachable']);
    expect(rep.session.requireVault().approvals.get(asked.requestId)).toBeUndefined();
    // Untouched again, the same approval is still good: the refusals did not use it.
    state.offline = false;
    expect(await attempt()).toMatchObject({ allowed: true });
  });
});
