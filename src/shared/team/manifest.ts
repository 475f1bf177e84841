import { z } from 'zod';
import { ROLE_IDS } from './roles';

/**
 * The signed manifest of one shared clip. It is all the team server learns about a clip, so it
 * is built only from identifiers, hashes, numbers and key material: no field takes free text, so
 * no transcript word, customer name or email can ride along (every string has a pattern).
 * The sender signs the exact JSON text (`MANIFEST_SIGNING_PREFIX` + text) with Ed25519; the server
 * and every recipient verify it against the sender's enrolled key.
 */
export const MANIFEST_VERSION = 1;
export const MANIFEST_SIGNING_PREFIX = 'callvault-manifest-v1\n';

export const idPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const MemberId = z.uuid();
export const ShareId = z.uuid();
export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
/** A key fingerprint: hex of BLAKE2b-256 over a domain prefix and the public key. */
export const Fingerprint = Hex64;
/** Base64 (standard alphabet, padded) of at most `max` bytes. */
export function base64Bytes(max: number) {
  return z
    .string()
    .max(Math.ceil(max / 3) * 4)
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'expected base64');
}
/** A policy id (a use, a tag): lower-case words joined by hyphens, as the policy file spells them. */
export const PolicyId = z.string().regex(idPattern, 'expected a policy id such as "coaching"');

/** crypto_box_seal of a 32-byte content key: 32 + 16 + 32 bytes. */
export const SEALED_KEY_BYTES = 80;
/** The longest clip a manifest may describe: one hour. */
export const MAX_CLIP_MS = 60 * 60 * 1000;

export const ManifestRecipient = z.strictObject({
  memberId: MemberId,
  role: z.enum(ROLE_IDS),
  signingKeyFingerprint: Fingerprint,
  boxKeyFingerprint: Fingerprint,
  /** The clip's content key sealed (crypto_box_seal) to this recipient's X25519 key. */
  sealedKey: base64Bytes(SEALED_KEY_BYTES),
});

export const Manifest = z
  .strictObject({
    v: z.literal(MANIFEST_VERSION),
    shareId: ShareId,
    sender: z.strictObject({
      memberId: MemberId,
      signingKeyFingerprint: Fingerprint,
      boxKeyFingerprint: Fingerprint,
      /** The content key sealed to the sender's own X25519 key. */
      sealedKey: base64Bytes(SEALED_KEY_BYTES),
    }),
    recipients: z.array(ManifestRecipient).min(1).max(50),
    ciphertext: z.strictObject({ sha256: Hex64, bytes: z.int().min(1) }),
    /** An opaque per-recording id from the sender's vault (random; says nothing about the call). */
    clip: z.strictObject({ recordingRef: z.uuid(), fromMs: z.int().min(0), toMs: z.int().min(1) }),
    /** A use id from the policy (coaching, forecasting, training-library, product-feedback ...). */
    purpose: PolicyId,
    /** Policy tag ids; `approved-for-product-and-marketing` opens a clip to that role. */
    tags: z.array(PolicyId).max(20).default([]),
    /** The approved performance-use request this share serves (hr-and-legal recipients only). */
    performanceRequestId: z.uuid().optional(),
    policyHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" and 64 hex digits'),
    redactionReviewId: z.uuid(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .refine((m) => m.clip.toMs > m.clip.fromMs && m.clip.toMs - m.clip.fromMs <= MAX_CLIP_MS, {
    error: `the clip range must run forwards and last at most ${MAX_CLIP_MS / 60000} minutes`,
    path: ['clip'],
  })
  .refine((m) => new Set(m.recipients.map((r) => r.memberId)).size === m.recipients.length, {
    error: 'a recipient is listed twice',
    path: ['recipients'],
  });
export type Manifest = z.infer<typeof Manifest>;

export const APPROVED_FOR_PRODUCT_TAG = 'approved-for-product-and-marketing';
