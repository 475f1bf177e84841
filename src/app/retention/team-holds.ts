import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../core/policy/canonical-json';
import { utcDay } from '../../core/policy/calendar';
import type { Policy } from '../../core/policy/policy-schema';
import type { TeamCrypto } from '../../core/ports/team-crypto';
import { checkGrantAuthority } from '../../core/retention/hold';
import type { StoredHold } from '../../core/retention/retention-store';
import {
  accountDigestInput,
  checkSignedBy,
  parseTeamHoldGrant,
  parseTeamHoldRelease,
  scopeCovers,
  teamHoldReleaseSigningText,
  teamHoldSigningText,
  type KnownIssuer,
} from '../../core/retention/team-hold';
import type { Setting } from '../../core/settings/settings-store';
import type { TeamHoldSyncView, TeamHoldView } from '../../shared/contract/team-retention';
import type { MemberView } from '../../shared/team/api';
import { TeamHoldScope, type TeamHoldGrant, type TeamHoldItem, type TeamHoldRelease } from '../../shared/team/retention-api';
import { ROLE_IDS } from '../../shared/team/roles';
import { AppFailure } from '../app-failure';
import type { TeamConnection } from '../team/team-connection';
import type { OpenVault } from '../vault/open-vault';
import { actingRoles } from '../vault/acting-roles';

/**
 * Holds issued on the team server, as this vault knows them (#15 section 3).
 *
 * Issuing: an entitled member (the exemption's grantedBy) signs a grant with the vault's team key
 * and the server stores it. Receiving, at each sync: every hold that names this member is checked
 * here before it is obeyed (core/retention/team-hold.ts: canonical text, the issuer's key as
 * pinned, its role in the directory, the policy's grantedBy); one that fails is refused, kept with
 * its reason (holds.team shows it), and audited. An obeyed hold is applied as one row per covered
 * recording in `retention_holds` (id "<holdId>/<recordingId>"), so the sweep, a deletion request,
 * the rep's own delete and the table's trigger all honour it. The scope is applied again at every
 * sync and before every sweep, so calls recorded later within it are held too. Only a release
 * signed by an entitled member ends it; a hold once obeyed stays obeyed whatever else changes.
 */

const SignedText = z.object({ text: z.string(), signature: z.string() });
const TeamHoldRecord = z.object({
  holdId: z.string(),
  state: z.enum(['active', 'released', 'refused']),
  exemptionId: z.string(),
  issuerId: z.string(),
  issuerRole: z.enum(ROLE_IDS).nullable(),
  scope: TeamHoldScope.nullable(),
  grant: SignedText,
  release: SignedText.nullable(),
  receivedAt: z.string(),
  releasedAt: z.string().nullable(),
  releasedBy: z.string().nullable(),
  /** Why the hold (or its release) was refused. */
  reason: z.string().nullable(),
});
type TeamHoldRecord = z.infer<typeof TeamHoldRecord>;

/** The team holds this vault received, with their state (kept in the encrypted vault settings). */
export const TEAM_HOLDS: Setting<TeamHoldRecord[]> = { key: 'retention.teamHolds', schema: z.array(TeamHoldRecord) };

