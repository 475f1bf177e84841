import { canonicalJson } from './canonical-json';
import type { Policy } from './policy-schema';
import { sha256Hex } from './sha256';
import { assertNever } from '../../shared/assert';

/**
 * Which policy changes are "material": they change what a rep agreed to when acknowledging
 * the policy, so the rep is asked again.
 *
 * Material (re-acknowledge):
 * - purpose: why calls are recorded;
 * - uses: what recordings are used for, what needs extra approval, what they are never used for;
 * - call types: which calls are recorded and under which rule (a new call type, or a rule or
 *   its approvers changing); not a call type's label or reason wording;
 * - consent: scripts, whose consent is needed, regions, decline/withdrawal/late-join behaviour;
 * - access: who may open which recordings;
 * - retention: how long each artifact is kept, exemptions, deletion;
 * - summary review: when the human must check AI summaries (the rep's duty);
 * - sensitive categories: what must not be stored or shared, and how it is handled.
 *
 * Not material (no re-acknowledgment): policy metadata (name, version label, effective and
 * rollout dates), the review schedule and its owner or reviewers, the tag taxonomy, call-type
 * labels and reasons, and the do-not-record lists (they only ever stop recordings, which the
 * app enforces whatever the rep has read). Whitespace and layout in text never matter here:
 * reflowing a paragraph is not a change of meaning. Any other wording change in a material
 * section is material; code cannot tell a typo fix from a change of meaning, so it asks.
 */
export const MATERIAL_SECTIONS = ['purpose', 'uses', 'call-types', 'consent', 'access', 'retention', 'summary-review', 'sensitive-categories'] as const;
export type MaterialSection = (typeof MATERIAL_SECTIONS)[number];

/** Bump when the definition above changes: older fingerprints then differ and reps are asked again. */
const FINGERPRINT_VERSION = 'mf1';

/** Trims and collapses runs of whitespace in every string, recursively. */
function withoutLayout(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
  }
  if (Array.isArray(value)) {
    return value.map(withoutLayout);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutLayout(item)]));
  }
  return value;
}

function sectionContent(policy: Policy, section: MaterialSection): unknown {
  switch (section) {
    case 'purpose':
      return policy.purpose;
    case 'uses':
      return policy.uses;
    case 'call-types':
      return Object.fromEntries(Object.entries(policy.callTypes).map(([id, callType]) => [id, { rule: callType.rule, approvers: callType.approvers }]));
    case 'consent':
      return policy.consent;
    case 'access':
      return policy.access;
    case 'retention':
      return policy.retention;
    case 'summary-review':
      return policy.summaryReview;
    case 'sensitive-categories':
      return policy.sensitiveCategories;
    default:
      return assertNever(section);
  }
}

function sectionDigest(policy: Policy, section: MaterialSection): string {
  return canonicalJson(withoutLayout(sectionContent(policy, section)));
}

/**
 * A hash of only the material content. Two policies with the same fingerprint need no new
 * acknowledgment even when their content hashes differ.
 */
export function materialFingerprint(policy: Policy): string {
  const material = Object.fromEntries(MATERIAL_SECTIONS.map((section) => [section, sectionDigest(policy, section)]));
  return `${FINGERPRINT_VERSION}:sha256:${sha256Hex(canonicalJson(material))}`;
}

/** The material sections that differ between two policies, in a fixed order (empty: none). */
export function materialChanges(previous: Policy, next: Policy): MaterialSection[] {
  return MATERIAL_SECTIONS.filter((section) => sectionDigest(previous, section) !== sectionDigest(next, section));
}

export function describeMaterialSection(section: MaterialSection): string {
  switch (section) {
    case 'purpose':
      return 'why calls are recorded';
    case 'uses':
      return 'how recordings may be used';
    case 'call-types':
      return 'which calls are recorded';
    case 'consent':
      return 'how consent is asked for and handled';
    case 'access':
      return 'who can access recordings';
    case 'retention':
      return 'how long recordings are kept';
    case 'summary-review':
      return 'when AI summaries must be reviewed';
    case 'sensitive-categories':
      return 'which information must be protected';
    default:
      return assertNever(section);
  }
}
