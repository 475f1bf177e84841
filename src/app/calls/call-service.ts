import { randomUUID } from 'node:crypto';
import { consentGate, type ConsentGate, type GateParticipant } from '../../core/consent/consent-gate';
import {
  acknowledge,
  acknowledgmentContent,
  acknowledgmentNeed,
  evaluateRecording,
  lateJoinHandling,
  consentRequirement,
  type AcknowledgmentContent,
  type BlockReason,
  type CallParticipant,
  type LoadedPolicy,
  type PolicyLoad,
} from '../../core/policy';
import type { CallRow, ConsentMethod } from '../../core/calls/call';
import type { CallView } from '../../shared/contract/calls';
import { AppFailure } from '../app-failure';
import { recorderRegion, rememberCallType } from '../settings/preferences';
import type { OpenVault } from '../vault/open-vault';
import type { EffectivePolicy, PolicySource } from './policy-source';
import { acceptOrgPolicy } from '../team/team-connection';
import { PERSONAL_INSTALL, type ApprovalRedeemer, type InstallAuthority } from './install-authority';
import type { ApprovalRow } from '../../core/calls/approval';
import type { RecordingApproval } from '../../core/policy';

export interface PrepareRequest {
  readonly callType: string;
  readonly account: string;
  readonly meetingTitle: string;
  readonly participants: readonly CallParticipant[];
  /** For an approval-gated call type: the approved request this call uses (checked, then marked used). */
  readonly approvalId?: string | undefined;
}

export type PrepareOutcome =
  | { readonly allowed: false; readonly reasons: readonly BlockReason[] }
  | { readonly allowed: true; readonly call: CallView };

/** Blocks that hold whatever else the rep types: the form shows them before Continue. */
const LIVE_BLOCKS: ReadonlySet<BlockReason['code']> = new Set([
  'call-type-prohibited',
  'approval-unavailable',
  'approval-required',
  'do-not-record-domain',
  'do-not-record-contact',
  'do-not-record-keyword',
  'policy-not-in-force',
]);

/** The signed-in rep as the consent records name them. */
const RECORDED_BY = 'rep (vault owner)';

/**
 * Policy gates and consent for one call, before any audio exists. Everything here fails
 * closed: no policy, no acknowledgment, or a missing answer means no recording.
 */
export class CallService {
  private approvals: ApprovalRedeemer | undefined;

  constructor(
    private readonly policies: PolicySource,
    private readonly now: () => Date,
    private readonly authority: InstallAuthority = PERSONAL_INSTALL,
  ) {}

  /** Where signed approvals come from (the team server, src/app/team/call-approvals.ts). */
  useApprovals(approvals: ApprovalRedeemer): void {
    this.approvals = approvals;
  }

  /** 'organisation' once this vault is enrolled with a team server; else nobody here can approve. */
  private approvalSource(vault: OpenVault | undefined): 'organisation' | 'none' {
    return vault !== undefined && this.approvals?.available(vault) === true ? 'organisation' : this.authority.approvalSource;
  }

  async policyInForce(): Promise<LoadedPolicy> {
    return loadedOrRefused(await this.policies.effective());
  }

  /**
   * The policy a new recording may start under: the one in force, unless it is the organisation's
   * and carries a material change the member has not accepted yet (then the answer is no).
   */
  async recordablePolicy(): Promise<LoadedPolicy> {
    const effective = await this.policies.effective();
    refuseUnaccepted(effective);
    return loadedOrRefused(effective);
  }

  async acknowledgment(vault: OpenVault, inForce?: EffectivePolicy): Promise<{ needed: boolean; reason: string; content: AcknowledgmentContent }> {
    const effective = inForce ?? (await this.policies.effective());
    const policy = loadedOrRefused(effective);
    const last = vault.acknowledgments.latest();
    const need = acknowledgmentNeed(policy, last && { policyHash: last.policyHash as LoadedPolicy['hash'], materialFingerprint: last.materialHash, acknowledgedAt: last.at });
    if (effective.origin.kind === 'organisation' && effective.origin.pendingAcceptance) {
      // Acknowledging it here accepts the organisation's new version too (see acknowledge).
      return { needed: true, reason: 'material-change', content: acknowledgmentContent(policy) };
    }
    return { needed: need.needed, reason: need.reason, content: acknowledgmentContent(policy) };
  }

  /**
   * Records that the rep read this policy version's purpose and uses, and agreed. For an
   * organisation policy with a material change awaiting the member's acceptance, this is that
   * acceptance as well (audited `team.policy_acknowledged`).
   */
  async acknowledge(vault: OpenVault, policyHash: string): Promise<void> {
    const effective = await this.policies.effective();
    const policy = loadedOrRefused(effective);
    if (policy.hash !== policyHash) {
      throw new AppFailure('POLICY_CHANGED', 'The policy changed while you were reading it. Read the current version and acknowledge again.');
    }
    const record = acknowledge(policy, this.now());
    vault.acknowledgments.append({ policyHash: record.policyHash, materialHash: policy.materialFingerprint, policyVersion: policy.policy.policy.version, acknowledgedBy: RECORDED_BY, at: record.acknowledgedAt });
    vault.audit.record('policy.acknowledged', { policyHash: policy.hash, version: policy.policy.policy.version });
    if (effective.origin.kind === 'organisation' && effective.origin.pendingAcceptance) {
      acceptOrgPolicy(vault, effective.origin.version);
    }
  }

