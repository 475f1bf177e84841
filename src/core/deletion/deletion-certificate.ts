import { z } from 'zod';
import { canonicalJson } from '../policy/canonical-json';
import type { Crypto } from '../ports/crypto';
import { FOUND_WHERE } from './deletion-plan';

/**
 * The deletion certificate: what a customer deletion request found, destroyed (and when), kept
 * (under which hold), which shared clips were revoked, who did it and under which policy; signed
 * with Ed25519 over `"callvault-deletion-certificate-v1\n" + canonical JSON` of the body.
 *
 * It names the customer only by a digest of the identifiers as given (BLAKE2b of their canonical
 * JSON, through the Crypto port's `hash`): whoever holds the request can check the certificate
 * answers it, and the certificate itself holds no personal data to delete later.
 *
 * The signer: the device's team signing key when the vault is enrolled with a team server (the
 * key the server already knows for this member, so an admin can check it), else the vault's own
 * certificate key, an Ed25519 pair made on first use and kept in the (encrypted) vault settings.
 */

const Ref = z.string().regex(/^(email|name|phone|account) #\d+$/u);
const Hold = z.strictObject({ id: z.string(), exemptionId: z.string() });

export const CertificateBodySchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('callvault-deletion-certificate'),
  requestId: z.uuid(),
  subject: z.strictObject({
    digest: z.string().regex(/^[0-9a-f]{64}$/u),
    emails: z.int().min(0),
    names: z.int().min(0),
    phones: z.int().min(0),
    accounts: z.int().min(0),
  }),
  performedAt: z.iso.datetime(),
  performedBy: z.strictObject({ profile: z.string(), memberId: z.string().nullable(), role: z.string().nullable() }),
  policy: z.strictObject({ version: z.string(), hash: z.string() }),
  found: z.array(z.strictObject({ recordingId: z.string(), where: z.array(z.strictObject({ where: z.enum(FOUND_WHERE), detail: z.string(), identifiers: z.array(Ref) })) })),
  destroyed: z.array(z.strictObject({ recordingId: z.string(), artifacts: z.array(z.string()), whole: z.boolean(), at: z.iso.datetime() })),
  kept: z.array(z.strictObject({ recordingId: z.string(), holds: z.array(Hold), clips: z.array(z.string()) })),
  clips: z.array(z.strictObject({ shareId: z.string(), recordingId: z.string(), outcome: z.enum(['revoked-on-server', 'withdrawn-from-outbox', 'revocation-failed', 'revocation-queued']), at: z.iso.datetime() })),
  signer: z.strictObject({ kind: z.enum(['team-device', 'vault']), keyId: z.string(), publicKey: z.string() }),
  // Added for calls without a recording: optional, so certificates signed before still verify.
  /** Calls with no recording in which the customer was found (where; no content). */
  callsFound: z.array(z.strictObject({ callId: z.string(), where: z.array(z.strictObject({ where: z.enum(FOUND_WHERE), detail: z.string(), identifiers: z.array(Ref) })) })).optional(),
  /** Those calls erased whole, and when. */
  callsErased: z.array(z.strictObject({ callId: z.string(), at: z.iso.datetime() })).optional(),
  /** Those calls a hold kept. */
  callsKept: z.array(z.strictObject({ callId: z.string(), holds: z.array(Hold) })).optional(),
});
export type CertificateBody = z.output<typeof CertificateBodySchema>;

export const SignedCertificateSchema = z.strictObject({ certificate: CertificateBodySchema, signature: z.string().max(200) });
export type SignedCertificate = z.output<typeof SignedCertificateSchema>;

const DOMAIN = 'callvault-deletion-certificate-v1\n';

/** The exact text the signer signs (UTF-8). */
export function certificateSigningText(body: CertificateBody): string {
  return DOMAIN + canonicalJson(body);
}

/** The digest the certificate names the customer by: of the identifiers as the request gave them. */
export function subjectDigest(crypto: Pick<Crypto, 'hash'>, identifiers: unknown): string {
  return Buffer.from(crypto.hash(new TextEncoder().encode(`callvault-deletion-subject-v1\n${canonicalJson(identifiers)}`))).toString('hex');
}

export type CertificateVerdict = { readonly ok: true; readonly certificate: CertificateBody } | { readonly ok: false; readonly reason: string };

/**
 * Whether a certificate is intact and signed by the key it names. `trustedKey` (base64), when
 * given, must be that key: the signer's own claim is checked, not trusted.
 */
export function verifyCertificate(crypto: Pick<Crypto, 'verifySignature'>, input: unknown, trustedKey?: string): CertificateVerdict {
  const parsed = SignedCertificateSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, reason: 'this is not a CallVault deletion certificate (missing or malformed fields or signature)' };
  }
  const { certificate, signature } = parsed.data;
  if (trustedKey !== undefined && trustedKey !== certificate.signer.publicKey) {
    return { ok: false, reason: 'the certificate is signed by a key other than the one expected' };
  }
  const publicKey = Buffer.from(certificate.signer.publicKey, 'base64');
  const sig = Buffer.from(signature, 'base64');
  if (!crypto.verifySignature(publicKey, sig, new TextEncoder().encode(certificateSigningText(certificate)))) {
    return { ok: false, reason: 'the certificate\'s signature does not verify: it was altered after signing, or not signed by the key it names' };
  }
  return { ok: true, certificate };
}
