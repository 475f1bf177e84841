/**
 * The exact texts members sign. Each starts with its own domain line, so a signature made for
 * one purpose (a sign-in) can never be replayed as another (a decision or a manifest).
 */
export function enrollMessage(code: string, signingKey: string, boxKey: string): string {
  return `callvault-enroll-v1\n${code}\n${signingKey}\n${boxKey}`;
}

export function signInMessage(challengeId: string, nonce: string): string {
  return `callvault-signin-v1\n${challengeId}\n${nonce}`;
}

export function decisionMessage(requestId: string, decision: string, deciderId: string): string {
  return `callvault-decision-v1\n${requestId}\n${decision}\n${deciderId}`;
}

/** Key fingerprints hash this prefix and the raw key (BLAKE2b-256, hex). */
export function fingerprintPrefix(kind: 'signing' | 'box'): string {
  return `callvault-key-v1:${kind}:`;
}

/** What the organisation's admin key signs: a roster or a policy publication, by their exact JSON text. */
export function publicationMessage(kind: 'roster' | 'policy', body: string): string {
  return `callvault-${kind}-v1\n${body}`;
}

/** What a retiring organisation key signs to hand over to the next one: a key-change statement's exact JSON text. */
export function orgKeyStatementMessage(body: string): string {
  return `callvault-orgkey-v1\n${body}`;
}

// --- Approvals for approval-gated call types (#14 section 3) ---

/** The fields an approver signs: the request, the rep, the call type, the window, the policy and the sealed details' digest. */
export interface CallApprovalTerms {
  readonly requestId: string;
  readonly repId: string;
  readonly callType: string;
  /** ISO 8601 instants: the call may start from validFrom until validUntil. */
  readonly validFrom: string;
  readonly validUntil: string;
  readonly policyHash: string;
  /** callApprovalDetailsDigest() of the account and reason the rep sealed to the approvers. */
  readonly detailsDigest: string;
}

/**
 * The exact text an approver signs with their enrolled Ed25519 key to approve or deny a call
 * approval request. The decision and the approver are part of it, so a denial can never be
 * replayed as an approval, nor one approver's signature presented as another's.
 */
export function callApprovalMessage(terms: CallApprovalTerms, decision: 'approved' | 'denied', approverId: string): string {
  return [
    'callvault-call-approval-v1',
    `request ${terms.requestId}`,
    `rep ${terms.repId}`,
    `call-type ${terms.callType}`,
    `valid-from ${terms.validFrom}`,
    `valid-until ${terms.validUntil}`,
    `policy ${terms.policyHash}`,
    `details ${terms.detailsDigest}`,
    `decision ${decision}`,
    `approver ${approverId}`,
  ].join('\n');
}

/** Prefixed to the sealed details' exact JSON text before hashing (SHA-256, hex) into `detailsDigest`. */
export const CALL_APPROVAL_DETAILS_PREFIX = 'callvault-call-approval-details-v1\n';
