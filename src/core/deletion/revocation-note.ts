import { z } from 'zod';
import { canonicalJson } from '../policy/canonical-json';
import type { Crypto } from '../ports/crypto';

/**
 * A follow-up to a deletion certificate whose clip said `revocation-queued`: the server has now
 * confirmed the clip's revocation. Signed by the same kind of key as the certificate (the team
 * device key when enrolled, else the vault certificate key), with Ed25519 over
 * `"callvault-revocation-note-v1\n" + canonical JSON`. The certificate itself is never re-signed:
 * it stays what was true when it was issued, and the note adds what became true later.
 */
export const RevocationNoteSchema = z.strictObject({
  v: z.literal(1),
  kind: z.literal('callvault-revocation-note'),
  requestId: z.uuid(),
  shareId: z.string(),
  recordingId: z.string(),
  certificateOutcome: z.literal('revocation-queued'),
  outcome: z.enum(['revoked-on-server', 'withdrawn-from-outbox']),
  queuedAt: z.iso.datetime(),
  revokedAt: z.iso.datetime(),
  attempts: z.int().min(0),
  signer: z.strictObject({ kind: z.enum(['team-device', 'vault']), keyId: z.string(), publicKey: z.string() }),
});
export type RevocationNote = z.output<typeof RevocationNoteSchema>;
export const SignedRevocationNoteSchema = z.strictObject({ note: RevocationNoteSchema, signature: z.string().max(200) });
export type SignedRevocationNote = z.output<typeof SignedRevocationNoteSchema>;

const DOMAIN = 'callvault-revocation-note-v1\n';

export function revocationNoteSigningText(note: RevocationNote): string {
  return DOMAIN + canonicalJson(note);
}

export type NoteVerdict = { readonly ok: true; readonly note: RevocationNote } | { readonly ok: false; readonly reason: string };

/** Whether a follow-up note is intact and signed by the key it names (and, when given, that key is `trustedKey`). */
export function verifyRevocationNote(crypto: Pick<Crypto, 'verifySignature'>, input: unknown, trustedKey?: string): NoteVerdict {
  const parsed = SignedRevocationNoteSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, reason: 'this is not a CallVault revocation note (missing or malformed fields or signature)' };
  }
  const { note, signature } = parsed.data;
  if (trustedKey !== undefined && trustedKey !== note.signer.publicKey) {
    return { ok: false, reason: 'the note is signed by a key other than the one expected' };
  }
  if (!crypto.verifySignature(Buffer.from(note.signer.publicKey, 'base64'), Buffer.from(signature, 'base64'), new TextEncoder().encode(revocationNoteSigningText(note)))) {
    return { ok: false, reason: 'the note\'s signature does not verify: it was altered after signing, or not signed by the key it names' };
  }
  return { ok: true, note };
}
