import { z } from 'zod';
import { utcDay } from '../../core/policy/calendar';
import type { Policy } from '../../core/policy/policy-schema';
import { checkGrantAuthority } from '../../core/retention/hold';
import type { Setting } from '../../core/settings/settings-store';
import type { ExemptionRequestView } from '../../shared/team/retention-api';
import { AppFailure } from '../app-failure';
import type { TeamConnection } from '../team/team-connection';
import type { OpenVault } from '../vault/open-vault';
import { actingRoles } from '../vault/acting-roles';
import type { TeamHolds } from './team-holds';

/**
 * A rep's exemption requests on the team server (#15 section 3). `retention.requestExemption`
 * stores the request in the vault (retention-service.ts) and, when the vault is enrolled, sends
 * it: its id, the recording's id, the UTC day it was recorded and the exemption, nothing else (no
 * title, account or customer). One that could not be sent (offline) goes at the next team.sync,
 * which also reads the decisions back: the state, the granter's reason for a decline, the hold id
 * for a grant. What keeps the call is the signed team hold itself, which TeamHolds.sync verifies
 * and obeys like any other; a "granted" here without that hold keeps nothing.
 *
 * The granter (a role in the exemption's grantedBy) lists the pending requests and grants one by
 * issuing a signed team hold through TeamHolds.issue, scoped to that rep and that day (so the rep's
 * other calls of the day are held too: a scope has no recording id), then recording the hold's
 * id as the decision; or declines it with a reason.
 */

