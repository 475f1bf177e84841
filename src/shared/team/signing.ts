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
