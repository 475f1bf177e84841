import { z } from 'zod';
import { base64Bytes, Fingerprint } from './manifest';
import { SignedPublication } from './api';

/**
 * Rotating the organisation key (#14 section 3). Members' apps pin the organisation's public key
 * at enrolment; when the admin replaces it (`callvault-server org-key rotate`), the server
 * publishes a key-change statement signed by the key being replaced. An app whose pinned key no
 * longer verifies the roster or the policy publication fetches the chain of statements and
 * follows it only from its pinned key, each statement signed by the key before it, sequence
 * increasing, all for its own organisation (src/core/team/org-key-chain.ts).
 */

/** One key change: the key `previousKey` (which signs this text) hands over to `newKey`. */
export const OrgKeyStatementBody = z.strictObject({
  format: z.literal('callvault-orgkey-v1'),
  /** The organisation (a random id the server's database made once; also named by its rosters). */
  organisation: z.uuid(),
  /** 1 for the first rotation, one more for each after it. */
  sequence: z.int().positive(),
  publishedAt: z.iso.datetime(),
  previousKey: base64Bytes(32),
  previousKeyFingerprint: Fingerprint,
  newKey: base64Bytes(32),
  newKeyFingerprint: Fingerprint,
});
export type OrgKeyStatementBody = z.infer<typeof OrgKeyStatementBody>;

/** `GET /v1/org-key/chain`: every key-change statement, oldest first, each as the old key signed it. */
export const OrgKeyChainReply = z.strictObject({
  organisation: z.uuid(),
  statements: z.array(SignedPublication).max(1000),
});
export type OrgKeyChainReply = z.infer<typeof OrgKeyChainReply>;
