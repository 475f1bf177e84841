import type { PolicySource } from '../calls/policy-source';
import type { RetentionScheduler } from '../retention/retention-scheduler';
import { acceptSignedHold, holdView, issueLocalHold, releaseLocalHold, setDealOutcome, upcomingExpiries } from '../retention/retention-service';
import { rolesOf } from '../vault/profile-roles';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

/** Retention: the sweep on demand, what expires soon, deal outcomes, holds and exemption requests. */
export function retentionHandlers(
  session: VaultSession,
  _policies: PolicySource,
  retention: RetentionScheduler,
): Handlers<'retention.run' | 'retention.upcoming' | 'retention.setDealOutcome' | 'holds.list' | 'holds.issue' | 'holds.acceptSigned' | 'holds.release'> {
  return {
    'retention.run': async ({ dryRun }) => {
      const report = await retention.run(session.requireVault(), { dryRun: dryRun === true });
      return { ...report, destroyed: [...report.destroyed], recordingsRemoved: [...report.recordingsRemoved], holdsLapsed: [...report.holdsLapsed], callsErased: [...report.callsErased] };
    },
    'retention.upcoming': async ({ days }) => upcomingExpiries(session.requireVault(), await retention.policy(), days ?? 14),
    'retention.setDealOutcome': ({ recordingId, outcome, decidedOn }) => {
      setDealOutcome(session.requireVault(), recordingId, outcome, decidedOn);
      return { recordingId, outcome, decidedOn };
    },
    // retention.requestExemption is in team-retention-handlers.ts: it also goes to the team server.
    'holds.list': ({ recordingId }) => session.requireVault().retention.holdsOf(recordingId).map(holdView),
    'holds.issue': async ({ recordingId, exemptionId }) => {
      const vault = session.requireVault();
      return holdView(issueLocalHold(vault, await retention.policy(), rolesOf(vault), recordingId, exemptionId));
    },
    'holds.acceptSigned': async ({ signed }) => holdView(acceptSignedHold(session.requireVault(), session.crypto, await retention.policy(), signed)),
    'holds.release': async ({ holdId }) => {
      const vault = session.requireVault();
      const hold = releaseLocalHold(vault, await retention.policy(), rolesOf(vault), holdId);
      return vault.retention.holdsOf(hold.recordingId).map(holdView);
    },
  };
}
