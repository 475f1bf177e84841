import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../core/policy/canonical-json';
import { utcDay } from '../../core/policy/calendar';
import { ROLES, type DealOutcome, type Policy, type Role } from '../../core/policy/policy-schema';
import type { Crypto } from '../../core/ports/crypto';
import { callMetadataExpiringWithin, decideRetention, expiringWithin, mayDeleteEarly } from '../../core/retention/decide-retention';
import { checkGrantAuthority, verifySignedHold, type TrustedIssuer } from '../../core/retention/hold';
import type { StoredHold } from '../../core/retention/retention-store';
import type { Setting } from '../../core/settings/settings-store';
import type { ExpiringView, HoldView } from '../../shared/contract';
import { teamRequestRecords } from './exemption-requests';
import { AppFailure } from '../app-failure';
import type { OpenVault } from '../vault/open-vault';
import { activeHoldsOf, factsOf, unrecordedCallDecisions } from './retention-sweep';

/**
 * The keys whose signed holds this vault obeys, with the roles the organisation gave each. Set by
 * team enrolment (none exists yet: until then every signed hold is refused as untrusted).
 */
export const TRUSTED_HOLD_ISSUERS: Setting<{ keyId: string; publicKey: string; roles: Role[] }[]> = {
  key: 'retention.trustedHoldIssuers',
  schema: z.array(z.object({ keyId: z.string().min(1), publicKey: z.base64(), roles: z.array(z.enum(ROLES)) })),
};

export function trustedIssuers(vault: OpenVault): TrustedIssuer[] {
  return (vault.settings.read(TRUSTED_HOLD_ISSUERS) ?? []).map((t) => ({ keyId: t.keyId, publicKey: Uint8Array.from(atob(t.publicKey), (c) => c.charCodeAt(0)), roles: t.roles }));
}

export function holdView(hold: StoredHold): HoldView {
  return { id: hold.id, recordingId: hold.recordingId, exemptionId: hold.exemptionId, issuerRole: hold.issuerRole, issuerKeyId: hold.issuerKeyId, issuedAt: hold.issuedAt };
}

function requireRecording(vault: OpenVault, recordingId: string): void {
  if (vault.retention.row(recordingId) === undefined) {
    throw new AppFailure('NOT_FOUND', 'That call is not in this vault.');
  }
}

/** What goes in the next `days` days, soonest first, each with its reason: recordings' artifacts and the erasure of calls without a recording. */
export function upcomingExpiries(vault: OpenVault, policy: Policy, days: number): ExpiringView[] {
  const today = utcDay(vault.now());
  const holds = vault.retention.activeHolds();
  const titles = new Map(vault.recordings.list().map((r) => [r.id, r.title]));
  const requests = requestStatusByRecording(vault);
  const out: ExpiringView[] = [];
  for (const row of vault.retention.rows()) {
    const decisions = decideRetention(factsOf(row), activeHoldsOf(holds.get(row.recordingId)), policy, today).filter((d) => !row.destroyed.has(d.artifact));
    for (const d of expiringWithin(decisions, today, days)) {
      out.push({ recordingId: row.recordingId, title: titles.get(row.recordingId) ?? '', callType: row.callType, artifact: d.artifact, on: d.until, rule: d.rule, why: d.why, request: requests.get(row.recordingId) ?? null, callId: null });
    }
  }
  // Calls with no recording: their metadata is erased whole on its own day (nothing to ask to keep).
  for (const { callId, callType, decision } of unrecordedCallDecisions(vault, policy, today)) {
    const soon = callMetadataExpiringWithin(decision, today, days);
    if (soon !== null) {
      out.push({ recordingId: null, title: vault.calls.get(callId)?.meetingTitle ?? '', callType, artifact: 'call-metadata', on: soon.until, rule: soon.rule, why: soon.why, request: null, callId });
    }
  }
  return out.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
}

