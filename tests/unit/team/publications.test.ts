import { describe, expect, it } from 'vitest';
import { verifyPublication } from '../../../src/core/team/publications';
import { createTeamCrypto } from '../../../src/platform/crypto/team-crypto';
import { publicationMessage } from '../../../src/shared/team/signing';

/** src/core/team/publications.ts with real libsodium: what the app accepts of an admin-signed roster or policy. */
describe('verifyPublication', () => {
  it('accepts only a well-formed body signed by the pinned key, never an older version or another text of the same version', async () => {
    const crypto = await createTeamCrypto();
    const admin = crypto.newMemberKeys();
    const other = crypto.newMemberKeys();
    const body = (version: number, policyHash = 'sha256:' + 'a'.repeat(64)) =>
      JSON.stringify({ format: 'callvault-policy-v1', version, policyHash, materialFingerprint: 'mf1:x', materialChange: false, publishedAt: '2026-12-01T00:00:00.000Z' });
    const sign = (text: string, keys = admin) => ({ body: text, signature: Buffer.from(crypto.sign(keys.signingSecret, publicationMessage('policy', text))).toString('base64') });

    const v2 = sign(body(2));
    const ok = verifyPublication('policy', v2, admin.signingPublic, null, crypto);
    expect(ok).toMatchObject({ ok: true, body: { version: 2 }, accepted: { version: 2 } });
    const accepted = ok.ok ? ok.accepted : null;

    expect(verifyPublication('policy', undefined, admin.signingPublic, null, crypto)).toMatchObject({ ok: false, problem: 'unsigned' });
    expect(verifyPublication('policy', { body: body(2), signature: '' }, admin.signingPublic, null, crypto)).toMatchObject({ ok: false, problem: 'unsigned' });
    expect(verifyPublication('policy', sign(body(2), other), admin.signingPublic, null, crypto)).toMatchObject({ ok: false, problem: 'forged' });
    expect(verifyPublication('policy', { ...v2, body: body(2, 'sha256:' + 'b'.repeat(64)) }, admin.signingPublic, null, crypto)).toMatchObject({ ok: false, problem: 'forged' });
    // A roster signature does not pass as a policy publication (domain separation).
    const asRoster = { body: body(2), signature: Buffer.from(crypto.sign(admin.signingSecret, publicationMessage('roster', body(2)))).toString('base64') };
    expect(verifyPublication('policy', asRoster, admin.signingPublic, null, crypto)).toMatchObject({ ok: false, problem: 'forged' });
    expect(verifyPublication('policy', sign('{"format":"callvault-policy-v1"}'), admin.signingPublic, null, crypto)).toMatchObject({ ok: false, problem: 'malformed' });
    expect(verifyPublication('roster', sign(body(2)), admin.signingPublic, null, crypto)).toMatchObject({ ok: false, problem: 'forged' });

    expect(verifyPublication('policy', sign(body(1)), admin.signingPublic, accepted, crypto)).toMatchObject({ ok: false, problem: 'rolled-back', version: 1 });
    expect(verifyPublication('policy', sign(body(2, 'sha256:' + 'c'.repeat(64))), admin.signingPublic, accepted, crypto)).toMatchObject({ ok: false, problem: 'conflicting', version: 2 });
    expect(verifyPublication('policy', v2, admin.signingPublic, accepted, crypto)).toMatchObject({ ok: true });
    expect(verifyPublication('policy', sign(body(3)), admin.signingPublic, accepted, crypto)).toMatchObject({ ok: true, accepted: { version: 3 } });
  });
});
