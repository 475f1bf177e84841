import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { followKeyChain, type PinnedOrgKey } from '../../../src/core/team/org-key-chain';
import { createTeamCrypto } from '../../../src/platform/crypto/team-crypto';
import type { SignedPublication } from '../../../src/shared/team/api';
import { freshOrgKey, keyStatement, type OrgKeyPair } from '../../helpers/org-key-statements';

/** src/core/team/org-key-chain.ts with real libsodium: which key-change chains move the pinned organisation key. */
describe('following the organisation key chain', () => {
  it('follows a chain from the pinned key and refuses every other shape', async () => {
    const crypto = await createTeamCrypto();
    const org = randomUUID();
    const k1 = await freshOrgKey();
    const k2 = await freshOrgKey();
    const k3 = await freshOrgKey();
    const k4 = await freshOrgKey();
    const s1 = keyStatement(org, 1, k1, k2);
    const s2 = keyStatement(org, 2, k2, k3);
    const pin = (key: OrgKeyPair, sequence = 0, organisation: string | null = org): PinnedOrgKey => ({ key: key.publicKey, sequence, organisation });
    const follow = (statements: SignedPublication[], pinned: PinnedOrgKey, organisation = org) => followKeyChain({ organisation, statements }, pinned, crypto);
    const problem = (statements: SignedPublication[], pinned: PinnedOrgKey, organisation = org) => {
      const verdict = follow(statements, pinned, organisation);
      return verdict.ok ? 'followed' : verdict.problem;
    };

    expect(follow([s1, s2], pin(k1))).toEqual({ ok: true, key: k3.publicKey, sequence: 2, steps: 2, organisation: org });
    // From the middle of the chain (pinned at k2 after the first rotation, or enrolled with k2).
    expect(follow([s1, s2], pin(k2, 1))).toMatchObject({ ok: true, key: k3.publicKey, sequence: 2, steps: 1 });
    expect(follow([s1, s2], pin(k2, 0))).toMatchObject({ ok: true, sequence: 2, steps: 1 });
    // A vault whose roster never named the organisation takes the one the pinned key signed.
    expect(follow([s1, s2], pin(k1, 0, null))).toMatchObject({ ok: true, organisation: org });
    // Already at the newest key, or no rotation at all.
    expect(problem([s1, s2], pin(k3, 2))).toBe('no-rotation');
    expect(problem([], pin(k1))).toBe('no-rotation');

    expect(problem([keyStatement(org, 1, k1, k2, k2), s2], pin(k1))).toBe('forged-statement');
    expect(problem([s1, keyStatement(org, 2, k2, k3, k1)], pin(k1))).toBe('forged-statement');
    expect(problem([{ ...s1, signature: Buffer.alloc(64).toString('base64') }], pin(k1))).toBe('forged-statement');
    expect(problem([{ ...s1, signature: 'not base64' }], pin(k1))).toBe('forged-statement');
    expect(problem([s1, keyStatement(org, 1, k2, k3)], pin(k1))).toBe('sequence');
    expect(problem([keyStatement(org, 2, k1, k2), keyStatement(org, 1, k2, k3)], pin(k1))).toBe('sequence');
    expect(problem([s1, s2, keyStatement(org, 2, k3, k4)], pin(k3, 2))).toBe('sequence');
    expect(problem([s2], pin(k1))).toBe('not-from-pinned-key');
    expect(problem([s1, keyStatement(org, 3, k3, k4)], pin(k1))).toBe('broken');
    // A loop back to a key already passed.
    expect(problem([s1, keyStatement(org, 2, k2, k1)], pin(k1))).toBe('broken');
    expect(problem([keyStatement(randomUUID(), 1, k1, k2)], pin(k1))).toBe('other-organisation');
    const other = randomUUID();
    expect(problem([keyStatement(other, 1, k1, k2)], pin(k1), other)).toBe('other-organisation');
    // Bodies that are not statements.
    expect(problem([{ ...s1, body: '{' }], pin(k1))).toBe('malformed');
    expect(problem([{ ...s1, body: JSON.stringify({ ...JSON.parse(s1.body), extra: 1 }) }], pin(k1))).toBe('malformed');
    // A fingerprint that is not the key's.
    const body = JSON.parse(s1.body) as Record<string, unknown>;
    expect(problem([{ ...s1, body: JSON.stringify({ ...body, previousKeyFingerprint: '0'.repeat(64) }) }], pin(k1))).toBe('broken');
  });
});
