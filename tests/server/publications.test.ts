import { afterEach, describe, expect, it } from 'vitest';
import { PolicyPublicationBody, RosterBody, type SignedPublication } from '../../src/shared/team/api';
import { publicationMessage } from '../../src/shared/team/signing';
import { BACKENDS, startTestServer, type TestServer } from './helpers/test-server';
import { call, errorCode, sodium } from './helpers/team-client';

/** The roster and the policy publication, signed with the organisation's admin key (issue #14). */
describe.each(BACKENDS)('signed publications on %s', (backend) => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  const verifies = (kind: 'roster' | 'policy', signed: SignedPublication, key: Uint8Array) =>
    sodium.crypto_sign_verify_detached(Buffer.from(signed.signature, 'base64'), new TextEncoder().encode(publicationMessage(kind, signed.body)), key);

  it('signs a new roster version at every enrolment and removal, and the policy publication once', async () => {
    await sodium.ready;
    server = await startTestServer(backend);
    const orgKey = server.ctx.org.publicKey;
    const admin = await server.member('admin', null);
    const rep = await server.member('rep', 'emea');
    const manager = await server.member('manager', 'emea');

    const first = (await rep.get('/v1/roster')).json as SignedPublication;
    expect(verifies('roster', first, orgKey)).toBe(true);
    const roster = RosterBody.parse(JSON.parse(first.body));
    expect(roster.version).toBe(3);
    expect(roster.members.map((m) => [m.memberId, m.role, m.team])).toEqual([
      [admin.id, 'admin', null],
      [rep.id, 'rep', 'emea'],
      [manager.id, 'manager', 'emea'],
    ]);
    expect(roster.members.find((m) => m.memberId === rep.id)?.signingKeyFingerprint).toBe(rep.view?.signingKeyFingerprint);
    // Signed with the admin key and nothing else: another key's signature check fails.
    await sodium.ready;
    expect(verifies('roster', first, sodium.crypto_sign_keypair().publicKey)).toBe(false);
    // The same text under the policy domain does not verify (domain-separated messages).
    expect(verifies('policy', first, orgKey)).toBe(false);

    // The invitation carries the admin key for the app to pin.
    const invitation = await admin.post('/v1/admin/invitations', { email: 'new@example.test', role: 'rep', team: 'emea' });
    const reply = invitation.json as { code: string; orgKey: string; invitation: string };
    expect(Buffer.from(reply.orgKey, 'base64')).toEqual(Buffer.from(orgKey));
    expect(reply.invitation.startsWith(`${reply.code}.`)).toBe(true);

    expect((await admin.del(`/v1/admin/members/${manager.id}`)).status).toBe(200);
    const after = (await rep.get('/v1/roster')).json as SignedPublication;
    expect(verifies('roster', after, orgKey)).toBe(true);
    const next = RosterBody.parse(JSON.parse(after.body));
    expect(next.version).toBe(4);
    expect(next.members.map((m) => m.memberId)).toEqual([admin.id, rep.id]);

    const policy = (await rep.get('/v1/policy')).json as { hash: string; publication: SignedPublication };
    expect(verifies('policy', policy.publication, orgKey)).toBe(true);
    expect(PolicyPublicationBody.parse(JSON.parse(policy.publication.body))).toMatchObject({ version: 1, policyHash: policy.hash, materialChange: true });
    // Read again, the same publication: no new version without a new policy.
    expect(((await rep.get('/v1/policy')).json as { publication: SignedPublication }).publication).toEqual(policy.publication);

    expect(errorCode(await call(server.base, 'GET', '/v1/roster'))).toBe('UNAUTHORIZED');
  });
});