export interface TeamHoldInput {
  readonly exemptionId: string;
  /** Members whose calls it keeps; default every rep in the directory. */
  readonly members?: readonly string[] | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Account names; they leave this device only as keyed digests. */
  readonly accounts?: readonly string[] | undefined;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

export function accountDigest(holdId: string, account: string): string {
  return createHash('sha256').update(accountDigestInput(holdId, account)).digest('hex');
}

export function rowIdOf(holdId: string, recordingId: string): string {
  return `${holdId}/${recordingId}`;
}

function records(vault: OpenVault): TeamHoldRecord[] {
  return vault.settings.read(TEAM_HOLDS) ?? [];
}

export function teamHoldViews(vault: OpenVault): TeamHoldView[] {
  const applied = vault.retention.activeHolds();
  const counts = new Map<string, number>();
  for (const list of applied.values()) {
    for (const h of list) {
      const team = h.id.split('/')[0] ?? '';
      counts.set(team, (counts.get(team) ?? 0) + 1);
    }
  }
  return records(vault).map((r) => ({
    holdId: r.holdId,
    state: r.state,
    exemptionId: r.exemptionId,
    issuerId: r.issuerId,
    issuerRole: r.issuerRole,
    members: r.scope?.members.length ?? 0,
    from: r.scope?.from ?? null,
    to: r.scope?.to ?? null,
    accounts: r.scope?.accountDigests.length ?? 0,
    recordingsHeld: r.state === 'active' ? (counts.get(r.holdId) ?? 0) : 0,
    receivedAt: r.receivedAt,
    releasedAt: r.releasedAt,
    reason: r.reason,
  }));
}

/**
 * Applies the obeyed team holds to the recordings they cover, and lifts the released ones. Run at
 * every sync and before every sweep (offline too: the holds are kept in the vault).
 */
export function applyTeamHolds(vault: OpenVault): { readonly added: number; readonly released: number } {
  const all = records(vault);
  if (all.length === 0) {
    return { added: 0, released: 0 };
  }
  let added = 0;
  let released = 0;
  const rows = vault.retention.rows();
  const accountOf = new Map<string, string | undefined>();
  for (const row of rows) {
    const callId = vault.recordings.get(row.recordingId)?.callId ?? null;
    const account = callId === null ? undefined : vault.calls.get(callId)?.account;
    accountOf.set(row.recordingId, account === undefined || account.trim() === '' ? undefined : account);
  }
  const now = vault.now().toISOString();
  for (const record of all) {
    if (record.state === 'active' && record.scope !== null && record.issuerRole !== null) {
      const scope = record.scope;
      const role = record.issuerRole;
      for (const row of rows) {
        const account = accountOf.get(row.recordingId);
        const covered = scopeCovers(scope, { recordedOn: utcDay(new Date(row.startedAt)), accountDigest: account === undefined ? undefined : accountDigest(record.holdId, account) });
        const id = rowIdOf(record.holdId, row.recordingId);
        if (!covered || vault.retention.hold(id) !== undefined) {
          continue;
        }
        const hold: StoredHold = {
          id,
          recordingId: row.recordingId,
          exemptionId: record.exemptionId,
          issuerRole: role,
          issuerKeyId: `team:${record.issuerId}`,
          issuedAt: now,
          signedGrant: canonicalJson(record.grant),
          releasedAt: null,
        };
        vault.transaction(() => {
          vault.retention.addHold(hold);
          vault.audit.record('retention.hold_issued', { holdId: id, recordingId: row.recordingId, exemption: record.exemptionId, issuer: hold.issuerKeyId, role });
        });
        added += 1;
      }
    } else if (record.state === 'released') {
      const prefix = `${record.holdId}/`;
      for (const list of vault.retention.activeHolds().values()) {
        for (const hold of list) {
          if (!hold.id.startsWith(prefix)) {
            continue;
          }
          const by = `team:${record.releasedBy ?? record.issuerId}`;
          vault.transaction(() => {
            if (vault.retention.releaseHold(hold.id, record.releasedAt ?? now, by)) {
              vault.audit.record('retention.hold_released', { holdId: hold.id, recordingId: hold.recordingId, exemption: hold.exemptionId, by });
              released += 1;
            }
          });
        }
      }
    }
  }
  return { added, released };
}

export class TeamHolds {
  constructor(
    private readonly connection: TeamConnection,
    private readonly crypto: () => Promise<TeamCrypto>,
  ) {}

