// Exemption requests on the server (#15 section 3) through the real HTTP API, on PGlite and on
// PostgreSQL: a rep files one (ids and a day only), a granter (a role in the exemption's
// grantedBy) sees it and grants it with the signed team hold it issued for that rep and day, or
// declines it; anyone else is refused, a request is decided once, and each step is audited.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { teamHoldReleaseSigningText, teamHoldSigningText } from '../../src/core/retention/team-hold';
import { ROLE_IDS } from '../../src/shared/team/roles';
import type { ExemptionRequestView } from '../../src/shared/team/retention-api';
import { roleRosterPerTest } from './helpers/role-roster';
import { BACKENDS } from './helpers/test-server';
import { errorCode, type Member } from './helpers/team-client';
import { teamHoldGrantText, teamHoldReleaseText } from './helpers/team-hold-grant';

const DAY = '2026-03-10';

async function issueHold(issuer: Member, exemptionId: string, members: readonly string[], from: string | null, to: string | null): Promise<string> {
  const text = teamHoldGrantText(issuer, exemptionId, members, from, to);
  const reply = await issuer.post('/v1/holds', { text, signature: issuer.sign(teamHoldSigningText(text)) });
  expect(reply.status, JSON.stringify(reply.json)).toBe(200);
  return (JSON.parse(text) as { holdId: string }).holdId;
}

