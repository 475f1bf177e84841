import type { Policy, Role } from '../policy/policy-schema';
import { callApprovalMessage, type CallApprovalTerms } from '../../shared/team/signing';
import type { AccessDecision, Party } from './share-access';

/**
 * Approvals for approval-gated call types (#14 section 3). Pure rules over the organisation's
 * policy (`callTypes.<id>.rule: requires-approval` and its `approvers`), used by the team server
 * to refuse requests and decisions, and by the rep's app to check a signed approval before it lets
 * a call be captured. Anything not explicitly allowed is refused.
 */

const deny = (reason: string): AccessDecision => ({ allow: false, reason });

/** The roles that may approve `callType`, or undefined when it is not an approval-gated call type of this policy. */
export function approverRoles(policy: Policy, callType: string): readonly Role[] | undefined {
  const entry = Object.hasOwn(policy.callTypes, callType) ? policy.callTypes[callType] : undefined;
  return entry?.rule === 'requires-approval' ? entry.approvers : undefined;
}

/** May `actor` ask for approval to record a call of `callType`? Reps record calls, so reps ask. */
export function mayRequestCallApproval(policy: Policy, actor: Party, callType: string): AccessDecision {
  if (actor.role !== 'rep') {
    return deny('only a rep asks for approval to record a call');
  }
  if (approverRoles(policy, callType) === undefined) {
    return deny(`"${callType}" is not a call type that needs approval under the policy`);
  }
  return { allow: true };
}

/** May `actor` approve or deny the rep's request for `callType`? The roles the policy names, never the rep. */
export function mayDecideCallApproval(policy: Policy, actor: Party, repId: string, callType: string): AccessDecision {
  const roles = approverRoles(policy, callType);
  if (roles === undefined) {
    return deny(`"${callType}" is not a call type that needs approval under the policy`);
  }
  if (!roles.includes(actor.role)) {
    return deny(`the policy lets only ${roles.join(' or ')} approve ${callType} calls`);
  }
  if (actor.memberId === repId) {
    return deny('no one approves their own call');
  }
  return { allow: true };
}

/** An approval as the team server reports it (CallApprovalView), before anything in it is trusted. */
export interface ReportedCallApproval extends CallApprovalTerms {
  readonly status: 'pending' | 'approved' | 'denied';
  readonly decidedBy: string | null;
  readonly decisionSignature: string | null;
}

/** A member of the verified roster: id, role, base64 Ed25519 key, email. */
export interface RosterEntry {
  readonly memberId: string;
  readonly role: Role;
  readonly signingKey: string;
  readonly email: string;
}

export type CallApprovalProblem =
  | 'not-approved'
  | 'approver-unknown'
  | 'signature'
  | 'approver-role'
  | 'other-rep'
  | 'call-type'
  | 'policy'
  | 'details'
  | 'not-yet-valid'
  | 'expired'
  | 'used';

export interface CallApprovalCheck {
  readonly approval: ReportedCallApproval;
  /** The organisation's signed roster as this vault verified it (members and roles come only from it). */
  readonly roster: readonly RosterEntry[];
  /** The published policy this vault verified, and its hash. */
  readonly policy: Policy;
  readonly policyHash: string;
  /** This vault's member id: the rep who will record. */
  readonly repId: string;
  /** The call about to be captured. */
  readonly callType: string;
  /** The digest of the details as this vault opened them from its own sealed copy (undefined: it could not). */
  readonly detailsDigest: string | undefined;
  readonly now: Date;
  /** Whether a call in this vault already used this approval. */
  readonly used: boolean;
  readonly verify: (signature: Uint8Array, message: string, publicKey: Uint8Array) => boolean;
}

export type CallApprovalVerdict = { readonly ok: true; readonly approver: RosterEntry } | { readonly ok: false; readonly problem: CallApprovalProblem };

/**
 * Whether a signed approval lets this rep capture this call now: approved, signed over the
 * canonical text by a member of the signed roster whose role the policy names as an approver for
 * this call type, for this rep, this call type, the policy in force and the details the rep
 * sealed, inside its validity window, and not used by another call. Fails closed.
 */
export function checkCallApproval(input: CallApprovalCheck): CallApprovalVerdict {
  const { approval } = input;
  const no = (problem: CallApprovalProblem): CallApprovalVerdict => ({ ok: false, problem });
  if (approval.status !== 'approved' || approval.decidedBy === null || approval.decisionSignature === null) {
    return no('not-approved');
  }
  const approver = input.roster.find((m) => m.memberId === approval.decidedBy);
  if (approver === undefined) {
    return no('approver-unknown');
  }
  const signature = Buffer.from(approval.decisionSignature, 'base64');
  if (signature.length !== 64 || !input.verify(signature, callApprovalMessage(approval, 'approved', approver.memberId), Buffer.from(approver.signingKey, 'base64'))) {
    return no('signature');
  }
  if (approval.repId !== input.repId) {
    return no('other-rep');
  }
  if (approval.callType !== input.callType) {
    return no('call-type');
  }
  if (approval.policyHash !== input.policyHash) {
    return no('policy');
  }
  const decision = mayDecideCallApproval(input.policy, { memberId: approver.memberId, role: approver.role, team: null }, input.repId, approval.callType);
  if (!decision.allow) {
    return no('approver-role');
  }
  if (input.detailsDigest === undefined || input.detailsDigest !== approval.detailsDigest) {
    return no('details');
  }
  const from = Date.parse(approval.validFrom);
  const until = Date.parse(approval.validUntil);
  if (Number.isNaN(from) || Number.isNaN(until)) {
    return no('expired');
  }
  if (input.now.getTime() < from) {
    return no('not-yet-valid');
  }
  if (input.now.getTime() >= until) {
    return no('expired');
  }
  if (input.used) {
    return no('used');
  }
  return { ok: true, approver };
}

/** What the rep reads when an approval cannot be used. */
export function describeCallApprovalProblem(problem: CallApprovalProblem): string {
  switch (problem) {
    case 'not-approved':
      return 'it has not been approved (it is pending or was denied).';
    case 'approver-unknown':
      return "whoever decided it is not on your organisation's signed roster.";
    case 'signature':
      return "its signature does not verify with the approver's enrolled key: it may have been altered.";
    case 'approver-role':
      return 'the member who approved it does not hold a role the policy lets approve this call type.';
    case 'other-rep':
      return 'it was granted to another rep.';
    case 'call-type':
      return 'it was granted for another call type.';
    case 'policy':
      return "it was granted under another version of your organisation's policy. Ask for approval again.";
    case 'details':
      return 'it was granted for another account or reason than this call.';
    case 'not-yet-valid':
      return 'its validity window has not started yet.';
    case 'expired':
      return 'its validity window has ended. Ask for approval again.';
    case 'used':
      return 'another call already used it; each approval lets one call through.';
    default:
      return problem satisfies never;
  }
}