/** Each recording's latest exemption request, with what the team server said of it (exemption-requests.ts). */
function requestStatusByRecording(vault: OpenVault): Map<string, NonNullable<ExpiringView['request']>> {
  const team = new Map(teamRequestRecords(vault).map((r) => [r.requestId, r]));
  const out = new Map<string, NonNullable<ExpiringView['request']>>();
  // requested_at order: a later request for the same call replaces an earlier one.
  for (const request of vault.retention.exemptionRequests()) {
    const known = team.get(request.id);
    const state = request.state === 'granted' ? 'granted' : request.state === 'declined' ? 'declined' : known?.sent === true ? 'pending' : 'not-sent';
    out.set(request.recordingId, { requestId: request.id, exemptionId: request.exemptionId, state, reason: known?.reason ?? null });
  }
  return out;
}

/**
 * The rep's (or anyone's) delete of a whole call: refused for a held call whoever asks, and for a
 * role the policy does not let delete early. Audited when refused (the hold ids, never content).
 */
export function checkEarlyDeletion(vault: OpenVault, policy: Policy | undefined, roles: readonly Role[], recordingId: string): void {
  const row = vault.retention.row(recordingId);
  if (row === undefined) {
    return; // NOT_FOUND comes from the destroy itself.
  }
  const holds = vault.retention.holdsOf(recordingId);
  if (policy === undefined) {
    if (holds.length > 0) {
      refuse(vault, recordingId, holds.map((h) => h.id), `This call is held (${holds.map((h) => h.exemptionId).join(', ')}) and cannot be deleted by anyone until the hold is released.`);
    }
    return; // Without a readable policy the holds still bind; the rep may delete an unheld call of their own.
  }
  // A personal install has one rep, the owner of every call in the vault.
  const answer = mayDeleteEarly({ roles, ownCall: true }, factsOf(row), activeHoldsOf(holds), policy, utcDay(vault.now()));
  if (!answer.allowed) {
    refuse(vault, recordingId, answer.holdIds, answer.reason);
  }
}

function refuse(vault: OpenVault, recordingId: string, holdIds: readonly string[], reason: string): never {
  vault.audit.record('retention.delete_refused', { recordingId, holds: holdIds.join(',') });
  throw new AppFailure('POLICY_BLOCKED', reason);
}

export function setDealOutcome(vault: OpenVault, recordingId: string, outcome: DealOutcome, decidedOn: string): void {
  requireRecording(vault, recordingId);
  vault.transaction(() => {
    vault.retention.setDealOutcome(recordingId, outcome, decidedOn, vault.now().toISOString());
    vault.audit.record('deal.outcome_recorded', { recordingId, outcome, decidedOn });
  });
}

/** A hold issued on this install, by a role the exemption lists (a personal install's rep and admin: compliance only). */
export function issueLocalHold(vault: OpenVault, policy: Policy, roles: readonly Role[], recordingId: string, exemptionId: string): StoredHold {
  requireRecording(vault, recordingId);
  const role = roles.find((r) => checkGrantAuthority(exemptionId, r, policy).ok);
  if (role === undefined) {
    const why = checkGrantAuthority(exemptionId, roles[0] ?? 'rep', policy);
    throw new AppFailure('POLICY_BLOCKED', `This install cannot issue that hold: ${why.ok ? 'no entitled role' : why.reason}.`);
  }
  const hold: StoredHold = { id: randomUUID(), recordingId, exemptionId, issuerRole: role, issuerKeyId: 'local', issuedAt: vault.now().toISOString(), signedGrant: null, releasedAt: null };
  vault.transaction(() => {
    vault.retention.addHold(hold);
    vault.audit.record('retention.hold_issued', { holdId: hold.id, recordingId, exemption: exemptionId, issuer: 'local', role });
    for (const request of vault.retention.exemptionRequests()) {
      if (request.recordingId === recordingId && request.exemptionId === exemptionId && request.state === 'open') {
        vault.retention.setExemptionRequestState(request.id, 'granted');
      }
    }
  });
  return hold;
}

