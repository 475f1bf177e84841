import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rotateOrgKey } from '../../server/src/services/org-key-rotation';
import { PolicyPublicationBody, RosterBody, type SignedPublication } from '../../src/shared/team/api';
import { OrgKeyChainReply, OrgKeyStatementBody } from '../../src/shared/team/org-key';
import { orgKeyStatementMessage, publicationMessage } from '../../src/shared/team/signing';
import { BACKENDS, startTestServer, type TestServer } from './helpers/test-server';
import { call, errorCode, fingerprint, Member, sodium } from './helpers/team-client';

/** `callvault-server org-key rotate`'s service and the chain route (#14 section 3), on both databases. */
describe.each(BACKENDS)('organisation key rotation on %s', (backend) => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close().catch(() => undefined)));
  });

  const verifies = (message: string, signature: string, key: Uint8Array) => sodium.crypto_sign_verify_detached(Buffer.from(signature, 'base64'), new TextEncoder().encode(message), key);
  const publication = (kind: 'roster' | 'policy', signed: SignedPublication, key: Uint8Array) => verifies(publicationMessage(kind, signed.body), signed.signature, key);
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  it('hands the organisation over twice with statements signed by each retired key, signs roster and policy again, and keeps a retired key from signing or starting', async () => {
    const first = await startTestServer(backend);
    servers.push(first);
    const k1 = first.ctx.org;
    const rep = await first.member('rep', 'emea');
    const roster1 = (await rep.get('/v1/roster')).json as SignedPublication;
    const policy1 = ((await rep.get('/v1/policy')).json as { publication: SignedPublication }).publication;
    const empty = OrgKeyChainReply.parse((await rep.get('/v1/org-key/chain')).json);
    expect(empty.statements).toEqual([]);
    // The roster names the organisation, so apps know whose statements to follow.
    expect(RosterBody.parse(JSON.parse(roster1.body)).organisation).toBe(empty.organisation);
    expect(errorCode(await call(first.base, 'GET', '/v1/org-key/chain'))).toBe('UNAUTHORIZED');
    // A roster signed before rosters named the organisation (a server upgraded past migration 009) is signed again, naming it.
    const { organisation: _dropped, ...unnamed } = RosterBody.parse(JSON.parse(roster1.body));
    const oldText = JSON.stringify(unnamed);
    await first.ctx.db.query("UPDATE org_publications SET body = $1, signature = $2 WHERE kind = 'roster'", [oldText, Buffer.from(k1.sign(publicationMessage('roster', oldText)))]);
    const renamed = RosterBody.parse(JSON.parse(((await rep.get('/v1/roster')).json as SignedPublication).body));
    expect(renamed).toMatchObject({ version: unnamed.version + 1, organisation: empty.organisation });

    // Rotation 1, while this process runs with K1.
    const seed2 = sodium.randombytes_buf(32);
    const k2 = first.ctx.crypto.orgSigner(seed2);
    expect(await rotateOrgKey(first.ctx, k2)).toEqual({ sequence: 1, previousKeyFingerprint: fingerprint('signing', k1.publicKey), newKeyFingerprint: fingerprint('signing', k2.publicKey) });
    const chain1 = OrgKeyChainReply.parse((await rep.get('/v1/org-key/chain')).json);
    expect(chain1.organisation).toBe(empty.organisation);
    expect(chain1.statements).toHaveLength(1);
    const statement1 = chain1.statements[0]!;
    expect(OrgKeyStatementBody.parse(JSON.parse(statement1.body))).toMatchObject({
      organisation: empty.organisation,
      sequence: 1,
      previousKey: b64(k1.publicKey),
      previousKeyFingerprint: fingerprint('signing', k1.publicKey),
      newKey: b64(k2.publicKey),
      newKeyFingerprint: fingerprint('signing', k2.publicKey),
    });
    expect(verifies(orgKeyStatementMessage(statement1.body), statement1.signature, k1.publicKey)).toBe(true);
    expect(verifies(orgKeyStatementMessage(statement1.body), statement1.signature, k2.publicKey)).toBe(false);
    // Domain-separated: the statement's signature is no roster's.
    expect(verifies(publicationMessage('roster', statement1.body), statement1.signature, k1.publicKey)).toBe(false);

    // The roster and policy are signed again, as new versions, by K2 only; the policy is the same, not a material change.
    const roster2 = (await rep.get('/v1/roster')).json as SignedPublication;
    expect(publication('roster', roster2, k2.publicKey)).toBe(true);
    expect(publication('roster', roster2, k1.publicKey)).toBe(false);
    expect(RosterBody.parse(JSON.parse(roster2.body)).version).toBe(renamed.version + 1);
    const policy2 = ((await rep.get('/v1/policy')).json as { publication: SignedPublication }).publication;
    expect(publication('policy', policy2, k2.publicKey)).toBe(true);
    const [p1, p2] = [PolicyPublicationBody.parse(JSON.parse(policy1.body)), PolicyPublicationBody.parse(JSON.parse(policy2.body))];
    expect(p2).toMatchObject({ version: p1.version + 1, policyHash: p1.policyHash, materialFingerprint: p1.materialFingerprint, materialChange: false });

    // This process still holds K1: it serves what K2 signed but refuses to sign (an enrolment re-signs the roster), and cannot rotate again.
    const late = new Member(first.base);
    const code = await first.invite('manager', 'emea');
    const refused = await call(first.base, 'POST', '/v1/enroll', { json: late.enrollBody(code) });
    expect(refused.status).toBe(500);
    expect((refused.json as { error: { message: string } }).error.message).toMatch(/retired organisation key/);
    await expect(rotateOrgKey(first.ctx, first.ctx.crypto.orgSigner(sodium.randombytes_buf(32)))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await rep.get('/v1/roster')).json).toEqual(roster2);
    await first.close();
    servers.splice(0);

    // Started again with K1 (still in the data directory's key file) it refuses to start.
    const kept = Buffer.from(fs.readFileSync(path.join(first.config.dataDir, 'org-signing.key'), 'utf8').trim(), 'hex');
    expect(Buffer.from(first.ctx.crypto.orgSigner(kept).publicKey)).toEqual(Buffer.from(k1.publicKey));
    await expect(startTestServer(backend, {}, first.config)).rejects.toThrow(/retired by key rotation 1/);

    // With K2: the enrolment the retired process refused now works (the invitation was not used up), signed by K2.
    const second = await startTestServer(backend, {}, { ...first.config, orgKeyHex: Buffer.from(seed2).toString('hex') });
    servers.push(second);
    late.base = second.base;
    await late.enroll(code);
    await late.signIn();
    await rep.signInAt(second.base);
    const roster3 = (await rep.get('/v1/roster')).json as SignedPublication;
    expect(publication('roster', roster3, k2.publicKey)).toBe(true);
    expect(RosterBody.parse(JSON.parse(roster3.body)).members.map((m) => m.memberId)).toContain(late.id);

    // Rotation 2: a chain of two, each statement signed by the key before it, sequence increasing.
    const seed3 = sodium.randombytes_buf(32);
    const k3 = second.ctx.crypto.orgSigner(seed3);
    expect((await rotateOrgKey(second.ctx, k3)).sequence).toBe(2);
    const chain2 = OrgKeyChainReply.parse((await rep.get('/v1/org-key/chain')).json);
    expect(chain2.statements).toHaveLength(2);
    expect(chain2.statements[0]).toEqual(statement1);
    const statement2 = OrgKeyStatementBody.parse(JSON.parse(chain2.statements[1]!.body));
    expect(statement2).toMatchObject({ sequence: 2, previousKey: b64(k2.publicKey), newKey: b64(k3.publicKey), organisation: empty.organisation });
    expect(verifies(orgKeyStatementMessage(chain2.statements[1]!.body), chain2.statements[1]!.signature, k2.publicKey)).toBe(true);
    expect(publication('roster', (await rep.get('/v1/roster')).json as SignedPublication, k3.publicKey)).toBe(true);
    await second.close();
    servers.splice(0);

    // A key used before is refused as the next one.
    const third = await startTestServer(backend, {}, { ...first.config, orgKeyHex: Buffer.from(seed3).toString('hex') });
    servers.push(third);
    await expect(rotateOrgKey(third.ctx, k2)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(rotateOrgKey(third.ctx, k1)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(OrgKeyChainReply.parse((await rep.signInAt(third.base).then((m) => m.get('/v1/org-key/chain'))).json).statements).toHaveLength(2);

    // Audited, and the audit chain holds.
    const rotated = (await third.ctx.audit.entries(third.ctx.db)).filter((e) => e.event === 'org-key.rotated').map((e) => JSON.parse(e.detail) as Record<string, unknown>);
    expect(rotated).toEqual([
      { sequence: 1, previousKey: fingerprint('signing', k1.publicKey), newKey: fingerprint('signing', k2.publicKey) },
      { sequence: 2, previousKey: fingerprint('signing', k2.publicKey), newKey: fingerprint('signing', k3.publicKey) },
    ]);
    expect((await third.ctx.audit.verify(third.ctx.db)).ok).toBe(true);

    // In the OpenAPI document, with its reply schema.
    const doc = (await rep.get('/v1/openapi.json')).json as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.paths['/v1/org-key/chain']?.get?.responses['200']).toBeDefined();
  });
});
