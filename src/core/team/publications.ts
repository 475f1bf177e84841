import { PolicyPublicationBody, RosterBody, type SignedPublication } from '../../shared/team/api';
import { publicationMessage } from '../../shared/team/signing';

/**
 * Checks an admin-signed publication (the roster or the policy publication) before the app uses
 * it: the signature must verify under the organisation key this vault pinned at enrolment, the
 * body must be the expected document, and its version must not be older than the newest this
 * vault accepted (a server replaying an old roster cannot bring back a removed member or an old
 * role). The same version is accepted again only with the same text.
 */

export type PublicationKind = 'roster' | 'policy';

/** What this vault last accepted of one kind. */
export interface AcceptedVersion {
  readonly version: number;
  /** sha256 (hex) of the accepted body text. */
  readonly sha256: string;
}

export type PublicationProblem = 'unsigned' | 'forged' | 'malformed' | 'rolled-back' | 'conflicting' | 'other-organisation';

export type PublicationVerdict<T> = { readonly ok: true; readonly body: T; readonly accepted: AcceptedVersion } | { readonly ok: false; readonly problem: PublicationProblem; readonly version: number | null };

export interface PublicationCrypto {
  verify(signature: Uint8Array, message: string, publicKey: Uint8Array): boolean;
  sha256Hex(bytes: Uint8Array): string;
}

/** Standard padded base64 to bytes; undefined for anything else. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    return undefined;
  }
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function verifyPublication(
  kind: 'roster',
  signed: SignedPublication | undefined,
  orgKey: Uint8Array,
  last: AcceptedVersion | null,
  crypto: PublicationCrypto,
): PublicationVerdict<RosterBody>;
export function verifyPublication(
  kind: 'policy',
  signed: SignedPublication | undefined,
  orgKey: Uint8Array,
  last: AcceptedVersion | null,
  crypto: PublicationCrypto,
): PublicationVerdict<PolicyPublicationBody>;
export function verifyPublication(
  kind: PublicationKind,
  signed: SignedPublication | undefined,
  orgKey: Uint8Array,
  last: AcceptedVersion | null,
  crypto: PublicationCrypto,
): PublicationVerdict<RosterBody | PolicyPublicationBody> {
  if (signed === undefined || signed.signature === '') {
    return { ok: false, problem: 'unsigned', version: null };
  }
  const signature = decodeBase64(signed.signature);
  if (signature === undefined || !crypto.verify(signature, publicationMessage(kind, signed.body), orgKey)) {
    return { ok: false, problem: 'forged', version: null };
  }
  let json: unknown;
  try {
    json = JSON.parse(signed.body);
  } catch {
    return { ok: false, problem: 'malformed', version: null };
  }
  const parsed = kind === 'roster' ? RosterBody.safeParse(json) : PolicyPublicationBody.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problem: 'malformed', version: null };
  }
  const version = parsed.data.version;
  const sha256 = crypto.sha256Hex(new TextEncoder().encode(signed.body));
  if (last !== null && version < last.version) {
    return { ok: false, problem: 'rolled-back', version };
  }
  if (last !== null && version === last.version && sha256 !== last.sha256) {
    return { ok: false, problem: 'conflicting', version };
  }
  return { ok: true, body: parsed.data, accepted: { version, sha256 } };
}

/** What the member is told, and what the audit entry's `reason` says. */
export function describeProblem(kind: PublicationKind, problem: PublicationProblem, version: number | null, last: AcceptedVersion | null): string {
  const what = kind === 'roster' ? "The team server's list of members and roles" : "The team server's policy publication";
  switch (problem) {
    case 'unsigned':
      return `${what} is not signed by your organisation's admin key, so it was not used.`;
    case 'forged':
      return `${what} does not carry a valid signature of the organisation key you enrolled with, so it was not used. It may have been altered; tell your admin.`;
    case 'malformed':
      return `${what} is signed but is not a document this app understands, so it was not used.`;
    case 'rolled-back':
      return `${what} is version ${String(version)}, older than version ${String(last?.version)} which this vault already accepted, so it was refused (an old roster or policy must not come back). Tell your admin.`;
    case 'conflicting':
      return `${what} is version ${String(version)} with other contents than the version ${String(version)} this vault accepted, so it was refused. Tell your admin.`;
    case 'other-organisation':
      return `${what} names another organisation than the one you enrolled with, so it was refused. Tell your admin.`;
  }
}
