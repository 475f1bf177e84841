import { compareDates, utcDay } from './calendar';
import { chooseConsentScript, consentRequirement, type CallParticipant, type ConsentRequirement } from './consent-rules';
import type { PolicyHash } from './policy-hash';
import type { PolicyLoad } from './policy-load';
import { ROLES, type ConsentScript, type Policy, type RecordingRule, type Role } from './policy-schema';
import { domainIsWithin, normaliseEmail, titleHasKeyword } from './text-match';
import { assertNever } from '../../shared/assert';

/** Who approved a requires-approval call, when and why; stored with the recording. */
export interface RecordingApproval {
  readonly approvedBy: string;
  readonly approverRole: Role;
  /** ISO 8601 instant. */
  readonly approvedAt: string;
  readonly reason: string;
}

/** What the rep chose before anything is captured. */
export interface RecordingRequest {
  readonly callType: string;
  readonly account: string;
  readonly meetingTitle: string;
  readonly participants: readonly CallParticipant[];
  /** The recorder's own region, when known: an all-party region there binds the call too. */
  readonly recorderRegion?: string | undefined;
  readonly approval?: RecordingApproval | undefined;
  /**
   * Where approvals can come from. `organisation`: a team server, where approvers grant them
   * (signed). `none`: a personal install with no team server; nobody on it is entitled to
   * approve, so an approval-gated call type cannot be recorded there. Unset means `organisation`.
   */
  readonly approvalSource?: 'organisation' | 'none' | undefined;
}

export type BlockCode =
  | 'policy-unavailable'
  | 'policy-not-in-force'
  | 'unknown-call-type'
  | 'call-type-prohibited'
  | 'approval-required'
  | 'approval-invalid'
  | 'approval-unavailable'
  | 'no-participants'
  | 'participant-email-invalid'
  | 'do-not-record-domain'
  | 'do-not-record-contact'
  | 'do-not-record-keyword'
  | 'consent-script-missing';

export interface BlockReason {
  readonly code: BlockCode;
  /** The policy rule that blocked, as a path a policy author can find ("doNotRecord.titleKeywords: privileged"). */
  readonly rule: string;
  readonly message: string;
}

export type RecordingDecision =
  | { readonly allowed: false; readonly reasons: readonly BlockReason[]; readonly policyHash: PolicyHash | undefined }
  | {
      readonly allowed: true;
      readonly callType: string;
      readonly recordingRule: Extract<RecordingRule, 'standard' | 'optional'> | 'approved';
      readonly consentScript: ConsentScript;
      readonly requireConsentFrom: ConsentRequirement['requiredFrom'];
      readonly consent: ConsentRequirement;
      readonly approval: RecordingApproval | undefined;
      readonly policyHash: PolicyHash;
      readonly policyVersion: string;
    };

/**
 * Decides, before anything is captured, whether this call may be recorded. Pure and fail
 * closed: no policy, an unknown call type, an unreadable email or anything else it cannot
 * check is a "no". It reports every reason, not the first, so the rep sees all that stands in
 * the way. An approval unlocks a requires-approval call type and nothing else: do-not-record
 * rules cannot be approved away.
 */
export function evaluateRecording(load: PolicyLoad, request: RecordingRequest, now: Date): RecordingDecision {
  if (!load.ok) {
    return { allowed: false, reasons: [{ code: 'policy-unavailable', rule: 'policy', message: `Recording is blocked: ${load.message}` }], policyHash: undefined };
  }
  const { policy, hash } = load.loaded;
  const reasons: BlockReason[] = [];
  if (compareDates(utcDay(now), policy.policy.effectiveDate) < 0) {
    reasons.push({ code: 'policy-not-in-force', rule: 'policy.effectiveDate', message: `Policy ${policy.policy.version} takes effect on ${policy.policy.effectiveDate}; nothing may be recorded under it before then.` });
  }
  const rule = checkCallType(policy, request, now, reasons);
  checkParticipants(policy, request.participants, reasons);
  checkTitle(policy, request.meetingTitle, reasons);
  const consentScript = chooseConsentScript(policy.consent, request.callType, request.participants);
  if (!consentScript) {
    reasons.push({ code: 'consent-script-missing', rule: 'consent.defaultScript', message: 'The policy names no consent script to read, so consent cannot be asked for.' });
  }
  if (reasons.length > 0 || !consentScript || rule === undefined) {
    return { allowed: false, reasons, policyHash: hash };
  }
  const consent = consentRequirement(policy.consent, request.participants, request.recorderRegion);
  return {
    allowed: true,
    callType: request.callType,
    recordingRule: rule,
    consentScript,
    requireConsentFrom: consent.requiredFrom,
    consent,
    approval: rule === 'approved' ? request.approval : undefined,
    policyHash: hash,
    policyVersion: policy.policy.version,
  };
}

