import { CustomerIdentifiersSchema } from '../../core/deletion/customer-match';
import { verifyCertificate } from '../../core/deletion/deletion-certificate';
import type { TeamCrypto } from '../../core/ports/team-crypto';
import { createTeamCrypto } from '../../platform/crypto/team-crypto';
import type { FetchLike } from '../../platform/team/team-client';
import { AppFailure } from '../app-failure';
import type { PolicySource } from '../calls/policy-source';
import { runDeletionRequest } from '../deletion/deletion-service';
import { mayRunDeletionRequest } from '../../core/retention';
import { actingRoles } from '../vault/acting-roles';
import type { OpenVault } from '../vault/open-vault';
import { ShareSender } from '../team/share-sender';
import { TeamConnection } from '../team/team-connection';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

/** Customer deletion requests: find, destroy (held calls kept), revoke shared clips, certify. */
export function deletionHandlers(session: VaultSession, policies: PolicySource, fetchImpl?: FetchLike): Handlers<'deletion.request' | 'deletion.verifyCertificate' | 'deletion.revocations' | 'deletion.access'> {
  let loaded: Promise<TeamCrypto> | undefined;
  const teamCrypto = () => (loaded ??= createTeamCrypto());
  const sender = new ShareSender(new TeamConnection(teamCrypto, fetchImpl), teamCrypto);
  const policy = async () => {
    const load = await policies.load();
    if (!load.ok) {
      // Fail closed: without the policy in force there is nothing to certify against.
      throw new AppFailure('POLICY_UNAVAILABLE', 'The policy cannot be read, so a deletion cannot be certified. Nothing was destroyed.');
    }
    return { version: load.loaded.policy.policy.version, hash: load.loaded.hash };
  };
  const access = async (vault: OpenVault) => {
    const load = await policies.load();
    if (!load.ok) {
      return { allowed: false as const, roles: [], reason: 'The policy cannot be read, so who may delete is unknown. Nothing can be deleted until it can.' };
    }
    const { roles } = actingRoles(vault);
    const verdict = mayRunDeletionRequest(roles, load.loaded.policy);
    return { ...verdict, roles: [...roles], reason: verdict.allowed ? null : verdict.reason };
  };
  return {
    'deletion.access': async () => access(session.requireVault()),
    'deletion.request': async ({ identifiers, dryRun }) => {
      const vault = session.requireVault();
      const allowed = await access(vault);
      if (!allowed.allowed) {
        vault.audit.record('deletion.request_refused', { roles: allowed.roles.join(',') });
        throw new AppFailure('POLICY_BLOCKED', allowed.reason ?? 'The policy does not let you delete calls.');
      }
      const parsed = CustomerIdentifiersSchema.safeParse(identifiers);
      if (!parsed.success) {
        throw new AppFailure('BAD_REQUEST', `The customer's identifiers are not usable: ${parsed.error.issues.map((i) => i.message).join('; ')}.`);
      }
      const outcome = await runDeletionRequest(vault, { crypto: session.crypto, teamCrypto, sender, policy }, parsed.data, { dryRun: dryRun !== false });
      return {
        requestId: outcome.requestId,
        dryRun: outcome.dryRun,
        found: outcome.found,
        destroy: outcome.plan.destroy.map((d) => ({ ...d, artifacts: [...d.artifacts] })),
        kept: outcome.plan.kept,
        revoke: [...outcome.plan.revoke],
        certificate: outcome.certificate,
        pdf: outcome.pdf,
        callsFound: outcome.callsFound,
        eraseCalls: [...outcome.plan.eraseCalls],
        keptCalls: outcome.plan.keptCalls.map((k) => ({ callId: k.callId, holds: [...k.holds] })),
      };
    },
    'deletion.revocations': () =>
      session
        .requireVault()
        .revocations.all()
        .map((r) => ({ ...r, note: r.note === null ? null : (JSON.parse(r.note) as unknown) })),
    'deletion.verifyCertificate': ({ signed, publicKey }) => {
      const verdict = verifyCertificate(session.crypto, signed, publicKey);
      return verdict.ok ? { ok: true, reason: null } : { ok: false, reason: verdict.reason };
    },
  };
}