  /**
   * The reasons the call as typed so far cannot be recorded, of the kinds that do not depend on
   * the form being finished (an empty title or a half-typed email is not a reason yet). Pure
   * reading: nothing is stored or audited, so it can run as the rep types.
   */
  async check(request: PrepareRequest, vault?: OpenVault): Promise<BlockReason[]> {
    const load = await this.policies.load();
    if (!load.ok) {
      return [];  // The library already shows why recording is blocked; prepare refuses.
    }
    const decision = evaluateRecording(load, { ...request, approvalSource: this.approvalSource(vault) }, this.now());
    return decision.allowed ? [] : decision.reasons.filter((reason) => LIVE_BLOCKS.has(reason.code));
  }

  async prepare(vault: OpenVault, request: PrepareRequest): Promise<PrepareOutcome> {
    const effective = await this.policies.effective();
    refuseUnaccepted(effective);
    const load: PolicyLoad = effective.load;
    if (load.ok && (await this.acknowledgment(vault, effective)).needed) {
      throw new AppFailure('POLICY_NOT_ACKNOWLEDGED', 'Read and acknowledge the recording policy before your first recording (or again, since it changed).');
    }
    // No approval is typed in by the rep (see install-authority.ts): it is the id of a request an
    // approver granted on the team server, checked here (signature, roster role, rep, call type,
    // account, window, unused) before the policy sees it. The rep's own region (Settings) binds
    // the call as a participant's does.
    let approved: { approval: RecordingApproval; row: ApprovalRow } | undefined;
    if (request.approvalId !== undefined) {
      if (this.approvals === undefined || !this.approvals.available(vault)) {
        throw new AppFailure('POLICY_BLOCKED', 'Approvals come only from your organisation\'s team server, and this vault is not enrolled with one.', { detail: 'approval-unavailable' });
      }
      try {
        approved = await this.approvals.redeem(vault, request.approvalId, { callType: request.callType, account: request.account });
      } catch (error) {
        if (error instanceof AppFailure && error.code === 'POLICY_BLOCKED') {
          vault.audit.record('call.blocked', { callType: request.callType, rules: `callTypes.${request.callType}` });
          return { allowed: false, reasons: [{ code: 'approval-invalid', rule: `callTypes.${request.callType}`, message: error.message }] };
        }
        throw error;
      }
    }
    const now = this.now();
    const decision = evaluateRecording(
      load,
      { ...request, recorderRegion: recorderRegion(vault.settings), approvalSource: this.approvalSource(vault), approval: approved?.approval },
      now,
    );
    if (!decision.allowed) {
      vault.audit.record('call.blocked', { callType: request.callType, rules: decision.reasons.map((r) => r.rule).join(', ') });
      return { allowed: false, reasons: decision.reasons };
    }
    const id = randomUUID();
    if (decision.recordingRule === 'approved' && approved !== undefined) {
      // Stored first: the id is the primary key, so a second call can never use it (replay).
      vault.approvals.insert(approved.row);
    }
    rememberCallType(vault.settings, request.callType);
    vault.calls.insert({
      id,
      callType: request.callType,
      account: request.account,
      meetingTitle: request.meetingTitle,
      participants: request.participants.map((p) => ({ name: p.name, email: p.email, region: p.region })),
      policyHash: decision.policyHash,
      scriptId: decision.consentScript.id,
      scriptVersion: decision.consentScript.version,
      consentScope: decision.requireConsentFrom,
      state: 'awaiting-consent',
      createdAt: now.toISOString(),
    });
    if (decision.recordingRule === 'approved' && approved !== undefined) {
      vault.approvals.markUsed(approved.row.id, id);
      vault.audit.record('call.approval_recorded', { callId: id, request: approved.row.id, callType: request.callType, approverRole: approved.row.approverRole });
    }
    return { allowed: true, call: await this.view(vault, id, load) };
  }

