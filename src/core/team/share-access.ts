import type { Policy, Role } from '../policy/policy-schema';
import { assertNever } from '../../shared/assert';
import { APPROVED_FOR_PRODUCT_TAG } from '../../shared/team/manifest';

/**
 * Who may receive, open and act on a shared clip. Pure rules over the organisation's policy
 * (`access.roles`, `uses.requiresApproval`), used by the team server to refuse what the app
 * should never have sent, and by the app to offer only recipients the policy allows.
 * Anything not explicitly allowed is refused, with a reason a person can act on.
 */

export interface Party {
  readonly memberId: string;
  readonly role: Role;
  /** The team a rep or manager belongs to; null for org-wide roles and members without one. */
  readonly team: string | null;
}

/** An approved (or not) performance-use request, as the server recorded it. */
export interface PerformanceGrant {
  readonly status: 'pending' | 'approved' | 'denied';
  readonly repId: string;
  readonly requesterId: string;
  readonly use: string;
  readonly recordingRef: string;
}

export interface ShareFacts {
  readonly sender: Party;
  readonly recipient: Party;
  readonly purpose: string;
  readonly tags: readonly string[];
  readonly recordingRef: string;
  /** Present when the manifest names a performance-use request (undefined: it names none). */
  readonly grant: PerformanceGrant | undefined;
  /** True when the manifest names a request the server does not know. */
  readonly unknownGrant: boolean;
}

export type AccessDecision = { readonly allow: true } | { readonly allow: false; readonly reason: string };

const ALLOW: AccessDecision = { allow: true };
const deny = (reason: string): AccessDecision => ({ allow: false, reason });

function sameTeam(a: Party, b: Party): boolean {
  return a.team !== null && a.team === b.team;
}

/** May `facts.sender` share this clip with `facts.recipient`? */
export function mayReceiveShare(policy: Policy, facts: ShareFacts): AccessDecision {
  const { sender, recipient, purpose } = facts;
  const access = policy.access.roles[recipient.role];
  if (sender.memberId === recipient.memberId) {
    return deny('the sender is always a reader of their own share; list only other members');
  }
  if (facts.unknownGrant) {
    return deny('the performance-use request this share names does not exist');
  }
  if (access.scope === 'none' || access.artifacts.length === 0) {
    return deny(`the policy gives the ${recipient.role} role no access to recordings or clips`);
  }
  if (!access.artifacts.includes('clip')) {
    // HR and legal see clips only as an approved case; other roles need "clip" in their artifacts.
    if (access.requires !== 'approval') {
      return deny(`the policy does not let the ${recipient.role} role receive clips`);
    }
  }
  if (!access.purposes.includes(purpose)) {
    return deny(`the policy does not let the ${recipient.role} role use clips for "${purpose}"`);
  }
  if (access.requires === 'approval' || access.scope === 'approved-cases') {
    return approvedCase(policy, facts);
  }
  if (facts.grant !== undefined) {
    return deny('a share made for a performance-use request goes only to the roles that review such requests');
  }
  if (sender.role !== 'rep') {
    return deny('only a rep shares clips of their own calls; other roles cannot pass clips on');
  }
  switch (access.scope) {
    case 'own-calls':
      return deny(`a ${recipient.role} sees only their own calls`);
    case 'team-calls':
      return sameTeam(sender, recipient) ? ALLOW : deny(`a ${recipient.role} receives clips only from reps of their own team`);
    case 'approved-clips':
      return facts.tags.includes(APPROVED_FOR_PRODUCT_TAG)
        ? ALLOW
        : deny(`the ${recipient.role} role receives only clips tagged "${APPROVED_FOR_PRODUCT_TAG}"`);
    case 'selected-calls':
    case 'approved-calls':
      // The purpose was checked above against the role's list: that is the stated business
      // purpose these roles need ("approval" roles returned before the switch).
      return ALLOW;
    default:
      return assertNever(access.scope, 'access scope');
  }
}

function approvedCase(policy: Policy, facts: ShareFacts): AccessDecision {
  const { grant, sender, purpose } = facts;
  if (grant === undefined) {
    return deny(`the ${facts.recipient.role} role receives a clip only through an approved performance-use request`);
  }
  if (grant.status !== 'approved') {
    return deny(`the performance-use request is ${grant.status}, not approved`);
  }
  if (grant.recordingRef !== facts.recordingRef) {
    return deny('the performance-use request was approved for a different recording');
  }
  if (grant.use !== purpose) {
    return deny(`the request was approved for "${grant.use}", not "${purpose}"`);
  }
  if (sender.memberId !== grant.repId && sender.memberId !== grant.requesterId) {
    return deny('only the rep or the manager who filed the request may send its clip');
  }
  if (!policy.uses.requiresApproval.uses.some((use) => use.id === purpose)) {
    return deny(`"${purpose}" is not a use that needs approval under the policy`);
  }
  return ALLOW;
}

/** May `actor` file a performance-use request for a share they received from `rep`? */
export function mayFileRequest(policy: Policy, actor: Party, rep: Party, isRecipient: boolean, use: string): AccessDecision {
  if (actor.role !== 'manager') {
    return deny('only a manager files performance-use requests');
  }
  if (!isRecipient) {
    return deny('a manager files a request only for a clip shared with them');
  }
  if (!sameTeam(actor, rep)) {
    return deny('a manager files a request only for a rep of their own team');
  }
  if (!policy.uses.requiresApproval.uses.some((u) => u.id === use)) {
    return deny(`"${use}" is not a use that needs approval under the policy`);
  }
  return ALLOW;
}

/**
 * May `actor` approve or deny a performance-use request? HR and legal decide, when the policy
 * lists them as approvers; no one decides their own request.
 */
export function mayDecideRequest(policy: Policy, actor: Party, requesterId: string): AccessDecision {
  if (actor.role !== 'hr-and-legal' || !policy.uses.requiresApproval.approvers.includes('hr-and-legal')) {
    return deny('only HR and legal approve or deny performance-use requests');
  }
  if (actor.memberId === requesterId) {
    return deny('no one decides their own request');
  }
  return ALLOW;
}

/** Members, teams, invitations and the policy: the admin's job, and only the admin's. */
export function mayAdminister(actor: Party): AccessDecision {
  return actor.role === 'admin' ? ALLOW : deny('only an admin manages members, teams and the policy');
}
