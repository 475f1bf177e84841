import { followKeyChain, type ChainCrypto, type ChainProblem } from '../../core/team/org-key-chain';
import { verifyPublication, type AcceptedVersion, type PublicationKind, type PublicationProblem, type PublicationVerdict } from '../../core/team/publications';
import type { PolicyPublicationBody, RosterBody, SignedPublication } from '../../shared/team/api';
import type { OrgKeyChainReply } from '../../shared/team/org-key';

/**
 * Verifies a sync's roster and policy publication under the pinned organisation key and, when
 * either carries a signature that key does not verify, under the key the organisation's
 * key-change statements lead to from the pinned one (src/core/team/org-key-chain.ts). The new
 * key is taken only when both publications verify under it: a chain that does not reach the
 * key that signed them changes nothing, and the publication stays forged.
 */

/** The pin as kept in the vault (`team.org`). */
export interface OrgPin {
  readonly orgKey: string;
  readonly orgKeySequence: number;
  readonly organisation: string | null;
  readonly roster: AcceptedVersion | null;
  readonly policy: AcceptedVersion | null;
}

type Ok<T> = Extract<PublicationVerdict<T>, { ok: true }>;

export type VerifiedPublications =
  | {
      readonly ok: true;
      readonly roster: Ok<RosterBody>;
      readonly policy: Ok<PolicyPublicationBody>;
      /** The pin after this sync (a followed rotation, the organisation learnt from the roster). */
      readonly orgKey: string;
      readonly orgKeySequence: number;
      readonly organisation: string | null;
      readonly rotation: { readonly from: number; readonly to: number; readonly steps: number } | null;
    }
  | {
      readonly ok: false;
      readonly kind: PublicationKind;
      readonly problem: PublicationProblem;
      readonly version: number | null;
      /** Why the key-change statements did not help, when they were consulted. */
      readonly chain: ChainProblem | 'unavailable' | 'not-signed-by-chain' | null;
    };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function firstProblem(roster: PublicationVerdict<RosterBody>, policy: PublicationVerdict<PolicyPublicationBody>, organisation: string | null): { kind: PublicationKind; problem: PublicationProblem; version: number | null } | undefined {
  if (!roster.ok) {
    return { kind: 'roster', problem: roster.problem, version: roster.version };
  }
  if (organisation !== null && roster.body.organisation !== undefined && roster.body.organisation !== organisation) {
    return { kind: 'roster', problem: 'other-organisation', version: roster.body.version };
  }
  if (!policy.ok) {
    return { kind: 'policy', problem: policy.problem, version: policy.version };
  }
  return undefined;
}

export async function verifyPublicationsFollowingKey(
  pin: OrgPin,
  roster: SignedPublication,
  policy: SignedPublication,
  crypto: ChainCrypto,
  /** Fetches the chain; undefined when the server has none to give (an older server). */
  fetchChain: () => Promise<OrgKeyChainReply | undefined>,
): Promise<VerifiedPublications> {
  const pinned = Buffer.from(pin.orgKey, 'base64');
  const rosterVerdict = verifyPublication('roster', roster, pinned, pin.roster, crypto);
  const policyVerdict = verifyPublication('policy', policy, pinned, pin.policy, crypto);
  const problem = firstProblem(rosterVerdict, policyVerdict, pin.organisation);
  if (problem === undefined && rosterVerdict.ok && policyVerdict.ok) {
    const organisation = pin.organisation ?? rosterVerdict.body.organisation ?? null;
    return { ok: true, roster: rosterVerdict, policy: policyVerdict, orgKey: pin.orgKey, orgKeySequence: pin.orgKeySequence, organisation, rotation: null };
  }
  const forged = (!rosterVerdict.ok && rosterVerdict.problem === 'forged') || (!policyVerdict.ok && policyVerdict.problem === 'forged');
  if (problem === undefined || !forged) {
    return { ok: false, ...(problem ?? { kind: 'roster', problem: 'forged', version: null }), chain: null };
  }
  const chain = await fetchChain();
  if (chain === undefined) {
    return { ok: false, ...problem, chain: 'unavailable' };
  }
  const followed = followKeyChain(chain, { key: pinned, sequence: pin.orgKeySequence, organisation: pin.organisation }, crypto);
  if (!followed.ok) {
    return { ok: false, ...problem, chain: followed.problem };
  }
  const rosterNext = verifyPublication('roster', roster, followed.key, pin.roster, crypto);
  const policyNext = verifyPublication('policy', policy, followed.key, pin.policy, crypto);
  const next = firstProblem(rosterNext, policyNext, followed.organisation);
  if (next !== undefined || !rosterNext.ok || !policyNext.ok) {
    const chainProblem = next?.problem === 'forged' ? 'not-signed-by-chain' : null;
    return { ok: false, ...(next ?? problem), chain: chainProblem };
  }
  return {
    ok: true,
    roster: rosterNext,
    policy: policyNext,
    orgKey: b64(followed.key),
    orgKeySequence: followed.sequence,
    organisation: followed.organisation,
    rotation: { from: pin.orgKeySequence, to: followed.sequence, steps: followed.steps },
  };
}
