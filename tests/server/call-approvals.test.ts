// Approvals for approval-gated call types on the server (#14 section 3) through the real HTTP
// API, on PGlite and on PostgreSQL: only reps ask, only the roles the policy names for the call
// type decide (never the rep), the decision must be signed with the decider's enrolled key over
// the canonical text, windows are bounded, the details reach the server only sealed, every step
// is audited, and the routes are in the OpenAPI document.
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallApprovalView } from '../../src/shared/team/api';
import { CALL_APPROVAL_DETAILS_PREFIX, callApprovalMessage } from '../../src/shared/team/signing';
import { dumpTables } from './helpers/dump-tables';
import { BACKENDS, startTestServer, type TestServer } from './helpers/test-server';
import { errorCode, type HttpReply, type Member } from './helpers/team-client';

const ACCOUNT = 'Quillfeather Pharmaceuticals';
const REASON = 'outside counsel Ms Vandersloot joins';

describe.each(BACKENDS)('call approvals on %s', (backend) => {
  let server: TestServer;
  let rep: Member;
  let hr: Member;
  let leader: Member;
  let manager: Member;
  let policyHash: string;

  beforeEach(async () => {
    server = await startTestServer(backend);
    policyHash = server.ctx.policy.hash;
    rep = await server.member('rep', 'alpha');
    hr = await server.member('hr-and-legal', null);
    leader = await server.member('sales-leadership', null);
    manager = await server.member('manager', 'alpha');
  });
  afterEach(async () => {
    await server.close();
  });

  const ok = (reply: HttpReply): CallApprovalView => {
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
    return reply.json as CallApprovalView;
  };
  const details = () => JSON.stringify({ account: ACCOUNT, reason: REASON, nonce: Buffer.from(sodium.randombytes_buf(32)).toString('base64') });

  it('a rep asks, HR and legal sees it with its own sealed copy and approves it signed; the server keeps no account or reason', async () => {
    const text = details();
    const asked = ok(await rep.requestCallApproval('legal-discussion', [hr], { policyHash, details: text }));
    expect(asked).toMatchObject({ repId: rep.id, callType: 'legal-discussion', status: 'pending', decidedBy: null });
    expect(asked.detailsDigest).toBe(sodium.to_hex(sodium.crypto_hash_sha256(Buffer.from(CALL_APPROVAL_DETAILS_PREFIX + text))));
    // The rep's own copy and HR's copy open to the details; only with the right key.
    expect(Buffer.from(sodium.crypto_box_seal_open(Buffer.from(asked.sealed!, 'base64'), rep.box.publicKey, rep.box.privateKey)).toString()).toBe(text);
    const seen = ok(await hr.get(`/v1/call-approvals/${asked.requestId}`));
    expect(Buffer.from(sodium.crypto_box_seal_open(Buffer.from(seen.sealed!, 'base64'), hr.box.publicKey, hr.box.privateKey)).toString()).toBe(text);
    expect(seen.sealed).not.toBe(asked.sealed);
    expect(((await hr.get('/v1/call-approvals')).json as { approvals: CallApprovalView[] }).approvals.map((a) => a.requestId)).toEqual([asked.requestId]);

    const approved = ok(await hr.decideCallApproval(asked, 'approved'));
    expect(approved).toMatchObject({ status: 'approved', decidedBy: hr.id });
    expect(sodium.crypto_sign_verify_detached(Buffer.from(approved.decisionSignature!, 'base64'), Buffer.from(callApprovalMessage(asked, 'approved', hr.id)), hr.signing.publicKey)).toBe(true);
    // The rep reads the decision; a second decision is refused.
    expect(ok(await rep.get(`/v1/call-approvals/${asked.requestId}`))).toMatchObject({ status: 'approved', decisionSignature: approved.decisionSignature });
    expect(errorCode(await hr.decideCallApproval(asked, 'denied'))).toBe('CONFLICT');

    const dump = await dumpTables(server.ctx.db);
    for (const word of [ACCOUNT, 'Quillfeather', 'Vandersloot', REASON, Buffer.from(ACCOUNT).toString('base64'), Buffer.from(ACCOUNT).toString('hex')]) {
      expect(dump).not.toContain(word);
    }
    const audit = await server.ctx.audit.entries(server.ctx.db);
    expect(audit.map((e) => e.event)).toEqual(expect.arrayContaining(['call-approval.requested', 'call-approval.decided']));
    expect(audit.map((e) => e.detail).join('\n')).not.toContain('Quillfeather');
    expect((await server.ctx.audit.verify(server.ctx.db)).ok).toBe(true);
  });

  it('refuses deciders whose role the policy does not name, the rep, and shows them nothing', async () => {
    const asked = ok(await rep.requestCallApproval('legal-discussion', [hr], { policyHash }));
    const admin = await server.member('admin', null);
    const enablement = await server.member('enablement', null);
    for (const outsider of [manager, leader, admin, enablement, rep]) {
      expect(errorCode(await outsider.decideCallApproval(asked, 'approved')), outsider.role).toBe('FORBIDDEN');
      if (outsider !== rep) {
        expect(errorCode(await outsider.get(`/v1/call-approvals/${asked.requestId}`))).toBe('NOT_FOUND');
        expect(((await outsider.get('/v1/call-approvals')).json as { approvals: unknown[] }).approvals).toEqual([]);
      }
    }
    expect((await server.ctx.audit.entries(server.ctx.db)).filter((e) => e.event === 'call-approval.refused')).toHaveLength(5);
    expect(ok(await rep.get(`/v1/call-approvals/${asked.requestId}`)).status).toBe('pending');
    // Executive escalations are sales leadership's to approve, not HR's.
    const escalation = ok(await rep.requestCallApproval('executive-escalation', [leader], { policyHash }));
    expect(errorCode(await hr.decideCallApproval(escalation, 'approved'))).toBe('FORBIDDEN');
    expect(ok(await leader.decideCallApproval(escalation, 'denied')).status).toBe('denied');
  });

  it('refuses a decision not signed with the decider\'s enrolled key over this request and decision', async () => {
    const asked = ok(await rep.requestCallApproval('legal-discussion', [hr], { policyHash }));
    const other = await server.member('hr-and-legal', null);
    // Signed by another member's key; a denial's signature sent as an approval; another request's terms.
    expect(errorCode(await hr.decideCallApproval(asked, 'approved', other))).toBe('INTEGRITY');
    expect(errorCode(await hr.post(`/v1/call-approvals/${asked.requestId}/decision`, { decision: 'approved', signature: hr.sign(callApprovalMessage(asked, 'denied', hr.id)) }))).toBe('INTEGRITY');
    expect(errorCode(await hr.post(`/v1/call-approvals/${asked.requestId}/decision`, { decision: 'approved', signature: hr.sign(callApprovalMessage({ ...asked, callType: 'hr-related' }, 'approved', hr.id)) }))).toBe('INTEGRITY');
    expect(errorCode(await hr.post(`/v1/call-approvals/${asked.requestId}/decision`, { decision: 'approved', signature: hr.sign(callApprovalMessage({ ...asked, validUntil: '2099-01-01T00:00:00.000Z' }, 'approved', hr.id)) }))).toBe('INTEGRITY');
    expect(ok(await rep.get(`/v1/call-approvals/${asked.requestId}`)).status).toBe('pending');
  });

  it('refuses requests from non-reps, for call types that need no approval, under another policy, with bad windows or copies', async () => {
    expect(errorCode(await manager.requestCallApproval('legal-discussion', [hr], { policyHash }))).toBe('FORBIDDEN');
    expect(errorCode(await hr.requestCallApproval('legal-discussion', [leader], { policyHash }))).toBe('FORBIDDEN');
    expect(errorCode(await rep.requestCallApproval('discovery', [hr], { policyHash }))).toBe('FORBIDDEN');
    expect(errorCode(await rep.requestCallApproval('no-such-type', [hr], { policyHash }))).toBe('FORBIDDEN');
    expect(errorCode(await rep.requestCallApproval('legal-discussion', [hr], { policyHash: 'sha256:0000' }))).toBe('CONFLICT');
    const now = Date.now();
    const at = (days: number) => new Date(now + days * 24 * 3600_000).toISOString();
    expect(errorCode(await rep.requestCallApproval('legal-discussion', [hr], { policyHash, validFrom: at(0), validUntil: at(15) }))).toBe('BAD_REQUEST');
    expect(errorCode(await rep.requestCallApproval('legal-discussion', [hr], { policyHash, validFrom: at(2), validUntil: at(1) }))).toBe('BAD_REQUEST');
    expect(errorCode(await rep.requestCallApproval('legal-discussion', [hr], { policyHash, validFrom: at(-3), validUntil: at(-1) }))).toBe('BAD_REQUEST');
    // The details go only to approvers of that call type (and the rep).
    expect(errorCode(await rep.requestCallApproval('legal-discussion', [manager], { policyHash }))).toBe('BAD_REQUEST');
    expect(errorCode(await rep.requestCallApproval('legal-discussion', [hr, leader], { policyHash }))).toBe('BAD_REQUEST');
    expect(((await rep.get('/v1/call-approvals')).json as { approvals: unknown[] }).approvals).toEqual([]);
  });

  it('refuses a decision after the validity window ended', async () => {
    const asked = ok(await rep.requestCallApproval('legal-discussion', [hr], { policyHash, validUntil: new Date(Date.now() + 3600_000).toISOString() }));
    server.clock.advance(2 * 3600_000);
    await hr.signIn(); // sessions last 15 minutes
    expect(errorCode(await hr.decideCallApproval(asked, 'approved'))).toBe('GONE');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await rep.get('/v1/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/v1/call-approvals'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/v1/call-approvals/{requestId}/decision'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/v1/call-approvals/{requestId}'] ?? {})).toEqual(['get']);
  });
});
