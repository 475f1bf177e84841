import { z } from 'zod';
import {
  dateSchema,
  durationSchema,
  emailDomainSchema,
  emailSchema,
  idSchema,
  keywordSchema,
  regionGroupNameSchema,
  regionOrGroupSchema,
  regionSchema,
  textSchema,
} from './policy-primitives';
import { foldText } from './text-match';

/**
 * The governance policy file, section by section as the framework article lays it out. Every
 * object is strict: an unknown key is a mistake (a misspelt "titleKeyword" must not silently
 * turn a do-not-record list off). Cross-field rules live in policy-checks.ts.
 */

/** The schema this code reads; a file written for another version is refused, not guessed at. */
export const POLICY_SCHEMA_VERSION = 1;

export const RECORDING_RULES = ['standard', 'optional', 'requires-approval', 'prohibited'] as const;
export type RecordingRule = (typeof RECORDING_RULES)[number];

/** Call types every policy must give a rule for; the recorder offers these. A policy may add more. */
export const REQUIRED_CALL_TYPES = [
  'discovery',
  'demo',
  'qualification',
  'onboarding',
  'renewal',
  'implementation-handoff',
  'training',
  'customer-success',
  'legal-discussion',
  'procurement-negotiation',
  'hr-related',
  'security-incident',
  'executive-escalation',
] as const;