for (const backend of BACKENDS) {
  describe(`exemption requests on ${backend}`, () => {
    const roster = roleRosterPerTest(backend);
    const { by } = roster;

    const file = async (m: Member, exemptionId = 'training-library', recordingId: string = randomUUID(), requestId: string = randomUUID()) => {
      const reply = await m.post('/v1/exemption-requests', { requestId, recordingId, recordedOn: DAY, exemptionId });
      return reply;
    };
    const listed = async (m: Member) => ((await m.get('/v1/exemption-requests')).json as { requests: ExemptionRequestView[] }).requests;

    it('shows a request to its rep and to the roles that may grant it; only they decide it, once', async () => {
      const filed = await file(by.rep);
      expect(filed.status, JSON.stringify(filed.json)).toBe(200);
      const request = filed.json as ExemptionRequestView;
      expect(request).toMatchObject({ memberId: by.rep.id, state: 'pending', recordedOn: DAY, exemptionId: 'training-library', decidedBy: null, holdId: null });
      // The same request sent again (the app did not hear back) is answered as it stands; another for the same call is a conflict.
      expect((await by.rep.post('/v1/exemption-requests', { requestId: request.requestId, recordingId: request.recordingId, recordedOn: DAY, exemptionId: 'training-library' })).status).toBe(200);
      expect(errorCode(await file(by.rep, 'training-library', request.recordingId))).toBe('CONFLICT');
      expect(errorCode(await file(by.rep, 'no-such-exemption'))).toBe('BAD_REQUEST');

      // Who sees it: the rep, and the granters of training-library (enablement, sales leadership).
      for (const role of ROLE_IDS) {
        const ids = (await listed(by[role])).map((r) => r.requestId);
        expect([role, ids.includes(request.requestId)]).toEqual([role, role === 'rep' || role === 'enablement' || role === 'sales-leadership']);
      }
      expect(await listed(roster.rep2)).toEqual([]);

      // Who decides it: nobody outside grantedBy (the rep, its manager, HR and legal...), with a JSON FORBIDDEN.
      for (const role of ROLE_IDS.filter((r) => r !== 'enablement' && r !== 'sales-leadership')) {
        const reply = await by[role].post(`/v1/exemption-requests/${request.requestId}/decision`, { decision: 'decline', reason: 'no' });
        expect([role, reply.status, errorCode(reply)]).toEqual([role, 403, 'FORBIDDEN']);
      }
      // A grant must name a hold the granter issued, for this exemption, keeping this rep's calls of that day.
      const grant = (m: Member, holdId: string) => m.post(`/v1/exemption-requests/${request.requestId}/decision`, { decision: 'grant', holdId });
      const enablement = by.enablement;
      expect(errorCode(await grant(enablement, randomUUID()))).toBe('NOT_FOUND');
      expect(errorCode(await grant(enablement, await issueHold(by['sales-leadership'], 'training-library', [by.rep.id], DAY, DAY)))).toBe('FORBIDDEN');
      expect(errorCode(await grant(enablement, await issueHold(enablement, 'training-library', [roster.rep2.id], DAY, DAY)))).toBe('BAD_REQUEST');
      expect(errorCode(await grant(enablement, await issueHold(enablement, 'training-library', [by.rep.id], '2026-03-11', null)))).toBe('BAD_REQUEST');
      const released = await issueHold(enablement, 'training-library', [by.rep.id], DAY, DAY);
      const rel = teamHoldReleaseText(enablement, released, 'training-library');
      expect((await enablement.post(`/v1/holds/${released}/release`, { text: rel, signature: enablement.sign(teamHoldReleaseSigningText(rel)) })).status).toBe(200);
      expect(errorCode(await grant(enablement, released))).toBe('CONFLICT');
      expect((await listed(by.rep))[0]?.state).toBe('pending');

      const holdId = await issueHold(enablement, 'training-library', [by.rep.id], DAY, DAY);
      const granted = await grant(enablement, holdId);
      expect(granted.status, JSON.stringify(granted.json)).toBe(200);
      expect(granted.json).toMatchObject({ state: 'granted', decidedBy: enablement.id, holdId, reason: null });
      // Decided once: neither the same granter nor another may decide it again.
      expect(errorCode(await grant(enablement, holdId))).toBe('CONFLICT');
      expect(errorCode(await by['sales-leadership'].post(`/v1/exemption-requests/${request.requestId}/decision`, { decision: 'decline', reason: 'late' }))).toBe('CONFLICT');
      // The rep reads the decision; a granter no longer sees it as pending, the one who decided still lists it.
      expect((await listed(by.rep)).find((r) => r.requestId === request.requestId)).toMatchObject({ state: 'granted', holdId });
      expect((await listed(by['sales-leadership'])).map((r) => r.requestId)).not.toContain(request.requestId);
      expect((await listed(enablement)).map((r) => r.requestId)).toContain(request.requestId);

      const events = (await roster.server.ctx.audit.entries(roster.server.ctx.db)).filter((e) => e.event.startsWith('exemption.'));
      expect(events.map((e) => e.event)).toEqual(['exemption.requested', 'exemption.decided']);
      expect(JSON.parse(events[1]!.detail)).toEqual({ request: request.requestId, by: enablement.id, role: 'enablement', decision: 'granted', hold: holdId });
      expect((await roster.server.ctx.audit.verify(roster.server.ctx.db)).ok).toBe(true);
    });

    it('records a decline with its reason for the rep, keeps the reason out of the audit log, and refuses a legal hold request to enablement', async () => {
      const request = (await file(by.rep)).json as ExemptionRequestView;
      const declined = await by['sales-leadership'].post(`/v1/exemption-requests/${request.requestId}/decision`, { decision: 'decline', reason: 'Not a training example' });
      expect(declined.status, JSON.stringify(declined.json)).toBe(200);
      expect((await listed(by.rep))[0]).toMatchObject({ state: 'declined', reason: 'Not a training example', holdId: null });
      // After a decline the rep may ask again for the same call; while that one is pending, not a third time.
      expect((await file(by.rep, 'training-library', request.recordingId)).status).toBe(200);
      expect(errorCode(await file(by.rep, 'training-library', request.recordingId))).toBe('CONFLICT');
      const audit = (await roster.server.ctx.audit.entries(roster.server.ctx.db)).map((e) => e.detail).join('\n');
      expect(audit).not.toContain('Not a training example');

      const legal = (await file(by.rep, 'legal-hold')).json as ExemptionRequestView;
      expect((await listed(by.enablement)).map((r) => r.requestId)).not.toContain(legal.requestId);
      expect((await listed(by['hr-and-legal'])).map((r) => r.requestId)).toContain(legal.requestId);
      expect(errorCode(await by.enablement.post(`/v1/exemption-requests/${legal.requestId}/decision`, { decision: 'decline', reason: 'no' }))).toBe('FORBIDDEN');
      // A granter cannot decide a request of its own.
      const own = (await file(by['hr-and-legal'], 'legal-hold')).json as ExemptionRequestView;
      expect(errorCode(await by['hr-and-legal'].post(`/v1/exemption-requests/${own.requestId}/decision`, { decision: 'decline', reason: 'x' }))).toBe('FORBIDDEN');
    });

    it('refuses malformed ids, bodies and strangers', async () => {
      expect(errorCode(await by.enablement.post('/v1/exemption-requests/not-a-uuid/decision', { decision: 'decline', reason: 'x' }))).toBe('BAD_REQUEST');
      expect(errorCode(await by.enablement.post(`/v1/exemption-requests/${randomUUID()}/decision`, { decision: 'decline', reason: 'x' }))).toBe('NOT_FOUND');
      expect(errorCode(await by.rep.post('/v1/exemption-requests', { requestId: 'x', recordingId: randomUUID(), recordedOn: DAY, exemptionId: 'training-library' }))).toBe('BAD_REQUEST');
      expect(errorCode(await by.rep.post('/v1/exemption-requests', { requestId: randomUUID(), recordingId: randomUUID(), recordedOn: '10/03/2026', exemptionId: 'training-library' }))).toBe('BAD_REQUEST');
      // No title, account or customer field is accepted.
      expect(errorCode(await by.rep.post('/v1/exemption-requests', { requestId: randomUUID(), recordingId: randomUUID(), recordedOn: DAY, exemptionId: 'training-library', title: 'Acme renewal' }))).toBe('BAD_REQUEST');
      const request = (await file(by.rep)).json as ExemptionRequestView;
      expect(errorCode(await by.enablement.post(`/v1/exemption-requests/${request.requestId}/decision`, { decision: 'grant', holdId: 'nope' }))).toBe('BAD_REQUEST');
      expect(errorCode(await by.enablement.post(`/v1/exemption-requests/${request.requestId}/decision`, { decision: 'decline', reason: '   ' }))).toBe('BAD_REQUEST');
      expect(errorCode(await by.enablement.post(`/v1/exemption-requests/${request.requestId}/decision`, { decision: 'maybe' }))).toBe('BAD_REQUEST');
      const anonymous = await fetch(`${roster.server.base}/v1/exemption-requests`);
      expect(anonymous.status).toBe(401);
      const doc = (await by.rep.get('/v1/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/exemption-requests', '/v1/exemption-requests/{requestId}/decision']));
    });
  });
}