/** The call type's rule; pushes a reason and returns undefined when it blocks. */
function checkCallType(policy: Policy, request: RecordingRequest, now: Date, reasons: BlockReason[]): 'standard' | 'optional' | 'approved' | undefined {
  const id = request.callType;
  const callType = Object.hasOwn(policy.callTypes, id) ? policy.callTypes[id] : undefined;
  if (!callType) {
    reasons.push({ code: 'unknown-call-type', rule: 'callTypes', message: `"${id}" is not a call type in the policy, so it cannot be recorded. Choose one of: ${Object.keys(policy.callTypes).join(', ')}.` });
    return undefined;
  }
  const path = `callTypes.${id}`;
  switch (callType.rule) {
    case 'standard':
    case 'optional':
      return callType.rule;
    case 'prohibited':
      reasons.push({ code: 'call-type-prohibited', rule: path, message: `${callType.label} calls are never recorded: ${callType.reason ?? 'the policy prohibits it'}` });
      return undefined;
    case 'requires-approval': {
      const approval = request.approval;
      if (!approval && request.approvalSource === 'none') {
        reasons.push({
          code: 'approval-unavailable',
          rule: path,
          message: `${callType.label} calls need approval from ${callType.approvers.map(roleWords).join(' or ')} before recording, and approvals come only from your organisation's team server. This CallVault is not connected to one, so ${callType.label} calls cannot be recorded on it. Take notes instead, or ask sales operations to connect CallVault to your team server.`,
        });
        return undefined;
      }
      if (!approval) {
        reasons.push({
          code: 'approval-required',
          rule: path,
          message: `${callType.label} calls need approval from ${callType.approvers.map(roleWords).join(' or ')} before recording. ${callType.reason ?? ''} Ask for approval in CallVault (it goes to them through your team server), then choose the approved request here.`.replace(/\s+/g, ' ').trim(),
        });
        return undefined;
      }
      const problem = approvalProblem(approval, callType.approvers, now);
      if (problem) {
        reasons.push({ code: 'approval-invalid', rule: path, message: `The approval cannot be used: ${problem}` });
        return undefined;
      }
      return 'approved';
    }
    default:
      return assertNever(callType.rule);
  }
}

/** A role as a rep would say it ("HR and legal", not "hr-and-legal"). */
function roleWords(role: Role): string {
  return role === 'hr-and-legal' ? 'HR and legal' : role === 'admin' ? 'sales operations' : role.replace(/-/g, ' ');
}

function approvalProblem(approval: RecordingApproval, approvers: readonly Role[], now: Date): string | undefined {
  if (approval.approvedBy.trim() === '') {
    return 'it does not say who approved.';
  }
  if (approval.reason.trim() === '') {
    return 'it does not say why.';
  }
  if (!(ROLES as readonly string[]).includes(approval.approverRole) || !approvers.includes(approval.approverRole)) {
    return `the approver's role "${approval.approverRole}" may not approve this call type (allowed: ${approvers.join(', ')}).`;
  }
  const at = Date.parse(approval.approvedAt);
  if (Number.isNaN(at)) {
    return `the approval time "${approval.approvedAt}" is not a date and time.`;
  }
  if (at > now.getTime()) {
    return 'it is dated in the future.';
  }
  return undefined;
}

function checkParticipants(policy: Policy, participants: readonly CallParticipant[], reasons: BlockReason[]): void {
  if (participants.length === 0) {
    reasons.push({ code: 'no-participants', rule: 'consent', message: 'List who is on the call: consent and do-not-record rules cannot be checked without participants.' });
  }
  for (const participant of participants) {
    const email = normaliseEmail(participant.email);
    if (!email) {
      reasons.push({
        code: 'participant-email-invalid',
        rule: 'doNotRecord',
        message: `"${participant.email}" (${participant.name}) is not an email address, so the do-not-record lists cannot be checked for this person.`,
      });
      continue;
    }
    for (const domain of policy.doNotRecord.emailDomains) {
      if (domainIsWithin(email.domain, domain)) {
        reasons.push({ code: 'do-not-record-domain', rule: `doNotRecord.emailDomains: ${domain}`, message: `${participant.name} <${participant.email}> is at ${domain}, a domain whose calls are never recorded.` });
      }
    }
    for (const contact of policy.doNotRecord.contacts) {
      if (contact.email === email.address) {
        const why = contact.reason === undefined ? '' : ` (${contact.reason})`;
        reasons.push({ code: 'do-not-record-contact', rule: `doNotRecord.contacts: ${contact.email}`, message: `${participant.name} <${participant.email}> is on the do-not-record list${why}.` });
      }
    }
  }
}

function checkTitle(policy: Policy, title: string, reasons: BlockReason[]): void {
  for (const keyword of policy.doNotRecord.titleKeywords) {
    if (titleHasKeyword(title, keyword)) {
      reasons.push({ code: 'do-not-record-keyword', rule: `doNotRecord.titleKeywords: ${keyword}`, message: `The meeting title "${title}" contains "${keyword}": meetings like this are never recorded.` });
    }
  }
}
