import { loadPolicyText, policyUnavailable, type PolicyLoad } from '../policy/policy-load';
import type { PolicyPublicationBody, SignedPublication } from '../../shared/team/api';
import { verifyPublication, type AcceptedVersion, type PublicationCrypto } from './publications';

/**
 * The organisation's policy as a team vault keeps it between syncs: the text and the admin-signed
 * publication naming its hash. It is checked again at every use (not only when it arrived), so a
 * copy altered in the vault, swapped for an older signed one, or left behind by an interrupted
 * sync is never used: the answer is then "no policy", which blocks recording.
 */
export interface HeldPolicy {
  readonly text: string;
  readonly publication: SignedPublication;
}

export type HeldPolicyVerdict =
  | { readonly ok: true; readonly load: Extract<PolicyLoad, { ok: true }>; readonly publication: PolicyPublicationBody }
  | { readonly ok: false; readonly load: Extract<PolicyLoad, { ok: false }>; readonly reason: HeldPolicyProblem };

export type HeldPolicyProblem = 'none-yet' | 'signature' | 'not-accepted-version' | 'text-mismatch' | 'invalid-text';

/** How the organisation policy is named in messages and records ("organisation policy v3"). */
export function organisationSource(version: number): string {
  return `organisation policy v${String(version)}`;
}

function refused(reason: HeldPolicyProblem, message: string): HeldPolicyVerdict {
  const load = policyUnavailable('unverified', 'organisation policy', message) as Extract<PolicyLoad, { ok: false }>;
  return { ok: false, load, reason };
}

const SYNC = 'Connect to your team server (Settings > Team) so the app can fetch and verify it again. Recording is blocked until then.';

/**
 * Verifies a held organisation policy: its publication must carry a valid signature of the pinned
 * organisation key, be exactly the version (and bytes) this vault last accepted (`accepted`; an
 * older signed publication put back is refused), and name the hash and material fingerprint of
 * the held text, which must be a valid policy.
 */
export function verifyHeldPolicy(held: HeldPolicy | undefined, orgKey: Uint8Array, accepted: AcceptedVersion | null, crypto: PublicationCrypto): HeldPolicyVerdict {
  if (held === undefined || accepted === null) {
    return refused('none-yet', `This vault is enrolled with a team, and no signed policy from your organisation has been received yet. ${SYNC}`);
  }
  const verdict = verifyPublication('policy', held.publication, orgKey, null, crypto);
  if (!verdict.ok) {
    return refused('signature', `The organisation policy kept in this vault does not carry a valid signature of your organisation's key, so it is not used. ${SYNC}`);
  }
  if (verdict.accepted.version !== accepted.version || verdict.accepted.sha256 !== accepted.sha256) {
    return refused(
      'not-accepted-version',
      `The organisation policy kept in this vault is version ${String(verdict.accepted.version)}, not version ${String(accepted.version)} which this vault accepted, so it is not used. ${SYNC}`,
    );
  }
  const source = organisationSource(verdict.body.version);
  const load = loadPolicyText(held.text, source);
  if (!load.ok) {
    return refused('invalid-text', `The organisation policy kept in this vault is not a valid policy, so it is not used. ${SYNC}`);
  }
  if (load.loaded.hash !== verdict.body.policyHash || load.loaded.materialFingerprint !== verdict.body.materialFingerprint) {
    return refused('text-mismatch', `The organisation policy text kept in this vault is not the text your admin signed, so it is not used. ${SYNC}`);
  }
  return { ok: true, load, publication: verdict.body };
}
