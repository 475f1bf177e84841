import { afterEach, describe, expect, it } from 'vitest';
import { signInMessage } from '../../src/shared/team/signing';
import { BACKENDS, startTestServer, type TestServer } from './helpers/test-server';
import { call, errorCode, Member } from './helpers/team-client';

describe.each(BACKENDS)('team server sign-in on %s', (backend) => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  it('enrols once per invitation code and signs in by challenge and response', async () => {
    server = await startTestServer(backend);
    const code = await server.invite('rep', 'emea');
    const rep = await new Member(server.base).enroll(code);
    expect(rep.view).toMatchObject({ role: 'rep', team: 'emea' });
    // The same code a second time, by anyone, is refused.
    const again = await call(server.base, 'POST', '/v1/enroll', { json: new Member(server.base).enrollBody(code) });
    expect([again.status, errorCode(again)]).toEqual([401, 'UNAUTHORIZED']);
    await rep.signIn();
    const me = await rep.get('/v1/me');
    expect(me.status).toBe(200);
    expect((me.json as { memberId: string }).memberId).toBe(rep.id);
  });

  it('refuses an enrolment whose proof was not made with the signing key sent', async () => {
    server = await startTestServer(backend);
    const code = await server.invite('manager', 'emea');
    const body = new Member(server.base).enrollBody(code);
    const other = new Member(server.base).enrollBody(code);
    const reply = await call(server.base, 'POST', '/v1/enroll', { json: { ...body, proof: other.proof } });
    expect([reply.status, errorCode(reply)]).toEqual([401, 'UNAUTHORIZED']);
    // The code was not spent by the failed attempt.
    await expect(new Member(server.base).enroll(code)).resolves.toBeDefined();
  });

  it('refuses an expired invitation code', async () => {
    server = await startTestServer(backend);
    const code = await server.invite('rep', 'emea');
    server.clock.advance(8 * 24 * 3600_000);
    const reply = await call(server.base, 'POST', '/v1/enroll', { json: new Member(server.base).enrollBody(code) });
    expect(errorCode(reply)).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong signature, a replayed challenge and an expired challenge', async () => {
    server = await startTestServer(backend);
    const rep = await new Member(server.base).enroll(await server.invite('rep', 'emea'));
    const impostor = new Member(server.base);

    const wrong = await rep.challenge();
    const byImpostor = await call(server.base, 'POST', '/v1/auth/session', { json: { challengeId: wrong.challengeId, signature: impostor.sign(signInMessage(wrong.challengeId, wrong.nonce)) } });
    expect([byImpostor.status, errorCode(byImpostor)]).toEqual([401, 'UNAUTHORIZED']);

    const fresh = await rep.challenge();
    const signature = rep.sign(signInMessage(fresh.challengeId, fresh.nonce));
    const first = await call(server.base, 'POST', '/v1/auth/session', { json: { challengeId: fresh.challengeId, signature } });
    expect(first.status).toBe(200);
    const replay = await call(server.base, 'POST', '/v1/auth/session', { json: { challengeId: fresh.challengeId, signature } });
    expect([replay.status, errorCode(replay)]).toEqual([401, 'UNAUTHORIZED']);

    const late = await rep.challenge();
    server.clock.advance(61_000);
    const expired = await call(server.base, 'POST', '/v1/auth/session', { json: { challengeId: late.challengeId, signature: rep.sign(signInMessage(late.challengeId, late.nonce)) } });
    expect([expired.status, errorCode(expired)]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('refuses a missing, forged or expired session token, and a removed member at once', async () => {
    server = await startTestServer(backend);
    const admin = await server.member('admin', null);
    const rep = await server.member('rep', 'emea');
    expect((await call(server.base, 'GET', '/v1/inbox')).status).toBe(401);
    expect(errorCode(await call(server.base, 'GET', '/v1/inbox', { token: 'A'.repeat(43) }))).toBe('UNAUTHORIZED');
    expect((await rep.get('/v1/inbox')).status).toBe(200);

    const removed = await admin.del(`/v1/admin/members/${rep.id}`);
    expect(removed.status).toBe(200);
    expect(errorCode(await rep.get('/v1/inbox'))).toBe('UNAUTHORIZED');
    await expect(rep.signIn()).rejects.toThrow(/401/);

    const manager = await server.member('manager', 'emea');
    server.clock.advance(16 * 60_000);
    expect(errorCode(await manager.get('/v1/inbox'))).toBe('UNAUTHORIZED');
  });

  it('answers in JSON with codes, limits body size and request rate, and sets security headers', async () => {
    server = await startTestServer(backend, { memberRequestsPerMinute: 5, jsonBodyLimit: 1024, uploadBodyLimit: 4096 });
    const rep = await server.member('rep', 'emea');
    const big = await call(server.base, 'POST', '/v1/auth/challenge', { json: { memberId: rep.id, pad: 'x'.repeat(4096) } });
    expect([big.status, errorCode(big)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const bigUpload = await call(server.base, 'POST', '/v1/shares', { token: rep.token!, body: new Uint8Array(8192) });
    expect([bigUpload.status, errorCode(bigUpload)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const unknownField = await call(server.base, 'POST', '/v1/auth/challenge', { json: { memberId: rep.id, extra: 1 } });
    expect([unknownField.status, errorCode(unknownField)]).toEqual([400, 'BAD_REQUEST']);
    const nowhere = await call(server.base, 'GET', '/v1/nowhere');
    expect([nowhere.status, errorCode(nowhere)]).toEqual([404, 'NOT_FOUND']);

    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push((await rep.get('/v1/me')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // Another member has their own budget.
    const other = await server.member('manager', 'emea');
    const reply = await other.get('/v1/me');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
  });

  it('serves an OpenAPI 3.1 document that lists every route', async () => {
    server = await startTestServer(backend);
    const reply = await call(server.base, 'GET', '/v1/openapi.json');
    const doc = reply.json as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/enroll', '/v1/auth/challenge', '/v1/auth/session', '/v1/shares', '/v1/shares/{shareId}', '/v1/shares/{shareId}/ciphertext', '/v1/inbox', '/v1/performance-requests/{requestId}/decision']),
    );
    expect(doc.paths['/v1/enroll']?.post).toMatchObject({ requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } });
  });
});