const TeamRequestRecord = z.object({
  requestId: z.string(),
  recordingId: z.string(),
  exemptionId: z.string(),
  /** Whether the team server has it. */
  sent: z.boolean(),
  state: z.enum(['pending', 'granted', 'declined']),
  reason: z.string().nullable(),
  holdId: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type TeamRequestRecord = z.infer<typeof TeamRequestRecord>;

/** This vault's exemption requests as the team server knows them (kept in the encrypted vault settings). */
export const TEAM_EXEMPTION_REQUESTS: Setting<TeamRequestRecord[]> = { key: 'retention.teamExemptionRequests', schema: z.array(TeamRequestRecord) };

export function teamRequestRecords(vault: OpenVault): TeamRequestRecord[] {
  return vault.settings.read(TEAM_EXEMPTION_REQUESTS) ?? [];
}

function write(vault: OpenVault, records: readonly TeamRequestRecord[]): void {
  vault.settings.write(TEAM_EXEMPTION_REQUESTS, [...records]);
}

/** A request as the granter's screen shows it: ids, the day and the exemption. */
export interface PendingExemptionView {
  readonly requestId: string;
  readonly memberId: string;
  readonly recordingId: string;
  readonly recordedOn: string;
  readonly exemptionId: string;
  readonly createdAt: string;
}

export class TeamExemptions {
  constructor(
    private readonly connection: TeamConnection,
    private readonly holds: TeamHolds,
  ) {}

  /**
   * Sends one stored request to the team server when the vault is enrolled. Returns whether it
   * went; a failure (offline, server refused) leaves it for the next team.sync and is not thrown.
   */
  async send(vault: OpenVault, requestId: string): Promise<boolean> {
    if (vault.team.identity() === undefined) {
      return false;
    }
    const request = vault.retention.exemptionRequests().find((r) => r.id === requestId);
    const row = request === undefined ? undefined : vault.retention.row(request.recordingId);
    if (request === undefined || row === undefined) {
      return false;
    }
    const records = teamRequestRecords(vault);
    const known = records.find((r) => r.requestId === requestId);
    if (known?.sent === true) {
      return true;
    }
    const base: TeamRequestRecord = known ?? { requestId, recordingId: request.recordingId, exemptionId: request.exemptionId, sent: false, state: 'pending', reason: null, holdId: null, decidedAt: null };
    let sent = false;
    try {
      await this.connection.withSession(vault, (token, l) =>
        l.client.fileExemptionRequest(token, { requestId, recordingId: request.recordingId, recordedOn: utcDay(new Date(row.startedAt)), exemptionId: request.exemptionId }),
      );
      sent = true;
      vault.audit.record('retention.exemption_request_sent', { requestId, recordingId: request.recordingId, exemption: request.exemptionId });
    } catch {
      // Offline or refused: kept unsent, tried again at the next team.sync.
    }
    write(vault, [...records.filter((r) => r.requestId !== requestId), { ...base, sent }]);
    return sent;
  }

  /** Sends what is unsent and reads the decisions on this member's requests. */
  async sync(vault: OpenVault): Promise<{ readonly sent: number; readonly decided: number }> {
    let sent = 0;
    const known = new Map(teamRequestRecords(vault).map((r) => [r.requestId, r]));
    for (const request of vault.retention.exemptionRequests()) {
      if (request.state === 'open' && known.get(request.id)?.sent !== true && (await this.send(vault, request.id))) {
        sent += 1;
      }
    }
    const link = await this.connection.linked(vault);
    const { requests } = await this.connection.withSession(vault, (token, l) => l.client.exemptionRequests(token));
    const records = new Map(teamRequestRecords(vault).map((r) => [r.requestId, r]));
    const local = new Map(vault.retention.exemptionRequests().map((r) => [r.id, r]));
    let decided = 0;
    for (const item of requests) {
      const record = records.get(item.requestId);
      const mine = local.get(item.requestId);
      if (item.memberId !== link.identity.memberId || record === undefined || mine === undefined || item.state === 'pending' || record.state !== 'pending') {
        continue;
      }
      records.set(item.requestId, { ...record, sent: true, state: item.state, reason: item.reason, holdId: item.holdId, decidedAt: item.decidedAt });
      vault.transaction(() => {
        vault.retention.setExemptionRequestState(item.requestId, item.state === 'granted' ? 'granted' : 'declined');
        vault.audit.record('retention.exemption_decided', { requestId: item.requestId, recordingId: mine.recordingId, decision: item.state, by: item.decidedBy ?? '', ...(item.holdId === null ? {} : { holdId: item.holdId }) });
      });
      decided += 1;
    }
    write(vault, [...records.values()]);
    return { sent, decided };
  }

  /** The requests this member may decide: pending, for exemptions its role may grant, not its own. */
  async pending(vault: OpenVault, policy: Policy): Promise<PendingExemptionView[]> {
    const link = await this.connection.linked(vault);
    const role = actingRoles(vault).roles[0] ?? link.identity.role;
    const { requests } = await this.connection.withSession(vault, (token, l) => l.client.exemptionRequests(token));
    return requests
      .filter((r) => r.state === 'pending' && r.memberId !== link.identity.memberId && checkGrantAuthority(r.exemptionId, role, policy).ok)
      .map((r) => ({ requestId: r.requestId, memberId: r.memberId, recordingId: r.recordingId, recordedOn: r.recordedOn, exemptionId: r.exemptionId, createdAt: r.createdAt }));
  }

  /** Grants (a signed team hold for that rep and day, then the decision) or declines (with a reason) a request. */
  async decide(vault: OpenVault, policy: Policy, requestId: string, decision: 'grant' | 'decline', reason: string | undefined): Promise<ExemptionRequestView> {
    const { requests } = await this.connection.withSession(vault, (token, l) => l.client.exemptionRequests(token));
    const request = requests.find((r) => r.requestId === requestId);
    if (request === undefined || request.state !== 'pending') {
      throw new AppFailure('NOT_FOUND', 'The team server lists no pending exemption request with this id for you. Refresh the list.');
    }
    if (decision === 'decline') {
      const why = reason?.trim() ?? '';
      if (why === '') {
        throw new AppFailure('BAD_REQUEST', 'Say why you decline the request: the rep sees the reason.');
      }
      const decided = await this.connection.withSession(vault, (token, l) => l.client.decideExemptionRequest(token, requestId, { decision: 'decline', reason: why }));
      vault.audit.record('retention.exemption_declined', { requestId, exemption: request.exemptionId });
      return decided;
    }
    // TeamHolds.issue checks this member's role against the policy and the signed roster first.
    const hold = await this.holds.issue(vault, policy, { exemptionId: request.exemptionId, members: [request.memberId], from: request.recordedOn, to: request.recordedOn });
    const decided = await this.connection.withSession(vault, (token, l) => l.client.decideExemptionRequest(token, requestId, { decision: 'grant', holdId: hold.holdId }));
    vault.audit.record('retention.exemption_granted', { requestId, exemption: request.exemptionId, holdId: hold.holdId });
    return decided;
  }
}
