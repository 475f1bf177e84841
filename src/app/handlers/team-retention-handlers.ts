import { CustomerIdentifiersSchema } from '../../core/deletion/customer-match';
import type { TeamCrypto } from '../../core/ports/team-crypto';
import { createTeamCrypto } from '../../platform/crypto/team-crypto';
import type { FetchLike } from '../../platform/team/team-client';
import type { TeamHoldItem } from '../../shared/team/retention-api';
import { AppFailure } from '../app-failure';
import { noEvents, type AppEventSink } from '../app-events';
import type { PolicySource } from '../calls/policy-source';
import type { DeletionDeps } from '../deletion/deletion-service';
import { OrgDeletions } from '../deletion/org-deletion';
import type { RetentionScheduler } from '../retention/retention-scheduler';
import { TeamExemptions } from '../retention/exemption-requests';
import { requestExemption } from '../retention/retention-service';
import { applyTeamHolds, TeamHolds, teamHoldViews } from '../retention/team-holds';
import { ShareSender } from '../team/share-sender';
import { TeamConnection } from '../team/team-connection';
import { TeamSyncScheduler, type TeamSyncOptions } from '../team/team-sync-scheduler';
import type { VaultSession } from '../vault/vault-session';
import { actingRoles } from '../vault/acting-roles';
import { checkGrantAuthority } from '../../core/retention/hold';
import type { Handlers } from './handler-types';

type Method =
  | 'team.sync'
  | 'holds.team'
  | 'holds.issueTeam'
  | 'holds.releaseTeam'
  | 'deletion.fileOrgRequest'
  | 'deletion.orgRequests'
  | 'team.syncStatus'
  | 'holds.teamAccess'
  | 'holds.issued'
  | 'retention.requestExemption'
  | 'exemptions.pending'
  | 'exemptions.decide';

const issued = (item: TeamHoldItem) => ({ holdId: item.holdId, exemptionId: item.exemptionId, createdAt: item.createdAt, releasedAt: item.releasedAt });

/** Retention across the team: team holds (issue, release, obey at sync) and organisation-wide deletion requests. */
/**
 * `autoSync`: run team.sync by itself while unlocked (app hosts; not a one-shot command line),
 * with these timers and periods.
 */
export function teamRetentionHandlers(
  session: VaultSession,
  policies: PolicySource,
  retention: RetentionScheduler,
  fetchImpl?: FetchLike,
  autoSync?: TeamSyncOptions | false,
  events: AppEventSink = noEvents,
): Handlers<Method> {
  let loaded: Promise<TeamCrypto> | undefined;
  const teamCrypto = () => (loaded ??= createTeamCrypto());
  const connection = new TeamConnection(teamCrypto, fetchImpl);
  const holds = new TeamHolds(connection, teamCrypto);
  const org = new OrgDeletions(connection, teamCrypto);
  const exemptions = new TeamExemptions(connection, holds);
  const deps = (): DeletionDeps => ({
    crypto: session.crypto,
    teamCrypto,
    sender: new ShareSender(connection, teamCrypto),
    policy: async () => {
      const load = await policies.load();
      if (!load.ok) {
        throw new AppFailure('POLICY_UNAVAILABLE', 'The policy cannot be read, so a deletion cannot be certified. Nothing was destroyed.');
      }
      return { version: load.loaded.policy.policy.version, hash: load.loaded.hash };
    },
  });
  // One sync at a time: two at once could both find a deletion request unanswered and run it twice.
  let syncing: Promise<unknown> = Promise.resolve();
  const sync = async () => {
    const vault = session.requireVault();
    const policy = await retention.policy();
    // Decisions first, so a grant's hold is verified and obeyed by the holds sync just after.
    const exemptionRequests = await exemptions.sync(vault);
    const held = await holds.sync(vault, policy);
    const deletionRequests = await org.answerPending(vault, deps());
    // The library and what expires soon change when a request destroyed calls or a hold came or went.
    if (deletionRequests.answered.some((a) => a.destroyed > 0)) {
      events.emit('library.changed', { change: 'destroyed', recordingIds: [] });
    } else if (held.recordingsHeld > 0 || held.recordingsReleased > 0) {
      events.emit('library.changed', { change: 'updated', recordingIds: [] });
    }
    return { holds: held, deletionRequests, exemptionRequests };
  };
  const runSync = () => {
    const next = syncing.catch(() => undefined).then(sync);
    syncing = next;
    return next;
  };
  const scheduler = new TeamSyncScheduler(runSync, session.clock, autoSync === false ? {} : autoSync);
  if (autoSync !== undefined && autoSync !== false) {
    session.onUnlocked((vault) => {
      scheduler.attach(vault);
    });
    session.onBeforeLock(() => {
      scheduler.detach();
    });
  }
  return {
    'team.sync': runSync,
    'team.syncStatus': () => ({ ...scheduler.status() }),
    'holds.teamAccess': async () => {
      const vault = session.requireVault();
      await connection.linked(vault);
      const policy = await retention.policy();
      const role = actingRoles(vault).roles[0] ?? 'rep';
      return {
        role,
        exemptions: policy.retention.exemptions.map((e) => ({ id: e.id, description: e.description, grantedBy: [...e.grantedBy], mayIssue: checkGrantAuthority(e.id, role, policy).ok })),
        mayFileOrgRequest: role === 'admin',
      };
    },
    'holds.issued': async () => (await holds.issued(session.requireVault())).map(issued),
    'holds.team': () => {
      const vault = session.requireVault();
      applyTeamHolds(vault);
      return teamHoldViews(vault);
    },
    'holds.issueTeam': async ({ exemptionId, members, from, to, accounts }) =>
      issued(await holds.issue(session.requireVault(), await retention.policy(), { exemptionId, members, from, to, accounts })),
    'holds.releaseTeam': async ({ holdId }) => issued(await holds.release(session.requireVault(), holdId)),
    'deletion.fileOrgRequest': async ({ identifiers, members }) => {
      const parsed = CustomerIdentifiersSchema.safeParse(identifiers);
      if (!parsed.success) {
        throw new AppFailure('BAD_REQUEST', `The customer's identifiers are not usable: ${parsed.error.issues.map((i) => i.message).join('; ')}.`);
      }
      return org.file(session.requireVault(), session.crypto, parsed.data, members);
    },
    'deletion.orgRequests': () => org.statuses(session.requireVault(), session.crypto),
    // Stored in the vault (audited) and, when enrolled, sent to the team server at once or at the next sync.
    'retention.requestExemption': async ({ recordingId, exemptionId }) => {
      const vault = session.requireVault();
      const stored = requestExemption(vault, await retention.policy(), recordingId, exemptionId);
      await exemptions.send(vault, stored.id);
      return stored;
    },
    'exemptions.pending': async () => exemptions.pending(session.requireVault(), await retention.policy()),
    'exemptions.decide': async ({ requestId, decision, reason }) => {
      const decided = await exemptions.decide(session.requireVault(), await retention.policy(), requestId, decision, reason);
      return { requestId: decided.requestId, state: decided.state, holdId: decided.holdId, reason: decided.reason };
    },
  };
}