  /** Issues a hold on the team server, signed with this vault's team key. */
  async issue(vault: OpenVault, policy: Policy, input: TeamHoldInput): Promise<TeamHoldItem> {
    const link = await this.connection.linked(vault);
    const role = link.identity.role;
    const authority = checkGrantAuthority(input.exemptionId, role, policy);
    if (!authority.ok) {
      throw new AppFailure('POLICY_BLOCKED', `You cannot issue this hold: ${authority.reason}.`);
    }
    if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
      throw new AppFailure('BAD_REQUEST', 'The hold\'s date range ends before it starts.');
    }
    const { members: directory } = await this.connection.directory(vault);
    // Again with the role the organisation's signed roster gives this member (just verified).
    const signedRole = directory.find((m) => m.memberId === link.identity.memberId)?.role;
    if (signedRole === undefined) {
      throw new AppFailure('UNAUTHORIZED', "You are not on the organisation's signed roster, so you cannot issue a hold. Ask your admin.");
    }
    const signedAuthority = checkGrantAuthority(input.exemptionId, signedRole, policy);
    if (!signedAuthority.ok) {
      throw new AppFailure('POLICY_BLOCKED', `You cannot issue this hold: ${signedAuthority.reason} (the organisation's signed roster lists you as ${signedRole}).`);
    }
    const members = input.members === undefined ? directory.filter((m) => m.role === 'rep').map((m) => m.memberId) : [...new Set(input.members)];
    if (members.length === 0) {
      throw new AppFailure('BAD_REQUEST', 'The hold names no member (and the team has no rep yet).');
    }
    const crypto = await this.crypto();
    const holdId = randomUUID();
    const grant: TeamHoldGrant = {
      v: 1,
      kind: 'callvault-team-hold',
      holdId,
      exemptionId: input.exemptionId,
      issuerId: link.identity.memberId,
      issuerRole: signedRole,
      issuerSigningFpr: crypto.fingerprint('signing', link.keys.signingPublic),
      scope: { members, from: input.from ?? null, to: input.to ?? null, accountDigests: (input.accounts ?? []).map((a) => accountDigest(holdId, a)) },
      issuedAt: vault.now().toISOString(),
    };
    const text = canonicalJson(grant);
    const signature = b64(crypto.sign(link.keys.signingSecret, teamHoldSigningText(text)));
    const item = await this.connection.withSession(vault, (token, l) => l.client.issueHold(token, text, signature));
    vault.audit.record('retention.team_hold_issued', { holdId, exemption: input.exemptionId, members: members.length, accounts: grant.scope.accountDigests.length });
    return item;
  }

  /** The holds this member issued, as the server lists them. */
  async issued(vault: OpenVault): Promise<TeamHoldItem[]> {
    const link = await this.connection.linked(vault);
    const { holds } = await this.connection.withSession(vault, (token, l) => l.client.holds(token));
    return holds.filter((h) => h.issuerId === link.identity.memberId);
  }

  /** Releases a team hold (signed); members' apps lift it at their next sync. */
  async release(vault: OpenVault, holdId: string): Promise<TeamHoldItem> {
    const link = await this.connection.linked(vault);
    const crypto = await this.crypto();
    const { holds } = await this.connection.withSession(vault, (token, l) => l.client.holds(token));
    const item = holds.find((h) => h.holdId === holdId);
    if (item === undefined) {
      throw new AppFailure('NOT_FOUND', 'The team server lists no hold with this id for you.');
    }
    const release: TeamHoldRelease = {
      v: 1,
      kind: 'callvault-team-hold-release',
      holdId,
      exemptionId: item.exemptionId,
      issuerId: link.identity.memberId,
      issuerRole: actingRoles(vault).roles[0] ?? link.identity.role,
      issuerSigningFpr: crypto.fingerprint('signing', link.keys.signingPublic),
      releasedAt: vault.now().toISOString(),
    };
    const text = canonicalJson(release);
    const signature = b64(crypto.sign(link.keys.signingSecret, teamHoldReleaseSigningText(text)));
    const released = await this.connection.withSession(vault, (token, l) => l.client.releaseHold(token, holdId, text, signature));
    vault.audit.record('retention.team_hold_released', { holdId, exemption: item.exemptionId });
    return released;
  }

