// Holds signed by an issuer (#15 section 3): the app obeys a hold only when the signature of a
// key it trusts verifies over exactly the grant, and the issuer's role may grant that exemption.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crypto } from '../../../src/core/ports/crypto';
import { signHold, verifySignedHold, type HoldGrant, type HoldVerdict, type TrustedIssuer } from '../../../src/core/retention';
import { createCrypto } from '../../../src/platform/crypto/sodium-crypto';
import { policyWith } from '../policy/policy-fixture';

const policy = policyWith();
let crypto: Crypto;
let issuer: ReturnType<Crypto['newSigningKeyPair']>;
let stranger: ReturnType<Crypto['newSigningKeyPair']>;
let trusted: TrustedIssuer[];

beforeAll(async () => {
  crypto = await createCrypto();
  issuer = crypto.newSigningKeyPair();
  stranger = crypto.newSigningKeyPair();
  trusted = [{ keyId: 'legal-1', publicKey: issuer.publicKey, roles: ['hr-and-legal'] }];
});

/** The reason of a refusal; fails the test if the hold was accepted. */
function refusal(verdict: HoldVerdict): string {
  if (verdict.ok) {
    throw new Error('expected the hold to be refused');
  }
  return verdict.reason;
}

const grant: HoldGrant = {
  v: 1,
  action: 'issue',
  holdId: 'hold-0001-legal',
  recordingId: 'rec-1',
  exemptionId: 'legal-hold',
  issuerKeyId: 'legal-1',
  issuerRole: 'hr-and-legal',
  issuedAt: '2027-02-01T09:00:00.000Z',
};

describe('verifySignedHold', () => {
  it('accepts a hold signed by a trusted issuer whose role may grant it', () => {
    expect(verifySignedHold(crypto, signHold(crypto, issuer.secretKey, grant), trusted, policy)).toEqual({ ok: true, grant });
  });

  it('refuses an unsigned hold', () => {
    expect(refusal(verifySignedHold(crypto, { grant }, trusted, policy))).toMatch(/not a signed hold/);
    expect(refusal(verifySignedHold(crypto, { grant, signature: '' }, trusted, policy))).toMatch(/does not verify/);
  });

  it('refuses a hold forged with another key under the trusted issuer\'s id', () => {
    expect(refusal(verifySignedHold(crypto, signHold(crypto, stranger.secretKey, grant), trusted, policy))).toMatch(/does not verify/);
  });

  it('refuses a genuine signature over a grant altered afterwards (other recording, other exemption, release)', () => {
    const signed = signHold(crypto, issuer.secretKey, grant);
    for (const altered of [{ recordingId: 'rec-2' }, { exemptionId: 'compliance' }, { action: 'release' as const }, { issuedAt: '2027-03-01T09:00:00.000Z' }]) {
      expect(verifySignedHold(crypto, { ...signed, grant: { ...grant, ...altered } }, trusted, policy).ok).toBe(false);
    }
  });

  it('refuses an issuer the vault does not trust', () => {
    const signed = signHold(crypto, stranger.secretKey, { ...grant, issuerKeyId: 'someone' });
    expect(refusal(verifySignedHold(crypto, signed, trusted, policy))).toMatch(/does not trust/);
  });

  it('refuses a role the issuer was not given, and a role the exemption does not allow', () => {
    const claimsAdmin = signHold(crypto, issuer.secretKey, { ...grant, issuerRole: 'admin', exemptionId: 'compliance' });
    expect(refusal(verifySignedHold(crypto, claimsAdmin, trusted, policy))).toMatch(/does not hold the role/);
    const enablementKey = [{ keyId: 'legal-1', publicKey: issuer.publicKey, roles: ['enablement' as const] }];
    const legalByEnablement = signHold(crypto, issuer.secretKey, { ...grant, issuerRole: 'enablement' });
    expect(refusal(verifySignedHold(crypto, legalByEnablement, enablementKey, policy))).toMatch(/only hr-and-legal/);
  });

  it('refuses an exemption the policy does not define', () => {
    const signed = signHold(crypto, issuer.secretKey, { ...grant, exemptionId: 'forever' });
    expect(refusal(verifySignedHold(crypto, signed, trusted, policy))).toMatch(/no exemption "forever"/);
  });
});
