import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/core/policy/policy-schema';
import { Manifest } from '../../src/shared/team/manifest';
import { ROLE_IDS } from '../../src/shared/team/roles';

const fp = 'a'.repeat(64);
const sealed = Buffer.alloc(80, 1).toString('base64');
const uuid = (): string => crypto.randomUUID();
const valid = () => ({
  v: 1,
  shareId: uuid(),
  sender: { memberId: uuid(), signingKeyFingerprint: fp, boxKeyFingerprint: fp, sealedKey: sealed },
  recipients: [{ memberId: uuid(), role: 'manager', signingKeyFingerprint: fp, boxKeyFingerprint: fp, sealedKey: sealed }],
  ciphertext: { sha256: fp, bytes: 100 },
  clip: { recordingRef: uuid(), fromMs: 0, toMs: 1000 },
  purpose: 'coaching',
  tags: ['discovery'],
  policyHash: `sha256:${fp}`,
  redactionReviewId: uuid(),
  createdAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-08T10:00:00.000Z',
});

describe('the team manifest', () => {
  it('uses the policy roles', () => {
    expect([...ROLE_IDS]).toEqual([...ROLES]);
  });

  it('accepts a manifest of ids, hashes and numbers', () => {
    expect(Manifest.safeParse(valid()).success).toBe(true);
  });

  it('has no field that takes free text: names, emails and words are refused everywhere', () => {
    const attempts: [string, (m: ReturnType<typeof valid>) => void][] = [
      ['an unknown field', (m) => Object.assign(m, { note: 'Jane Roe' })],
      ['a purpose in words', (m) => { m.purpose = 'Call with Jane Roe'; }],
      ['a tag holding an email', (m) => { m.tags = ['jane@example.com']; }],
      ['a recording ref that is a title', (m) => { m.clip.recordingRef = 'Acme renewal call'; }],
      ['a recipient with an extra field', (m) => Object.assign(m.recipients[0]!, { email: 'jane@example.com' })],
      ['a review id that is text', (m) => { m.redactionReviewId = 'reviewed by Jane'; }],
    ];
    for (const [what, edit] of attempts) {
      const manifest = valid();
      edit(manifest);
      expect(Manifest.safeParse(manifest).success, what).toBe(false);
    }
  });

  it('refuses a backwards or over-long clip range and a recipient listed twice', () => {
    const backwards = valid();
    backwards.clip = { ...backwards.clip, fromMs: 5000, toMs: 1000 };
    expect(Manifest.safeParse(backwards).success).toBe(false);
    const twice = valid();
    twice.recipients = [twice.recipients[0]!, twice.recipients[0]!];
    expect(Manifest.safeParse(twice).success).toBe(false);
  });
});
