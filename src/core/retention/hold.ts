import { z } from 'zod';
import { canonicalJson } from '../policy/canonical-json';
import { ROLES, type Policy, type Role } from '../policy/policy-schema';
import type { Crypto } from '../ports/crypto';

/**
 * Holds: a legal hold (HR/legal), a training exemption (enablement), a compliance hold. A hold
 * names one of the policy's exemptions and one recording. Issued locally by a role the exemption
 * lists (grantedBy), or, with a team server, issued there and signed with the issuer's Ed25519
 * key: the app verifies the signature against the issuer keys it trusts and the issuer's role
 * against the policy before it obeys the hold. A hold it cannot verify is refused and reported.
 */

export const HOLD_ACTIONS = ['issue', 'release'] as const;

/** What an issuer signs: one hold issued, or released. */
export const HoldGrantSchema = z.strictObject({
  v: z.literal(1),
  action: z.enum(HOLD_ACTIONS),
  holdId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/u),
  recordingId: z.string().min(1).max(100),
  exemptionId: z.string().min(1).max(100),
  issuerKeyId: z.string().min(1).max(100),
  issuerRole: z.enum(ROLES),
  issuedAt: z.iso.datetime(),
});
export type HoldGrant = z.output<typeof HoldGrantSchema>;

/** A grant as it travels: the grant and a base64 signature over its canonical bytes. */
export const SignedHoldSchema = z.strictObject({ grant: HoldGrantSchema, signature: z.string().max(200) });
export type SignedHold = z.output<typeof SignedHoldSchema>;

/** An issuer whose signature the app accepts, with the roles the organisation gave it. */
export interface TrustedIssuer {
  readonly keyId: string;
  readonly publicKey: Uint8Array;
  readonly roles: readonly Role[];
}

const DOMAIN = 'callvault-hold-v1\n';

/** The exact bytes an issuer signs: a domain prefix and the grant's canonical JSON. */
export function holdSigningBytes(grant: HoldGrant): Uint8Array {
  return new TextEncoder().encode(DOMAIN + canonicalJson(grant));
}

export function signHold(crypto: Pick<Crypto, 'sign'>, secretKey: Parameters<Crypto['sign']>[0], grant: HoldGrant): SignedHold {
  return { grant, signature: encodeBase64(crypto.sign(secretKey, holdSigningBytes(grant))) };
}

export type HoldVerdict = { readonly ok: true; readonly grant: HoldGrant } | { readonly ok: false; readonly reason: string };

/**
 * Whether the app may obey a signed hold: well-formed, signed by a trusted issuer's key, the
 * issuer holding a role the exemption lets grant it, the exemption defined by the policy. Any
 * doubt is a refusal with the reason (fail closed: an unverifiable hold changes nothing).
 */
export function verifySignedHold(crypto: Pick<Crypto, 'verifySignature'>, input: unknown, trusted: readonly TrustedIssuer[], policy: Policy): HoldVerdict {
  const parsed = SignedHoldSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, reason: 'the hold is not a signed hold CallVault reads (missing or malformed grant or signature)' };
  }
  const { grant, signature } = parsed.data;
  const issuer = trusted.find((t) => t.keyId === grant.issuerKeyId);
  if (issuer === undefined) {
    return { ok: false, reason: `the hold is signed by "${grant.issuerKeyId}", an issuer this vault does not trust` };
  }
  const signatureBytes = decodeBase64(signature);
  if (signatureBytes === undefined || !crypto.verifySignature(issuer.publicKey, signatureBytes, holdSigningBytes(grant))) {
    return { ok: false, reason: 'the hold\'s signature does not verify: it was not signed by its issuer, or was altered after signing' };
  }
  if (!issuer.roles.includes(grant.issuerRole)) {
    return { ok: false, reason: `the issuer does not hold the role "${grant.issuerRole}" it claims` };
  }
  const authority = checkGrantAuthority(grant.exemptionId, grant.issuerRole, policy, grant.action);
  return authority.ok ? { ok: true, grant } : authority;
}

export type Authority = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether `role` may issue (or release) a hold under `exemptionId` by the policy. */
export function checkGrantAuthority(exemptionId: string, role: Role, policy: Policy, action: HoldGrant['action'] = 'issue'): Authority {
  const exemption = policy.retention.exemptions.find((e) => e.id === exemptionId);
  if (exemption === undefined) {
    return { ok: false, reason: `the policy defines no exemption "${exemptionId}"` };
  }
  if (!exemption.grantedBy.includes(role)) {
    return { ok: false, reason: `the policy lets only ${exemption.grantedBy.join(' or ')} ${action} a ${exemptionId} hold` };
  }
  return { ok: true };
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/u.test(text) || text.length % 4 !== 0) {
    return undefined;
  }
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
