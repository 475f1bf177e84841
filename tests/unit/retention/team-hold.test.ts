// Team holds in core (#15 section 3): which calls a scope covers (a table of cases), the one
// signed text a grant has, and who may sign it (real libsodium through the team crypto adapter).
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberKeys, TeamCrypto } from '../../../src/core/ports/team-crypto';
import { canonicalJson } from '../../../src/core/policy/canonical-json';
import { checkSignedBy, normaliseAccount, parseTeamHoldGrant, scopeCovers, teamHoldReleaseSigningText, teamHoldSigningText, type KnownIssuer } from '../../../src/core/retention/team-hold';
import { createTeamCrypto } from '../../../src/platform/crypto/team-crypto';
import type { TeamHoldGrant, TeamHoldScope } from '../../../src/shared/team/retention-api';
import { policyWith } from '../policy/policy-fixture';

const policy = policyWith();
let crypto: TeamCrypto;
let legal: MemberKeys;
let stranger: MemberKeys;
beforeAll(async () => {
  crypto = await createTeamCrypto();
  legal = crypto.newMemberKeys();
  stranger = crypto.newMemberKeys();
});

const scope = (s: Partial<TeamHoldScope>): TeamHoldScope => ({ members: ['11111111-1111-4111-8111-111111111111'], from: null, to: null, accountDigests: [], ...s });
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('scopeCovers', () => {
  const cases: [string, TeamHoldScope, { recordedOn: string; accountDigest: string | undefined }, boolean][] = [
    ['open scope, any call', scope({}), { recordedOn: '2027-01-01', accountDigest: undefined }, true],
    ['on the first day', scope({ from: '2027-01-01' }), { recordedOn: '2027-01-01', accountDigest: undefined }, true],
    ['the day before', scope({ from: '2027-01-01' }), { recordedOn: '2026-12-31', accountDigest: undefined }, false],
    ['on the last day', scope({ to: '2027-01-31' }), { recordedOn: '2027-01-31', accountDigest: undefined }, true],
    ['the day after', scope({ to: '2027-01-31' }), { recordedOn: '2027-02-01', accountDigest: undefined }, false],
    ['named account', scope({ accountDigests: [A, B] }), { recordedOn: '2027-01-01', accountDigest: B }, true],
    ['other account', scope({ accountDigests: [A] }), { recordedOn: '2027-01-01', accountDigest: B }, false],
    ['no account, accounts named', scope({ accountDigests: [A] }), { recordedOn: '2027-01-01', accountDigest: undefined }, false],
    ['account and range both', scope({ from: '2027-01-01', to: '2027-01-31', accountDigests: [A] }), { recordedOn: '2027-02-01', accountDigest: A }, false],
  ];
  it.each(cases)('%s', (_name, s, call, expected) => {
    expect(scopeCovers(s, call)).toBe(expected);
  });

  it('folds case, width and spacing of accounts', () => {
    expect(normaliseAccount('  ACME\u3000  Corp ')).toBe(normaliseAccount('acme corp'));
  });
});

describe('a team hold grant', () => {
  const grant = (g: Partial<TeamHoldGrant> = {}): TeamHoldGrant => ({
    v: 1,
    kind: 'callvault-team-hold',
    holdId: '22222222-2222-4222-8222-222222222222',
    exemptionId: 'legal-hold',
    issuerId: '33333333-3333-4333-8333-333333333333',
    issuerRole: 'hr-and-legal',
    issuerSigningFpr: crypto.fingerprint('signing', legal.signingPublic),
    scope: scope({}),
    issuedAt: '2027-01-01T00:00:00.000Z',
    ...g,
  });
  const issuer = (i: Partial<KnownIssuer> = {}): KnownIssuer => ({
    memberId: '33333333-3333-4333-8333-333333333333',
    role: 'hr-and-legal',
    signingKey: legal.signingPublic,
    signingFpr: crypto.fingerprint('signing', legal.signingPublic),
    pinnedFpr: crypto.fingerprint('signing', legal.signingPublic),
    ...i,
  });
  const verify = (s: Uint8Array, m: string, k: Uint8Array) => crypto.verify(s, m, k);
  const check = (g: TeamHoldGrant, signer: MemberKeys, who: KnownIssuer | undefined, domain = teamHoldSigningText) => {
    const text = canonicalJson(g);
    return checkSignedBy(verify, g, teamHoldSigningText(text), crypto.sign(signer.signingSecret, domain(text)), who, policy, 'issue');
  };

  it('is read only in its canonical text', () => {
    const text = canonicalJson(grant());
    expect(parseTeamHoldGrant(text).ok).toBe(true);
    expect(parseTeamHoldGrant(JSON.stringify(grant(), null, 1))).toMatchObject({ ok: false, reason: expect.stringMatching(/canonical/) as unknown });
    expect(parseTeamHoldGrant(canonicalJson({ ...grant(), extra: 1 }))).toMatchObject({ ok: false });
    expect(parseTeamHoldGrant('not json')).toMatchObject({ ok: false });
  });

  it('is obeyed when its issuer signed it with the pinned key, holds the role and may grant the exemption', () => {
    expect(check(grant(), legal, issuer())).toEqual({ ok: true });
  });

  const refusals: [string, () => ReturnType<typeof check>, RegExp][] = [
    ['unknown issuer', () => check(grant(), legal, undefined), /not an active member/],
    ['forged (another key)', () => check(grant(), stranger, issuer()), /does not verify/],
    ['a release signature replayed as a grant', () => check(grant(), legal, issuer(), teamHoldReleaseSigningText), /does not verify/],
    ['key changed since pinned', () => check(grant(), legal, issuer({ pinnedFpr: 'f'.repeat(64) })), /changed since this vault first saw it/],
    ['names another key', () => check(grant({ issuerSigningFpr: 'e'.repeat(64) }), legal, issuer()), /another signing key/],
    ['claims a role the directory does not list', () => check(grant(), legal, issuer({ role: 'rep' })), /claims the role "hr-and-legal" but the team lists "rep"/],
    ['a role the exemption does not list', () => check(grant({ issuerRole: 'enablement' }), legal, issuer({ role: 'enablement' })), /only hr-and-legal/],
    ['an exemption the policy lacks', () => check(grant({ exemptionId: 'forever' }), legal, issuer()), /no exemption "forever"/],
  ];
  it.each(refusals)('is refused: %s', (_name, run, reason) => {
    const verdict = run();
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });
});