export const ROLES = ['rep', 'manager', 'sales-leadership', 'enablement', 'product-and-marketing', 'hr-and-legal', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a call produces. "insights" are tagged themes drawn from many calls. */
export const ARTIFACTS = ['recording', 'transcript', 'summary', 'action-items', 'clip', 'insights'] as const;
export type Artifact = (typeof ARTIFACTS)[number];

export const ACCESS_SCOPES = ['own-calls', 'team-calls', 'selected-calls', 'approved-calls', 'approved-clips', 'approved-cases', 'none'] as const;
export const ACCESS_CONDITIONS = ['nothing-more', 'business-purpose', 'approval'] as const;

export const CONSENT_ACTIONS = [
  'stop-recording',
  'pause-recording',
  'continue-meeting-without-recording',
  'take-manual-notes',
  'remove-ai-assistant',
  'notify-manager',
  'disclose-recording',
  'ask-consent',
  'log-response',
] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

export const SUMMARY_GATES = [
  'send-follow-up-email',
  'update-crm-notes',
  'share-recap-with-customer',
  'escalate-deal-risk',
  'customer-success-handoff',
  'summarize-commitments',
  'management-decision',
] as const;
export type SummaryGate = (typeof SUMMARY_GATES)[number];

export const SENSITIVE_HANDLING = ['do-not-store', 'redact', 'restrict-access'] as const;

const roleSchema = z.enum(ROLES);
const artifactSchema = z.enum(ARTIFACTS);
const consentActions = z.array(z.enum(CONSENT_ACTIONS)).min(1);

const metaSchema = z.strictObject({
  id: idSchema,
  name: textSchema,
  /**
   * The organisation the policy governs ("Northwind Traders"), where the file names it. An
   * attacker who knows the rep knows it too: passphrases built from it count as guessable.
   */
  organisation: textSchema.optional(),
  /** Shown to people ("1.2"); the content hash, not this, identifies the policy. */
  version: textSchema,
  /** The first day this version governs recordings. */
  effectiveDate: dateSchema,
  /** When recording was rolled out; anchors the review schedule. Null until it is known. */
  rolloutDate: dateSchema.nullable(),
});

const callTypeSchema = z.strictObject({
  label: textSchema,
  rule: z.enum(RECORDING_RULES),
  /** Shown to the rep when the rule blocks or asks for approval. */
  reason: textSchema.optional(),
  /** Roles whose approval unlocks a requires-approval call type. */
  approvers: z.array(roleSchema).default([]),
});

const doNotRecordSchema = z.strictObject({
  emailDomains: z.array(emailDomainSchema).default([]),
  titleKeywords: z.array(keywordSchema).default([]),
  contacts: z.array(z.strictObject({ email: emailSchema, name: textSchema.optional(), reason: textSchema.optional() })).default([]),
});

const consentSchema = z.strictObject({
  /** Whose yes is needed where no stricter rule applies. */
  requiredFrom: z.enum(['customer-side', 'all']),
  /** A participant with no (or an unreadable) region: treat as all-party, or as the default. */
  unknownRegion: z.enum(['all', 'default']),
  defaultScript: idSchema,
  scripts: z.array(z.strictObject({ id: idSchema, version: z.int().min(1), text: textSchema })).min(1),
  /** First matching rule picks the script; an empty list of call types or regions matches any. */
  scriptRules: z
    .array(z.strictObject({ callTypes: z.array(idSchema).default([]), regions: z.array(regionOrGroupSchema).default([]), script: idSchema }))
    .default([]),
  allPartyRegions: z.array(regionOrGroupSchema),
  regionGroups: z.record(regionGroupNameSchema, z.array(regionSchema).min(1)).default({}),
  onDecline: z.strictObject({ actions: consentActions }),
  onWithdrawal: z.strictObject({ actions: consentActions, capturedAudio: z.enum(['delete-all', 'keep-consented-portion']) }),
  onLateJoin: z.strictObject({ actions: consentActions, pauseUntilConsent: z.enum(['always', 'when-consent-required-from-all']) }),
});

const useSchema = z.strictObject({ id: idSchema, description: textSchema });

const usesSchema = z.strictObject({
  permitted: z.array(useSchema).min(1),
  requiresApproval: z.strictObject({ approvers: z.array(roleSchema).min(1), uses: z.array(useSchema).min(1) }),
  /** How recordings will not be used; shown before the first recording. */
  neverUsedFor: z.array(textSchema).min(1),
});

const roleAccessSchema = z.strictObject({
  scope: z.enum(ACCESS_SCOPES),
  artifacts: z.array(artifactSchema),
  requires: z.enum(ACCESS_CONDITIONS),
  /** Use ids (from uses) this role may use recordings for; empty means none beyond viewing. */
  purposes: z.array(idSchema).default([]),
  note: textSchema.optional(),
});

/**
 * What retention counts for, per call: the ARTIFACTS a role may open plus what only the rep's
 * vault holds (manual notes, tags). Every one needs a period: nothing is kept forever by default.
 */
export const RETENTION_ARTIFACTS = ['recording', 'transcript', 'summary', 'action-items', 'notes', 'tags', 'clip', 'insights'] as const;
export type RetentionArtifact = (typeof RETENTION_ARTIFACTS)[number];

const retentionArtifactSchema = z.enum(RETENTION_ARTIFACTS);
const partialArtifactDurations = z.strictObject(
  Object.fromEntries(RETENTION_ARTIFACTS.map((artifact) => [artifact, durationSchema.optional()])) as Record<RetentionArtifact, z.ZodOptional<typeof durationSchema>>,
);
/** Every artifact with its period; a missing one is named, so the policy is refused with a reason. */
const artifactDurations = partialArtifactDurations.transform((periods, ctx) => {
  const missing = RETENTION_ARTIFACTS.filter((artifact) => periods[artifact] === undefined);
  for (const artifact of missing) {
    ctx.addIssue({ code: 'custom', path: [artifact], message: `no retention period for "${artifact}": every artifact needs one (nothing is kept forever by default)` });
  }
  return missing.length > 0 ? z.NEVER : (periods as Record<RetentionArtifact, z.output<typeof durationSchema>>);
});

export const DEAL_OUTCOMES = ['won', 'lost'] as const;
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

/** What a closed deal does to its calls' retention (see src/core/retention/decide-retention.ts). */
export const DEAL_RULES = ['keep-until-retention-ends', 'delete-now', 'count-from-outcome'] as const;

const retentionSchema = z.strictObject({
  default: artifactDurations,
  byCallType: z.record(idSchema, partialArtifactDurations).default({}),
  /**
   * With onDealClosedOrLost "count-from-outcome": periods counted from the day the call's
   * opportunity was marked won or lost, replacing the period counted from the call's day for the
   * artifacts listed. Artifacts not listed keep their ordinary period.
   */
  afterDealOutcome: z.strictObject({ won: partialArtifactDurations.default({}), lost: partialArtifactDurations.default({}) }).optional(),
  exemptions: z
    .array(
      z.strictObject({
        id: idSchema,
        description: textSchema,
        appliesTo: z.array(retentionArtifactSchema).min(1),
        keep: z.union([z.literal('until-released'), durationSchema], { error: 'expected "until-released" or a duration such as 90d, 6mo or 1y' }),
        grantedBy: z.array(roleSchema).min(1),
      }),
    )
    .default([]),
  deletion: z.strictObject({
    /** Who may delete a call before its retention ends (a rep only their own calls); never a held one. */
    whoMayDelete: z.array(roleSchema).min(1),
    onCustomerRequest: z.enum(['delete-all-artifacts', 'review-then-delete']),
    onDealClosedOrLost: z.enum(DEAL_RULES),
  }),
});

/** A word or phrase a tag suggestion rule looks for: folded (case, accents) like title keywords. */
const suggestTermSchema = z.string({ error: 'expected a word or phrase' }).transform((text, ctx) => {
  const folded = foldText(text).replace(/\s+/gu, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(folded)) {
    ctx.addIssue({ code: 'custom', message: 'a suggestion word or phrase needs at least one letter or digit' });
    return z.NEVER;
  }
  if (folded.length > MAX_SUGGEST_TERM_CHARS) {
    ctx.addIssue({ code: 'custom', message: `a suggestion word or phrase has at most ${MAX_SUGGEST_TERM_CHARS} characters` });
    return z.NEVER;
  }
  return folded;
});

export const MAX_SUGGEST_TERM_CHARS = 100;
export const MAX_SUGGEST_TERMS = 300;
export const SUGGEST_SPEAKERS = ['any', 'rep', 'customer'] as const;

/**
 * When to suggest a tag from the transcript: any listed phrase, competitor name or single word
 * said (by `speaker`, if given). Suggestions are offered to the rep, who accepts or rejects each;
 * a rule never tags a call by itself.
 */
const tagSuggestSchema = z.strictObject({
  phrases: z.array(suggestTermSchema).max(MAX_SUGGEST_TERMS, { error: `at most ${MAX_SUGGEST_TERMS} phrases per tag` }).default([]),
  competitors: z.array(suggestTermSchema).max(MAX_SUGGEST_TERMS, { error: `at most ${MAX_SUGGEST_TERMS} competitor names per tag` }).default([]),
  /** Single words, such as pricing words ("price", "discount"); a phrase goes under phrases. */
  words: z.array(suggestTermSchema).max(MAX_SUGGEST_TERMS, { error: `at most ${MAX_SUGGEST_TERMS} words per tag` }).default([]),
  speaker: z.enum(SUGGEST_SPEAKERS, { error: 'expected "any", "rep" or "customer"' }).default('any'),
});

const tagSchema = z.strictObject({ id: idSchema, label: textSchema, suggest: tagSuggestSchema.optional() });

const reviewSchema = z.strictObject({
  afterRollout: z.array(durationSchema),
  thenEvery: durationSchema,
  owner: textSchema,
  reviewers: z.array(textSchema).min(1),
  questions: z.array(textSchema).default([]),
});

export const PolicySchema = z.strictObject({
  schemaVersion: z.literal(POLICY_SCHEMA_VERSION, { error: `must be ${POLICY_SCHEMA_VERSION}: this CallVault reads version ${POLICY_SCHEMA_VERSION} policies` }),
  policy: metaSchema,
  purpose: z.strictObject({ statement: textSchema }),
  callTypes: z.record(idSchema, callTypeSchema),
  doNotRecord: doNotRecordSchema,
  consent: consentSchema,
  uses: usesSchema,
  access: z.strictObject({ roles: z.strictObject(Object.fromEntries(ROLES.map((role) => [role, roleAccessSchema])) as Record<Role, typeof roleAccessSchema>) }),
  retention: retentionSchema,
  tags: z.array(tagSchema).min(1),
  summaryReview: z.strictObject({ rule: textSchema, requiredBefore: z.array(z.enum(SUMMARY_GATES)).min(1) }),
  sensitiveCategories: z.array(z.strictObject({ id: idSchema, label: textSchema, handling: z.enum(SENSITIVE_HANDLING) })).min(1),
  review: reviewSchema,
});

/** A policy as the app uses it: validated, normalised, immutable by convention. */
export type Policy = z.output<typeof PolicySchema>;
export type CallTypePolicy = Policy['callTypes'][string];
export type ConsentPolicy = Policy['consent'];
export type ConsentScript = ConsentPolicy['scripts'][number];
export type RoleAccess = Policy['access']['roles'][Role];
export type TagPolicy = Policy['tags'][number];
export type TagSuggestRule = NonNullable<TagPolicy['suggest']>;
