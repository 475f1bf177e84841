import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_IDS, type RoleId } from '../../src/shared/team/roles';
import { APPROVED_FOR_PRODUCT_TAG } from '../../src/shared/team/manifest';
import type { CallApprovalView } from '../../src/shared/team/api';
import { BACKENDS, startTestServer, type TestServer } from './helpers/test-server';
import { buildShare, call, receive, upload, type HttpReply, type Member } from './helpers/team-client';

/**
 * The access matrix: every role x every action x every relation to the rep whose clip it is
 * (own team, other team, no team), through the real HTTP API. EXPECTED is the whole answer key:
 * anything it does not list is a refusal, and the test fails on any allow it does not expect.
 */

type Relation = 'own-team' | 'other-team' | 'none';
const RELATIONS: readonly Relation[] = ['own-team', 'other-team', 'none'];
const ALL = RELATIONS;
const NO: readonly Relation[] = [];

const ACTIONS = [
  'receive clip for coaching',
  'receive clip for a business purpose (training-library)',
  'receive clip tagged approved for product and marketing',
  'receive untagged clip for product feedback',
  'receive clip through an approved performance-use request',
  'receive clip through a pending performance-use request',
  'send own clip to the manager of team alpha for coaching',
  'download a clip shared with someone else',
  'revoke a clip someone else sent',
  'file a performance-use request',
  'decide a performance-use request',
  'see a performance-use request about the rep',
  'invite a member',
  'remove a member',
  // Approvals for approval-gated call types (#14 section 3).
  'ask for approval to record a legal discussion',
  'decide a legal-discussion call approval',
  'decide an executive-escalation call approval',
  "see the rep's call approval request",
] as const;
type Action = (typeof ACTIONS)[number];

type Row = Record<RoleId, readonly Relation[]>;
const only = (role: RoleId, relations: readonly Relation[]): Row =>
  Object.fromEntries(ROLE_IDS.map((r) => [r, r === role ? relations : NO])) as Row;
const none: Row = only('admin', NO);

const EXPECTED: Record<Action, Row> = {
  'receive clip for coaching': { ...none, manager: ['own-team'], 'sales-leadership': ALL, enablement: ALL },
  'receive clip for a business purpose (training-library)': { ...none, 'sales-leadership': ALL, enablement: ALL },
  'receive clip tagged approved for product and marketing': only('product-and-marketing', ALL),
  'receive untagged clip for product feedback': none,
  'receive clip through an approved performance-use request': only('hr-and-legal', ALL),
  'receive clip through a pending performance-use request': none,
  'send own clip to the manager of team alpha for coaching': only('rep', ['own-team']),
  'download a clip shared with someone else': none,
  'revoke a clip someone else sent': none,
  'file a performance-use request': only('manager', ['own-team']),
  'decide a performance-use request': only('hr-and-legal', ALL),
  // HR and legal see every request; the own-team manager sees the one they filed a row above.
  'see a performance-use request about the rep': { ...none, 'hr-and-legal': ALL, manager: ['own-team'] },
  'invite a member': only('admin', ALL),
  'remove a member': only('admin', ALL),
  'ask for approval to record a legal discussion': only('rep', ALL),
  'decide a legal-discussion call approval': only('hr-and-legal', ALL),
  'decide an executive-escalation call approval': only('sales-leadership', ALL),
  "see the rep's call approval request": only('hr-and-legal', ALL),
};

const teamFor = (relation: Relation): string | null => (relation === 'own-team' ? 'alpha' : relation === 'other-team' ? 'beta' : null);

