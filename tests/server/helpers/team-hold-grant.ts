import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../src/core/policy/canonical-json';
import type { TeamHoldGrant, TeamHoldRelease } from '../../../src/shared/team/retention-api';
import type { Member } from './team-client';

/** A team hold grant as an issuer's app writes it (fresh hold id, issued now), covering `members` from `from` to `to`. */
export function teamHoldGrant(
  issuer: { readonly id: string; readonly role: TeamHoldGrant['issuerRole']; readonly signingFpr: string },
  exemptionId: string,
  members: readonly string[],
  from: string | null = null,
  to: string | null = null,
): TeamHoldGrant {
  return {
    v: 1,
    kind: 'callvault-team-hold',
    holdId: randomUUID(),
    exemptionId,
    issuerId: issuer.id,
    issuerRole: issuer.role,
    issuerSigningFpr: issuer.signingFpr,
    scope: { members: [...members], from, to, accountDigests: [] },
    issuedAt: new Date().toISOString(),
  };
}

/** The canonical text of a grant by an enrolled test member (its id, role and signing-key fingerprint). */
export function teamHoldGrantText(issuer: Member, exemptionId: string, members: readonly string[], from: string | null = null, to: string | null = null): string {
  return canonicalJson(teamHoldGrant({ id: issuer.id, role: issuer.role, signingFpr: issuer.view!.signingKeyFingerprint }, exemptionId, members, from, to));
}

/** The canonical text of a release of `holdId` by an enrolled test member, released now. */
export function teamHoldReleaseText(issuer: Member, holdId: string, exemptionId: string): string {
  return canonicalJson({
    v: 1,
    kind: 'callvault-team-hold-release',
    holdId,
    exemptionId,
    issuerId: issuer.id,
    issuerRole: issuer.role,
    issuerSigningFpr: issuer.view!.signingKeyFingerprint,
    releasedAt: new Date().toISOString(),
  } satisfies TeamHoldRelease);
}
