import { describeMaterialSection, type MaterialSection } from './material-change';
import type { PolicyHash } from './policy-hash';
import type { LoadedPolicy } from './policy-load';

/** What is stored when a rep acknowledges a policy. */
export interface AcknowledgmentRecord {
  readonly policyHash: PolicyHash;
  /** The material fingerprint acknowledged; absent in records that predate it. */
  readonly materialFingerprint?: string | undefined;
  /** ISO 8601 instant. */
  readonly acknowledgedAt: string;
}

export type AcknowledgmentNeed =
  | { readonly needed: true; readonly reason: 'never-acknowledged' | 'material-change' }
  | { readonly needed: false; readonly reason: 'same-policy' | 'non-material-change' };

/**
 * Whether the rep must (re-)acknowledge before recording. The same content hash, or the same
 * material fingerprint, means what they agreed to still stands. A record without a
 * fingerprint and a different hash cannot show the change was immaterial, so it asks.
 */
export function acknowledgmentNeed(current: LoadedPolicy, last: AcknowledgmentRecord | undefined): AcknowledgmentNeed {
  if (!last) {
    return { needed: true, reason: 'never-acknowledged' };
  }
  if (last.policyHash === current.hash) {
    return { needed: false, reason: 'same-policy' };
  }
  if (last.materialFingerprint !== undefined && last.materialFingerprint === current.materialFingerprint) {
    return { needed: false, reason: 'non-material-change' };
  }
  return { needed: true, reason: 'material-change' };
}

/** What the rep reads before acknowledging: the purpose and how recordings will and will not be used. */
export interface AcknowledgmentContent {
  readonly policyName: string;
  readonly policyVersion: string;
  readonly policyHash: PolicyHash;
  readonly purpose: string;
  readonly willBeUsedFor: readonly string[];
  /** Uses that happen only with extra approval, and whose approval. */
  readonly onlyWithApproval: { readonly uses: readonly string[]; readonly approvers: readonly string[] };
  readonly willNotBeUsedFor: readonly string[];
  /** When asking again: what changed since the last acknowledgment, if known. */
  readonly changed: readonly string[];
}

export function acknowledgmentContent(current: LoadedPolicy, changedSections: readonly MaterialSection[] = []): AcknowledgmentContent {
  const { policy } = current;
  return {
    policyName: policy.policy.name,
    policyVersion: policy.policy.version,
    policyHash: current.hash,
    purpose: policy.purpose.statement,
    willBeUsedFor: policy.uses.permitted.map((use) => use.description),
    onlyWithApproval: { uses: policy.uses.requiresApproval.uses.map((use) => use.description), approvers: policy.uses.requiresApproval.approvers },
    willNotBeUsedFor: policy.uses.neverUsedFor,
    changed: changedSections.map(describeMaterialSection),
  };
}

/** The record to store once the rep has read `current` and said yes. */
export function acknowledge(current: LoadedPolicy, at: Date): AcknowledgmentRecord {
  return { policyHash: current.hash, materialFingerprint: current.materialFingerprint, acknowledgedAt: at.toISOString() };
}