  /**
   * Fetches the holds that name this member, checks each before obeying it, records refusals
   * (audited, shown by holds.team) and applies the result to the vault's recordings.
   */
  async sync(vault: OpenVault, policy: Policy): Promise<TeamHoldSyncView> {
    const link = await this.connection.linked(vault);
    const { members } = await this.connection.directory(vault);
    const { holds } = await this.connection.withSession(vault, (token, l) => l.client.holds(token));
    const crypto = await this.crypto();
    const verify = (signature: Uint8Array, message: string, key: Uint8Array) => crypto.verify(signature, message, key);
    const issuerOf = (memberId: string): KnownIssuer | undefined => {
      const member: MemberView | undefined = members.find((m) => m.memberId === memberId);
      if (member === undefined) {
        return undefined;
      }
      const signingKey = unb64(member.signingKey);
      return { memberId, role: member.role, signingKey, signingFpr: crypto.fingerprint('signing', signingKey), pinnedFpr: this.connection.pinnedKeys(vault, memberId, members)?.signingFpr };
    };
    const me = link.identity.memberId;
    const byId = new Map(records(vault).map((r) => [r.holdId, r]));
    const refused: { holdId: string; reason: string }[] = [];
    const now = vault.now().toISOString();

    for (const item of holds) {
      const known = byId.get(item.holdId);
      let record: TeamHoldRecord | undefined = known;
      if (known === undefined || known.state === 'refused') {
        const checked = this.checkGrant(item, verify, issuerOf, policy);
        if (checked.ok && !checked.grant.scope.members.includes(me)) {
          continue; // A hold this member issued for others.
        }
        record = {
          holdId: item.holdId,
          state: checked.ok ? 'active' : 'refused',
          exemptionId: item.exemptionId,
          issuerId: item.issuerId,
          issuerRole: checked.ok ? checked.grant.issuerRole : null,
          scope: checked.ok ? checked.grant.scope : null,
          grant: item.grant,
          release: null,
          receivedAt: known?.receivedAt ?? now,
          releasedAt: null,
          releasedBy: null,
          reason: checked.ok ? null : checked.reason,
        };
        if (!checked.ok) {
          refused.push({ holdId: item.holdId, reason: checked.reason });
          if (known === undefined || known.reason !== checked.reason) {
            vault.audit.record('retention.hold_refused', { holdId: item.holdId, issuer: item.issuerId, reason: checked.reason });
          }
        }
      }
      if (record === undefined) {
        continue;
      }
      if (record.state === 'active' && item.release !== null) {
        const checked = this.checkRelease(item, verify, issuerOf, policy);
        if (checked.ok) {
          record = { ...record, state: 'released', release: item.release, releasedAt: checked.release.releasedAt, releasedBy: checked.release.issuerId, reason: null };
        } else {
          refused.push({ holdId: item.holdId, reason: `release refused: ${checked.reason}` });
          if (record.reason !== `release refused: ${checked.reason}`) {
            vault.audit.record('retention.hold_refused', { holdId: item.holdId, issuer: item.issuerId, reason: `release refused: ${checked.reason}` });
          }
          record = { ...record, reason: `release refused: ${checked.reason}` };
        }
      }
      byId.set(item.holdId, record);
    }
    vault.settings.write(TEAM_HOLDS, [...byId.values()]);
    const applied = applyTeamHolds(vault);
    const all = [...byId.values()];
    return {
      active: all.filter((r) => r.state === 'active').length,
      released: all.filter((r) => r.state === 'released').length,
      refused,
      recordingsHeld: applied.added,
      recordingsReleased: applied.released,
    };
  }

  private checkGrant(
    item: TeamHoldItem,
    verify: (s: Uint8Array, m: string, k: Uint8Array) => boolean,
    issuerOf: (id: string) => KnownIssuer | undefined,
    policy: Policy,
  ): { ok: true; grant: TeamHoldGrant } | { ok: false; reason: string } {
    const parsed = parseTeamHoldGrant(item.grant.text);
    if (!parsed.ok) {
      return parsed;
    }
    const grant = parsed.value;
    if (grant.holdId !== item.holdId || grant.issuerId !== item.issuerId || grant.exemptionId !== item.exemptionId) {
      return { ok: false, reason: 'the server lists the hold under other details than it was signed with' };
    }
    const verdict = checkSignedBy(verify, grant, teamHoldSigningText(item.grant.text), unb64(item.grant.signature), issuerOf(grant.issuerId), policy, 'issue');
    return verdict.ok ? { ok: true, grant } : verdict;
  }

  private checkRelease(
    item: TeamHoldItem,
    verify: (s: Uint8Array, m: string, k: Uint8Array) => boolean,
    issuerOf: (id: string) => KnownIssuer | undefined,
    policy: Policy,
  ): { ok: true; release: TeamHoldRelease } | { ok: false; reason: string } {
    if (item.release === null) {
      return { ok: false, reason: 'no release' };
    }
    const parsed = parseTeamHoldRelease(item.release.text);
    if (!parsed.ok) {
      return parsed;
    }
    const release = parsed.value;
    if (release.holdId !== item.holdId || release.exemptionId !== item.exemptionId) {
      return { ok: false, reason: 'the release names another hold' };
    }
    const verdict = checkSignedBy(verify, release, teamHoldReleaseSigningText(item.release.text), unb64(item.release.signature), issuerOf(release.issuerId), policy, 'release');
    return verdict.ok ? { ok: true, release } : verdict;
  }
}
