// Holds and organisation-wide deletion requests on the server (#15, migration 004) through the
// real HTTP API, on PGlite and on PostgreSQL: who may issue and release which hold (every role x
// every exemption, against the policy's grantedBy), who sees a hold, who may file and read a
// deletion request, that a member sees only its own sealed copy, and that each step is audited.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { teamHoldReleaseSigningText, teamHoldSigningText } from '../../src/core/retention/team-hold';
import { ROLE_IDS, type RoleId } from '../../src/shared/team/roles';
import { orgDeletionMessage } from '../../src/shared/team/retention-api';
import { roleRosterPerTest } from './helpers/role-roster';
import { BACKENDS } from './helpers/test-server';
import { errorCode, type Member } from './helpers/team-client';
import { teamHoldGrantText, teamHoldReleaseText } from './helpers/team-hold-grant';

const ENTITLED: Record<string, readonly RoleId[]> = {
  'legal-hold': ['hr-and-legal'],
  'training-library': ['enablement', 'sales-leadership'],
  compliance: ['hr-and-legal', 'admin'],
};

const grant = (issuer: Member, exemptionId: string, members: readonly string[]): string => teamHoldGrantText(issuer, exemptionId, members, '2026-01-01');

for (const backend of BACKENDS) {
  describe(`team retention on ${backend}`, () => {
    // One server per test: a PGlite data directory is a temporary directory, removed after each test.
    const roster = roleRosterPerTest(backend);
    const { by } = roster;

    it('lets exactly the roles an exemption lists issue and release its holds, and shows a hold only to whom it names and its issuer', async () => {
      for (const [exemptionId, roles] of Object.entries(ENTITLED)) {
        for (const role of ROLE_IDS) {
          const m = by[role];
          const text = grant(m, exemptionId, [by.rep.id]);
          const reply = await m.post('/v1/holds', { text, signature: m.sign(teamHoldSigningText(text)) });
          expect([exemptionId, role, reply.status]).toEqual([exemptionId, role, roles.includes(role) ? 200 : 403]);
        }
      }
      const legal = by['hr-and-legal'];
      const text = grant(legal, 'legal-hold', [by.rep.id]);
      const holdId = (JSON.parse(text) as { holdId: string }).holdId;
      expect((await legal.post('/v1/holds', { text, signature: legal.sign(teamHoldSigningText(text)) })).status).toBe(200);
      const seen = async (m: Member) => ((await m.get('/v1/holds')).json as { holds: { holdId: string }[] }).holds.map((h) => h.holdId);
      expect(await seen(by.rep)).toContain(holdId);
      expect(await seen(legal)).toContain(holdId);
      expect(await seen(roster.rep2)).toEqual([]);
      expect(await seen(by.manager)).toEqual([]);

      // Releases: not by a role the exemption does not list, not signed as a grant, once.
      const rel = (m: Member) => teamHoldReleaseText(m, holdId, 'legal-hold');
      expect(errorCode(await by.enablement.post(`/v1/holds/${holdId}/release`, { text: rel(by.enablement), signature: by.enablement.sign(teamHoldReleaseSigningText(rel(by.enablement))) }))).toBe('FORBIDDEN');
      const mine = rel(legal);
      expect(errorCode(await legal.post(`/v1/holds/${holdId}/release`, { text: mine, signature: legal.sign(teamHoldSigningText(mine)) }))).toBe('INTEGRITY');
      expect(errorCode(await legal.post(`/v1/holds/${randomUUID()}/release`, { text: mine, signature: legal.sign(teamHoldReleaseSigningText(mine)) }))).toBe('BAD_REQUEST');
      const done = await legal.post(`/v1/holds/${holdId}/release`, { text: mine, signature: legal.sign(teamHoldReleaseSigningText(mine)) });
      expect(done.status).toBe(200);
      expect((done.json as { release: { text: string } }).release.text).toBe(mine);
      expect(errorCode(await legal.post(`/v1/holds/${holdId}/release`, { text: mine, signature: legal.sign(teamHoldReleaseSigningText(mine)) }))).toBe('CONFLICT');
      // A hold naming someone who is not a member is refused.
      const stranger = grant(legal, 'legal-hold', [randomUUID()]);
      expect(errorCode(await legal.post('/v1/holds', { text: stranger, signature: legal.sign(teamHoldSigningText(stranger)) }))).toBe('NOT_FOUND');

      const events = (await roster.server.ctx.audit.entries(roster.server.ctx.db)).map((e) => e.event);
      expect(events.filter((e) => e === 'hold.issued')).toHaveLength(1 + Object.values(ENTITLED).flat().length);
      expect(events.filter((e) => e === 'hold.released')).toHaveLength(1);
      expect((await roster.server.ctx.audit.verify(roster.server.ctx.db)).ok).toBe(true);
    });

    it('lets only an admin file and read an organisation-wide deletion request, and gives each member only its own copy', async () => {
      const admin = by.admin;
      const requestId = randomUUID();
      const createdAt = new Date().toISOString();
      const copy = (n: number) => Buffer.from(`sealed copy ${n}`).toString('base64');
      const body = (filer: Member) => ({
        requestId,
        createdAt,
        filerCopy: copy(0),
        targets: [by.rep, roster.rep2].map((m, i) => ({ memberId: m.id, sealed: copy(i + 1), signature: filer.sign(orgDeletionMessage(requestId, m.id, createdAt, copy(i + 1))) })),
      });
      for (const role of ROLE_IDS.filter((r) => r !== 'admin')) {
        expect([role, errorCode(await by[role].post('/v1/admin/deletion-requests', body(by[role])))]).toEqual([role, 'FORBIDDEN']);
        expect([role, errorCode(await by[role].get('/v1/admin/deletion-requests'))]).toEqual([role, 'FORBIDDEN']);
      }
      const filed = await admin.post('/v1/admin/deletion-requests', body(admin));
      expect(filed.status, JSON.stringify(filed.json)).toBe(200);
      expect(errorCode(await admin.post('/v1/admin/deletion-requests', body(admin)))).toBe('CONFLICT');

      const pending = async (m: Member) => ((await m.get('/v1/deletion-requests/pending')).json as { requests: { requestId: string; sealed: string }[] }).requests;
      expect(await pending(by.rep)).toEqual([expect.objectContaining({ requestId, sealed: copy(1) })]);
      expect(await pending(roster.rep2)).toEqual([expect.objectContaining({ requestId, sealed: copy(2) })]);
      expect(await pending(by.manager)).toEqual([]);
      // A member the request does not name cannot answer it.
      expect(errorCode(await by.manager.post(`/v1/deletion-requests/${requestId}/certificate`, { certificate: {} }))).toBe('BAD_REQUEST');
      const list = (await admin.get('/v1/admin/deletion-requests')).json as { requests: { requestId: string; members: { status: string }[] }[] };
      expect(list.requests.find((r) => r.requestId === requestId)?.members.map((m) => m.status)).toEqual(['pending', 'pending']);
      expect((await roster.server.ctx.audit.entries(roster.server.ctx.db)).filter((e) => e.event === 'deletion.filed')).toHaveLength(1);
    });

    it('lists the new routes in the OpenAPI document', async () => {
      const doc = (await by.rep.get('/v1/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/v1/holds', '/v1/holds/{holdId}/release', '/v1/admin/deletion-requests', '/v1/admin/deletion-requests/{requestId}', '/v1/deletion-requests/pending', '/v1/deletion-requests/{requestId}/certificate']),
      );
      expect(doc.paths['/v1/holds']?.post).toMatchObject({ requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } });
    });
  });
}