/** A hold signed by a team issuer: obeyed only once it verifies; a refusal is audited and reported. */
export function acceptSignedHold(vault: OpenVault, crypto: Pick<Crypto, 'verifySignature'>, policy: Policy, signed: unknown): StoredHold {
  const verdict = verifySignedHold(crypto, signed, trustedIssuers(vault), policy);
  if (!verdict.ok) {
    vault.audit.record('retention.hold_refused', { reason: verdict.reason });
    throw new AppFailure('POLICY_BLOCKED', `The hold was refused: ${verdict.reason}.`);
  }
  const { grant } = verdict;
  requireRecording(vault, grant.recordingId);
  if (grant.action === 'release') {
    const existing = vault.retention.hold(grant.holdId);
    if (existing === undefined) {
      throw new AppFailure('NOT_FOUND', 'The released hold is not in this vault.');
    }
    releaseStored(vault, existing, `${grant.issuerKeyId}:${grant.issuerRole}`);
    return existing;
  }
  if (vault.retention.hold(grant.holdId) !== undefined) {
    throw new AppFailure('BAD_REQUEST', 'That hold was already received.');
  }
  const hold: StoredHold = {
    id: grant.holdId,
    recordingId: grant.recordingId,
    exemptionId: grant.exemptionId,
    issuerRole: grant.issuerRole,
    issuerKeyId: grant.issuerKeyId,
    issuedAt: grant.issuedAt,
    signedGrant: canonicalJson(signed),
    releasedAt: null,
  };
  vault.transaction(() => {
    vault.retention.addHold(hold);
    vault.audit.record('retention.hold_issued', { holdId: hold.id, recordingId: hold.recordingId, exemption: hold.exemptionId, issuer: hold.issuerKeyId, role: hold.issuerRole });
  });
  return hold;
}

/** Releases a hold issued on this install; a team hold is released only by its issuer's signed release. */
export function releaseLocalHold(vault: OpenVault, policy: Policy, roles: readonly Role[], holdId: string): StoredHold {
  const hold = vault.retention.hold(holdId);
  if (hold === undefined || hold.releasedAt !== null) {
    throw new AppFailure('NOT_FOUND', 'That hold is not in force in this vault.');
  }
  if (hold.issuerKeyId !== 'local') {
    throw new AppFailure('POLICY_BLOCKED', 'A hold issued by the team server is released only by its issuer.');
  }
  const role = roles.find((r) => checkGrantAuthority(hold.exemptionId, r, policy, 'release').ok);
  if (role === undefined) {
    throw new AppFailure('POLICY_BLOCKED', 'Only a role that may grant this hold may release it.');
  }
  releaseStored(vault, hold, `local:${role}`);
  return hold;
}

function releaseStored(vault: OpenVault, hold: StoredHold, by: string): void {
  vault.transaction(() => {
    if (vault.retention.releaseHold(hold.id, vault.now().toISOString(), by)) {
      vault.audit.record('retention.hold_released', { holdId: hold.id, recordingId: hold.recordingId, exemption: hold.exemptionId, by });
    }
  });
}

export function requestExemption(vault: OpenVault, policy: Policy, recordingId: string, exemptionId: string): { id: string; state: 'open' } {
  requireRecording(vault, recordingId);
  if (!policy.retention.exemptions.some((e) => e.id === exemptionId)) {
    throw new AppFailure('BAD_REQUEST', `The policy defines no exemption "${exemptionId}".`);
  }
  const id = randomUUID();
  vault.transaction(() => {
    vault.retention.addExemptionRequest({ id, recordingId, exemptionId, requestedAt: vault.now().toISOString(), state: 'open' });
    vault.audit.record('retention.exemption_requested', { requestId: id, recordingId, exemption: exemptionId });
  });
  return { id, state: 'open' };
}
