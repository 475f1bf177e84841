import type { TeamCrypto } from '../../core/ports/team-crypto';
import { createTeamCrypto } from '../../platform/crypto/team-crypto';
import type { FetchLike } from '../../platform/team/team-client';
import { retryQueuedRevocations } from '../deletion/revocation-retry';
import { InboxReceiver } from '../team/inbox-receiver';
import { outboxView, ShareSender } from '../team/share-sender';
import { TeamConnection } from '../team/team-connection';
import { CallApprovals } from '../team/call-approvals';
import type { CallService } from '../calls/call-service';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

type TeamMethod =
  | 'team.status'
  | 'team.enrol'
  | 'team.members'
  | 'team.confirmKey'
  | 'team.performanceRequests'
  | 'share.preview'
  | 'share.create'
  | 'share.outbox'
  | 'share.flush'
  | 'share.revoke'
  | 'inbox.list'
  | 'inbox.open'
  | 'inbox.usageRules'
  | 'inbox.acknowledgeUsage'
  | 'inbox.requestPerformanceUse'
  | 'inbox.decidePerformanceRequest'
  | 'team.policy'
  | 'team.acknowledgePolicy'
  | 'share.performanceRequests'
  | 'approval.request'
  | 'approval.list'
  | 'approval.decide';

/**
 * Team sharing through the contract. Every method needs the unlocked vault (the keys, the outbox
 * and received clips live in it); the team client talks only to the server the vault enrolled with.
 */
/** `calls`: the call service takes its approvals from this team link (approval-gated call types). */
export function teamHandlers(session: VaultSession, fetchImpl?: FetchLike, calls?: CallService): Handlers<TeamMethod> {
  let loaded: Promise<TeamCrypto> | undefined;
  const crypto = () => (loaded ??= createTeamCrypto());
  const connection = new TeamConnection(crypto, fetchImpl);
  const sender = new ShareSender(connection, crypto);
  const inbox = new InboxReceiver(connection, crypto);
  const approvals = new CallApprovals(connection, crypto);
  calls?.useApprovals(approvals);
  return {
    'team.status': () => connection.status(session.requireVault()),
    'team.enrol': ({ serverUrl, code }) => connection.enrol(session.requireVault(), serverUrl, code),
    'team.members': ({ purpose, performanceRequestId }) => sender.members(session.requireVault(), purpose, performanceRequestId),
    'share.performanceRequests': ({ recordingId }) => sender.approvedRequests(session.requireVault(), recordingId),
    'team.confirmKey': ({ memberId, signingKeyFingerprint, boxKeyFingerprint }) => sender.confirmKey(session.requireVault(), memberId, signingKeyFingerprint, boxKeyFingerprint),
    'team.performanceRequests': () => inbox.requests(session.requireVault()),
    'share.preview': ({ recordingId, fromMs, toMs }) => sender.preview(session.requireVault(), recordingId, fromMs, toMs),
    'share.create': ({ recordingId, fromMs, toMs, recipients, purpose, expiresInDays, performanceRequestId }) =>
      sender.create(session.requireVault(), { recordingId, fromMs, toMs, recipients, purpose, expiresInDays, performanceRequestId }),
    'share.outbox': () => session.requireVault().team.outbox().map(outboxView),
    // Each sync also retries the clip revocations deletion requests queued while offline.
    'share.flush': async () => {
      const vault = session.requireVault();
      await retryQueuedRevocations(vault, { crypto: session.crypto, teamCrypto: crypto, sender });
      return sender.flush(vault);
    },
    'share.revoke': ({ shareId }) => sender.revoke(session.requireVault(), shareId),
    'inbox.list': () => inbox.list(session.requireVault()),
    'inbox.open': ({ shareId }) => inbox.open(session.requireVault(), shareId),
    'inbox.usageRules': () => inbox.usageRules(session.requireVault()),
    'inbox.acknowledgeUsage': ({ hash }) => inbox.acknowledgeUsage(session.requireVault(), hash),
    'inbox.requestPerformanceUse': ({ shareId, use }) => inbox.requestPerformanceUse(session.requireVault(), shareId, use),
    'inbox.decidePerformanceRequest': ({ requestId, decision }) => inbox.decidePerformanceRequest(session.requireVault(), requestId, decision),
    'team.policy': () => connection.policyView(session.requireVault()),
    'team.acknowledgePolicy': async ({ version }) => {
      const vault = session.requireVault();
      await connection.directory(vault);
      connection.acknowledgePolicy(vault, version);
      return connection.policyView(vault);
    },
    'approval.request': (input) => approvals.request(session.requireVault(), input),
    'approval.list': () => approvals.list(session.requireVault()),
    'approval.decide': ({ requestId, decision }) => approvals.decide(session.requireVault(), requestId, decision),
  };
}
