import type { z } from 'zod';
import { TeamHoldGrant, TeamHoldRelease, type TeamHoldScope } from '../../shared/team/retention-api';
import { canonicalJson } from '../policy/canonical-json';
import type { Policy, Role } from '../policy/policy-schema';
import { checkGrantAuthority } from './hold';

/**
 * Holds issued on the team server (#15 section 3). The issuer's app signs a grant (which
 * exemption, which calls: members, a date range, accounts by digest) with the issuer's Ed25519
 * team key; the server checks the signature and the issuer's role and stores it; each member's
 * app checks it again before it obeys: the text is the grant's canonical JSON, the signature
 * verifies with the issuer's key as this vault pinned it, the issuer holds the role claimed, and
 * the policy lets that role grant the exemption. Anything else is a refusal with the reason.
 */

export const TEAM_HOLD_DOMAIN = 'callvault-team-hold-v1\n';
export const TEAM_HOLD_RELEASE_DOMAIN = 'callvault-team-hold-release-v1\n';

export function teamHoldSigningText(text: string): string {
  return TEAM_HOLD_DOMAIN + text;
}

export function teamHoldReleaseSigningText(text: string): string {
  return TEAM_HOLD_RELEASE_DOMAIN + text;
}

/** An account as digested: case, width and spacing folded, so "ACME  Corp" and "acme corp" are one. */
export function normaliseAccount(account: string): string {
  return account.normalize('NFKC').toLowerCase().trim().replace(/\s+/gu, ' ');
}

/** The text whose SHA-256 names an account in a hold's scope (keyed by the hold id, so digests differ per hold). */
export function accountDigestInput(holdId: string, account: string): string {
  return `callvault-hold-account-v1\n${holdId}\n${normaliseAccount(account)}`;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Parses a signed text: JSON, in the schema, and exactly its canonical form (so one grant has one signed text). */
function parseCanonical<S extends z.ZodType>(schema: S, text: string, what: string): Parsed<z.output<S>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: `the ${what} is not JSON` };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, reason: `the ${what} is not in the form CallVault reads` };
  }
  if (canonicalJson(parsed.data) !== text) {
    return { ok: false, reason: `the ${what} is not in canonical form` };
  }
  return { ok: true, value: parsed.data };
}

export function parseTeamHoldGrant(text: string): Parsed<TeamHoldGrant> {
  return parseCanonical(TeamHoldGrant, text, 'hold');
}

export function parseTeamHoldRelease(text: string): Parsed<TeamHoldRelease> {
  return parseCanonical(TeamHoldRelease, text, 'hold release');
}

/** The issuer as this vault knows it: from the server's directory, its key as pinned here. */
export interface KnownIssuer {
  readonly memberId: string;
  readonly role: Role;
  readonly signingKey: Uint8Array;
  /** The fingerprint of `signingKey`. */
  readonly signingFpr: string;
  /** The fingerprint this vault pinned for the member (first seen, or confirmed); undefined if none. */
  readonly pinnedFpr: string | undefined;
}

export type Verify = (signature: Uint8Array, message: string, publicKey: Uint8Array) => boolean;

interface SignedBy {
  readonly issuerId: string;
  readonly issuerRole: Role;
  readonly issuerSigningFpr: string;
  readonly exemptionId: string;
}

/**
 * Whether a signed grant or release comes from whom it says, with the authority it needs. The
 * issuer must be an active member (in the directory), with the key this vault pinned, the role it
 * claims, and a role the policy's exemption lets grant (or release) the hold.
 */
export function checkSignedBy(
  verify: Verify,
  body: SignedBy,
  signingText: string,
  signature: Uint8Array,
  issuer: KnownIssuer | undefined,
  policy: Policy,
  action: 'issue' | 'release',
): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  if (issuer === undefined) {
    return { ok: false, reason: `the ${action === 'issue' ? 'issuer' : 'releaser'} is not an active member of the team` };
  }
  if (issuer.pinnedFpr !== undefined && issuer.pinnedFpr !== issuer.signingFpr) {
    return { ok: false, reason: "the issuer's signing key changed since this vault first saw it: confirm the new key in Team before the hold can be checked" };
  }
  if (body.issuerSigningFpr !== issuer.signingFpr) {
    return { ok: false, reason: "the hold names another signing key than the issuer's" };
  }
  if (!verify(signature, signingText, issuer.signingKey)) {
    return { ok: false, reason: "the signature does not verify with the issuer's key: it was not signed by its issuer, or was altered after signing" };
  }
  if (issuer.role !== body.issuerRole) {
    return { ok: false, reason: `the issuer claims the role "${body.issuerRole}" but the team lists "${issuer.role}"` };
  }
  const authority = checkGrantAuthority(body.exemptionId, body.issuerRole, policy, action);
  return authority.ok ? { ok: true } : { ok: false, reason: authority.reason };
}

/** The facts of one call a team hold's scope is matched against. */
export interface ScopedCall {
  /** UTC day the call was recorded. */
  readonly recordedOn: string;
  /** SHA-256 (hex) of accountDigestInput(holdId, account), or undefined for a call without an account. */
  readonly accountDigest: string | undefined;
}

/** Whether a hold whose scope names this member covers the call. */
export function scopeCovers(scope: TeamHoldScope, call: ScopedCall): boolean {
  if (scope.from !== null && call.recordedOn < scope.from) {
    return false;
  }
  if (scope.to !== null && call.recordedOn > scope.to) {
    return false;
  }
  if (scope.accountDigests.length > 0) {
    return call.accountDigest !== undefined && scope.accountDigests.includes(call.accountDigest);
  }
  return true;
}