  /** Appends one participant's answer; the caller reacts to the new gate (pause, stop, resume). */
  recordConsent(
    vault: OpenVault,
    callId: string,
    participantEmail: string,
    outcome: 'granted' | 'declined' | 'withdrawn',
    method: ConsentMethod | null,
    provenance: { recordedBy: string; note: string } = { recordedBy: RECORDED_BY, note: '' },
  ): CallRow {
    const call = this.requireCall(vault, callId);
    const participant = call.participants.find((p) => p.email.toLowerCase() === participantEmail.trim().toLowerCase());
    if (!participant) {
      throw new AppFailure('NOT_FOUND', `${participantEmail} is not a participant of this call. Add them as a late joiner first.`);
    }
    if (outcome === 'granted' && method === null) {
      throw new AppFailure('BAD_REQUEST', 'Say how consent was given: verbally, in writing, or notified in advance.');
    }
    if (call.state === 'ended' || call.state === 'declined') {
      throw new AppFailure('BAD_REQUEST', 'This call has ended; its consent record can no longer change.');
    }
    vault.calls.appendConsent({
      callId,
      participantName: participant.name,
      participantEmail: participant.email,
      at: this.now().toISOString(),
      scriptId: call.scriptId,
      scriptVersion: call.scriptVersion,
      policyHash: call.policyHash,
      outcome,
      method,
      recordedBy: provenance.recordedBy,
      note: provenance.note,
    });
    vault.audit.record('consent.recorded', { callId, outcome, method: method ?? 'none' });
    if (outcome === 'declined' && call.recordingId === null) {
      vault.calls.setState(callId, 'declined', this.now().toISOString());
    }
    return this.requireCall(vault, callId);
  }

  /** Adds someone who joined mid-call; returns whether capture must pause until they answer. */
  async addLateJoiner(vault: OpenVault, callId: string, joiner: CallParticipant): Promise<{ pause: boolean }> {
    const call = this.requireCall(vault, callId);
    if (call.participants.some((p) => p.email.toLowerCase() === joiner.email.trim().toLowerCase())) {
      throw new AppFailure('BAD_REQUEST', `${joiner.email} is already on this call.`);
    }
    const policy = await this.policyInForce();
    if (policy.hash !== call.policyHash) {
      throw new AppFailure('POLICY_CHANGED', 'The recording policy changed during this call. Stop the recording and start a new one under the current policy.');
    }
    const current = consentRequirement(policy.policy.consent, call.participants);
    const handling = lateJoinHandling(policy.policy.consent, current, joiner);
    const participants = [...call.participants, { name: joiner.name, email: joiner.email, region: joiner.region, lateJoiner: handling.pauseRecording }];
    vault.calls.setParticipants(callId, participants, handling.requirement.requiredFrom);
    return { pause: handling.pauseRecording };
  }

  gate(vault: OpenVault, call: CallRow): ConsentGate {
    const participants: GateParticipant[] = call.participants.map((p) => ({ email: p.email, name: p.name, mustAnswer: p.lateJoiner === true }));
    return consentGate(call.consentScope, participants, vault.calls.consents(call.id));
  }

  async view(vault: OpenVault, callId: string, loaded?: PolicyLoad): Promise<CallView> {
    const call = this.requireCall(vault, callId);
    const policy = loaded ?? (await this.policies.load());
    const script = policy.ok ? policy.loaded.policy.consent.scripts.find((s) => s.id === call.scriptId && s.version === call.scriptVersion) : undefined;
    const records = vault.calls.consents(callId);
    const answerOf = (email: string) => records.filter((r) => r.participantEmail.toLowerCase() === email.toLowerCase()).at(-1)?.outcome ?? null;
    const approval = vault.approvals.forCall(callId);
    return {
      id: call.id,
      callType: call.callType,
      account: call.account,
      meetingTitle: call.meetingTitle,
      state: call.state,
      participants: call.participants.map((p) => ({ ...p, answer: answerOf(p.email) })),
      consentScope: call.consentScope,
      script: { id: call.scriptId, version: call.scriptVersion, text: script?.text ?? '(the policy that chose this script is no longer in force)' },
      gate: this.gate(vault, call),
      recordingId: call.recordingId,
      declineActions: policy.ok ? policy.loaded.policy.consent.onDecline.actions : [],
      approval: approval === undefined ? null : { requestId: approval.id, approvedBy: approval.approvedBy, approverRole: approval.approverRole, approvedAt: approval.approvedAt, reason: approval.reason },
    };
  }

  requireCall(vault: OpenVault, callId: string): CallRow {
    const call = vault.calls.get(callId);
    if (!call) {
      throw new AppFailure('NOT_FOUND', `Call ${callId} is not in this vault.`);
    }
    return call;
  }
}

function loadedOrRefused(effective: EffectivePolicy): LoadedPolicy {
  const load = effective.load;
  if (!load.ok) {
    // An unverified organisation policy's message already says what to do (sync again).
    if (load.problem === 'unverified') {
      throw new AppFailure('POLICY_UNAVAILABLE', load.message, { detail: 'team-policy-unverified' });
    }
    throw new AppFailure('POLICY_UNAVAILABLE', `${load.message} Ask sales operations for a valid policy.`);
  }
  return load.loaded;
}

function pendingMessage(version: number): string {
  return `Your organisation published a materially changed policy (version ${String(version)}). Read and accept it (New recording, or Settings > Team) before recording.`;
}

/** Refuses a new recording while an organisation policy with a material change awaits the member's acceptance. */
function refuseUnaccepted(effective: EffectivePolicy): void {
  if (effective.origin.kind === 'organisation' && effective.origin.pendingAcceptance) {
    throw new AppFailure('POLICY_NOT_ACKNOWLEDGED', pendingMessage(effective.origin.version), { detail: 'team-policy' });
  }
}