describe.each(BACKENDS)('access matrix on %s', (backend) => {
  let server: TestServer;
  let rep: Member;
  let manager: Member;
  let hr: Member;
  let leader: Member;
  let legalApproval: CallApprovalView;
  let policyHash: string;
  let repToManager: { shareId: string; recordingRef: string };
  let approvedRequestId: string;
  let pendingRequestId: string;
  const clip = new TextEncoder().encode('a redacted coaching clip');

  beforeAll(async () => {
    server = await startTestServer(backend);
    policyHash = server.ctx.policy.hash;
    rep = await server.member('rep', 'alpha');
    manager = await server.member('manager', 'alpha');
    hr = await server.member('hr-and-legal', null);
    leader = await server.member('sales-leadership', null);
    legalApproval = await askApproval('legal-discussion', hr);
    repToManager = await share(rep, manager, 'coaching');
    approvedRequestId = await fileRequest();
    expect((await hr.decide(approvedRequestId, 'approved')).status).toBe(200);
    pendingRequestId = await fileRequest();
  });
  afterAll(async () => {
    await server.close();
  });

  async function share(sender: Member, to: Member, purpose: string, extra: { tags?: string[]; performanceRequestId?: string; recordingRef?: string } = {}) {
    const recordingRef = extra.recordingRef ?? crypto.randomUUID();
    const built = buildShare(sender, [to], clip, { policyHash, purpose, recordingRef, ...extra });
    const reply = await upload(sender, built.body);
    if (reply.status !== 200) {
      throw new Error(`fixture share failed: ${JSON.stringify(reply.json)}`);
    }
    return { shareId: built.shareId, recordingRef };
  }

  async function askApproval(callType: string, approver: Member): Promise<CallApprovalView> {
    const reply = await rep.requestCallApproval(callType, [approver], { policyHash });
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    return reply.json as CallApprovalView;
  }

  async function fileRequest(): Promise<string> {
    const reply = await manager.post('/v1/performance-requests', { shareId: repToManager.shareId, use: 'performance-review' });
    expect(reply.status).toBe(200);
    return (reply.json as { requestId: string }).requestId;
  }

  function sendTo(actor: Member, purpose: string, extra: { tags?: string[]; performanceRequestId?: string } = {}) {
    const built = buildShare(rep, [actor], clip, { policyHash, purpose, recordingRef: repToManager.recordingRef, ...extra });
    return upload(rep, built.body);
  }

  async function perform(action: Action, actor: Member): Promise<HttpReply> {
    switch (action) {
      case 'receive clip for coaching': {
        const reply = await sendTo(actor, 'coaching');
        if (reply.status === 200) {
          // An allowed share really arrives: it is in the inbox and decrypts.
          const id = (reply.json as { shareId: string }).shareId;
          const inbox = (await actor.get('/v1/inbox')).json as { shares: { shareId: string }[] };
          expect(inbox.shares.map((s) => s.shareId)).toContain(id);
          expect(Buffer.from((await receive(actor, id)).plaintext).toString()).toBe('a redacted coaching clip');
        }
        return reply;
      }
      case 'receive clip for a business purpose (training-library)':
        return sendTo(actor, 'training-library');
      case 'receive clip tagged approved for product and marketing':
        return sendTo(actor, 'product-feedback', { tags: [APPROVED_FOR_PRODUCT_TAG] });
      case 'receive untagged clip for product feedback':
        return sendTo(actor, 'product-feedback');
      case 'receive clip through an approved performance-use request':
        return sendTo(actor, 'performance-review', { performanceRequestId: approvedRequestId });
      case 'receive clip through a pending performance-use request':
        return sendTo(actor, 'performance-review', { performanceRequestId: pendingRequestId });
      case 'send own clip to the manager of team alpha for coaching':
        return upload(actor, buildShare(actor, [manager], clip, { policyHash, purpose: 'coaching' }).body);
      case 'download a clip shared with someone else':
        return actor.get(`/v1/shares/${repToManager.shareId}/ciphertext`);
      case 'revoke a clip someone else sent':
        return actor.del(`/v1/shares/${repToManager.shareId}`);
      case 'file a performance-use request': {
        // On a clip shared with the actor when the policy lets them receive one, else on the manager's.
        const own = await sendTo(actor, 'coaching');
        const shareId = own.status === 200 ? (own.json as { shareId: string }).shareId : repToManager.shareId;
        return actor.post('/v1/performance-requests', { shareId, use: 'performance-review' });
      }
      case 'decide a performance-use request':
        return actor.decide(await fileRequest(), 'denied');
      case 'see a performance-use request about the rep': {
        const reply = await actor.get('/v1/performance-requests');
        const seen = reply.status === 200 && (reply.json as { requests: { repId: string }[] }).requests.some((r) => r.repId === rep.id);
        return { ...reply, status: seen ? 200 : 403 };
      }
      case 'invite a member':
        return actor.post('/v1/admin/invitations', { email: `invitee-${crypto.randomUUID()}@example.test`, role: 'rep', team: 'alpha' });
      case 'remove a member': {
        const victim = await server.member('rep', 'gamma');
        return actor.del(`/v1/admin/members/${victim.id}`);
      }
      case 'ask for approval to record a legal discussion':
        return actor.requestCallApproval('legal-discussion', [hr], { policyHash });
      case 'decide a legal-discussion call approval':
        return actor.decideCallApproval(await askApproval('legal-discussion', hr), 'denied');
      case 'decide an executive-escalation call approval':
        return actor.decideCallApproval(await askApproval('executive-escalation', leader), 'denied');
      case "see the rep's call approval request": {
        const reply = await actor.get('/v1/call-approvals');
        const seen = reply.status === 200 && (reply.json as { approvals: { requestId: string }[] }).approvals.some((a) => a.requestId === legalApproval.requestId);
        return { ...reply, status: seen ? 200 : 403 };
      }
    }
  }

  it('allows exactly what the table lists, for every role, action and relation', async () => {
    const unexpected: string[] = [];
    let checked = 0;
    for (const role of ROLE_IDS) {
      for (const relation of RELATIONS) {
        const actor = await server.member(role, teamFor(relation));
        for (const action of ACTIONS) {
          const reply = await perform(action, actor);
          const expected = EXPECTED[action][role].includes(relation);
          if (![200, 401, 403, 404, 409, 410].includes(reply.status)) {
            unexpected.push(`${role}/${relation}/${action}: status ${reply.status} ${JSON.stringify(reply.json)}`);
          } else if ((reply.status === 200) !== expected) {
            unexpected.push(`${role}/${relation}/${action}: expected ${expected ? 'allow' : 'deny'}, got ${reply.status} ${JSON.stringify(reply.json)}`);
          } else if (!expected && ![403, 404].includes(reply.status)) {
            unexpected.push(`${role}/${relation}/${action}: refused with ${reply.status}, expected 403 or 404`);
          }
          checked += 1;
        }
      }
    }
    expect(unexpected).toEqual([]);
    expect(checked).toBe(ROLE_IDS.length * RELATIONS.length * ACTIONS.length);
  });

  it('keeps the base fixture intact: the manager still reads the clip, the rep still owns it', async () => {
    expect(Buffer.from((await receive(manager, repToManager.shareId)).plaintext).toString()).toBe('a redacted coaching clip');
    expect((await call(server.base, 'GET', `/v1/shares/${repToManager.shareId}`)).status).toBe(401);
  });
});
