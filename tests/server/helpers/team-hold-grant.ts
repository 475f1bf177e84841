import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../src/core/policy/canonical-json';
import type { TeamHoldGrant } from '../../../src/shared/team/retention-api';
import type { Member } from './team-client';

/** A team hold grant as an issuer's app writes it (fresh hold id, issued now), covering `members` from `from`. */
export function teamHoldGrant(
  issuer: { readonly id: string; readonly role: TeamHoldGrant['issuerRole']; readonly signingFpr: string },
  exemptionId: string,
  members: readonly string[],
  from: string | null = null,
): TeamHoldGrant {
  return {
    v: 1,
    kind: 'callvault-team-hold',
    holdId: randomUUID(),
    exemptionId,
    issuerId: issuer.id,
    issuerRole: issuer.role,
    issuerSigningFpr: issuer.signingFpr,
    scope: { members: [...members], from, to: null, accountDigests: [] },
    issuedAt: new Date().toISOString(),
  };
}

/** The canonical text of a grant by an enrolled test member (its id, role and signing-key fingerprint). */
export function teamHoldGrantText(issuer: Member, exemptionId: string, members: readonly string[], from: string | null = null): string {
  return canonicalJson(teamHoldGrant({ id: issuer.id, role: issuer.role, signingFpr: issuer.view!.signingKeyFingerprint }, exemptionId, members, from));
}
