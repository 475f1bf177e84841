import { assertNever } from '../../shared/assert';
import { addDuration, compareDates, dayNumber, type Duration } from '../policy/calendar';
import { RETENTION_ARTIFACTS, type DealOutcome, type Policy, type RetentionArtifact, type Role } from '../policy/policy-schema';

/**
 * Retention decisions: pure functions of a call's facts, its holds, the policy and today's date.
 * No I/O and no clock: the sweep, the "expiring soon" list, the simulation and the delete guard
 * all ask these same functions, so they cannot disagree about what goes and when.
 *
 * Days are UTC calendar days (YYYY-MM-DD). An artifact kept "until D" is destroyed on day D.
 */

/** What retention needs to know about one call. */
export interface CallRetentionFacts {
  readonly recordingId: string;
  readonly callType: string;
  /** The UTC day the call was recorded; periods count from it. */
  readonly recordedOn: string;
  /** The call's opportunity, once marked won or lost, and the day it was. */
  readonly deal?: { readonly outcome: DealOutcome; readonly decidedOn: string } | undefined;
}

/** A hold in force on a call (a released hold is not passed in). */
export interface ActiveHold {
  readonly id: string;
  /** The policy exemption it grants (legal-hold, training-library, compliance, ...). */
  readonly exemptionId: string;
  readonly issuedOn: string;
}

export type ArtifactDecision =
  | {
      readonly artifact: RetentionArtifact;
      readonly action: 'keep';
      /** The day it will be destroyed, or 'until-released' while a hold keeps it. */
      readonly until: string;
      readonly rule: string;
      readonly why: string;
      /** The hold that keeps it past its ordinary period, if one does. */
      readonly heldBy?: string;
    }
  | { readonly artifact: RetentionArtifact; readonly action: 'destroy'; readonly dueOn: string; readonly rule: string; readonly why: string };

export const UNTIL_RELEASED = 'until-released';

interface Period {
  readonly until: string;
  readonly rule: string;
  readonly why: string;
}

/** Every artifact of the call: keep until when, or destroy now, and why. */
export function decideRetention(facts: CallRetentionFacts, holds: readonly ActiveHold[], policy: Policy, today: string): ArtifactDecision[] {
  return RETENTION_ARTIFACTS.map((artifact) => decideArtifact(facts, holds, policy, today, artifact));
}

/**
 * Artifacts that quote the transcript (a summary cites the transcript version it was drafted
 * from, and its action items with it): they never outlive that transcript. Destroying the
 * transcript deletes them anyway (foreign key), so deciding them later would only leave the
 * call's row waiting for a day on which nothing is left to destroy.
 */
export const QUOTES_TRANSCRIPT: readonly RetentionArtifact[] = ['summary', 'action-items'];

/**
 * One artifact's decision. A summary (or its action items) goes on the earlier of its own day and
 * its transcript's day; and since the transcript's destruction takes its summaries with it, a
 * hold that keeps the summary (but not the transcript) keeps the transcript as long: held data
 * is never destroyed through a cascade.
 */
export function decideArtifact(facts: CallRetentionFacts, holds: readonly ActiveHold[], policy: Policy, today: string, artifact: RetentionArtifact): ArtifactDecision {
  if (artifact === 'transcript') {
    return transcriptDecision(facts, holds, policy, today);
  }
  const own = decideOwn(facts, holds, policy, today, artifact);
  if (!QUOTES_TRANSCRIPT.includes(artifact)) {
    return own;
  }
  const transcript = transcriptDecision(facts, holds, policy, today);
  if (!endsBefore(transcript, own)) {
    return own;
  }
  const why = `the ${artifact} quotes the call's transcript and goes with it (${transcript.why})`;
  return transcript.action === 'destroy'
    ? { artifact, action: 'destroy', dueOn: transcript.dueOn, rule: transcript.rule, why }
    : { artifact, action: 'keep', until: transcript.until, rule: transcript.rule, why, ...(transcript.heldBy === undefined ? {} : { heldBy: transcript.heldBy }) };
}

/** The transcript's own decision, kept as long as a hold keeps a summary that quotes it. */
function transcriptDecision(facts: CallRetentionFacts, holds: readonly ActiveHold[], policy: Policy, today: string): ArtifactDecision {
  let decision = decideOwn(facts, holds, policy, today, 'transcript');
  for (const quoting of QUOTES_TRANSCRIPT) {
    const held = decideOwn(facts, holds, policy, today, quoting);
    if (held.action === 'keep' && held.heldBy !== undefined && endsBefore(decision, held)) {
      decision = { artifact: 'transcript', action: 'keep', until: held.until, rule: held.rule, heldBy: held.heldBy, why: `kept while the held ${quoting} that quotes it is held (${held.why})` };
    }
  }
  return decision;
}

/** The day an artifact goes by this decision ('until-released' last). */
function endOf(decision: ArtifactDecision): string {
  return decision.action === 'destroy' ? decision.dueOn : decision.until;
}

/** Does `a` end strictly before `b`? A destroy-now ends before any keep. */
function endsBefore(a: ArtifactDecision, b: ArtifactDecision): boolean {
  if (a.action === 'destroy' && b.action === 'keep') {
    return true;
  }
  if (a.action === 'keep' && b.action === 'destroy') {
    return false;
  }
  return later(endOf(b), endOf(a));
}

function decideOwn(facts: CallRetentionFacts, holds: readonly ActiveHold[], policy: Policy, today: string, artifact: RetentionArtifact): ArtifactDecision {
  const period = ordinaryPeriod(facts, policy, artifact);
  const hold = strongestHold(facts, holds, policy, artifact);
  if (hold !== undefined && (hold.until === UNTIL_RELEASED || compareDates(hold.until, period.until) > 0)) {
    if (hold.until === UNTIL_RELEASED || compareDates(today, hold.until) < 0) {
      return { artifact, action: 'keep', until: hold.until, rule: hold.rule, why: hold.why, heldBy: hold.holdId };
    }
    return { artifact, action: 'destroy', dueOn: hold.until, rule: hold.rule, why: `${hold.why}; that period has ended` };
  }
  if (compareDates(today, period.until) >= 0) {
    return { artifact, action: 'destroy', dueOn: period.until, rule: period.rule, why: period.why };
  }
  return { artifact, action: 'keep', until: period.until, rule: period.rule, why: period.why };
}

/** The period the policy gives an artifact of this call, holds aside. */
function ordinaryPeriod(facts: CallRetentionFacts, policy: Policy, artifact: RetentionArtifact): Period {
  const { retention } = policy;
  const byType = retention.byCallType[facts.callType]?.[artifact];
  const base: Period =
    byType === undefined
      ? { until: addDuration(facts.recordedOn, retention.default[artifact]), rule: `retention.default.${artifact}`, why: `${artifact} is kept ${words(retention.default[artifact])} after the call` }
      : { until: addDuration(facts.recordedOn, byType), rule: `retention.byCallType.${facts.callType}.${artifact}`, why: `${artifact} of a ${facts.callType} call is kept ${words(byType)} after the call` };
  const deal = facts.deal;
  if (deal === undefined) {
    return base;
  }
  const dealRule = retention.deletion.onDealClosedOrLost;
  switch (dealRule) {
    case 'keep-until-retention-ends':
      return base;
    case 'delete-now':
      return { until: deal.decidedOn, rule: 'retention.deletion.onDealClosedOrLost', why: `the deal was ${deal.outcome} on ${deal.decidedOn} and the policy deletes a closed deal's calls then` };
    case 'count-from-outcome': {
      const afterOutcome = retention.afterDealOutcome?.[deal.outcome][artifact];
      if (afterOutcome === undefined) {
        return base;
      }
      return {
        until: addDuration(deal.decidedOn, afterOutcome),
        rule: `retention.afterDealOutcome.${deal.outcome}.${artifact}`,
        why: `${artifact} is kept ${words(afterOutcome)} after the deal was ${deal.outcome} (${deal.decidedOn})`,
      };
    }
    default:
      return assertNever(dealRule, 'deal rule');
  }
}

interface HoldPeriod {
  readonly holdId: string;
  readonly until: string;
  readonly rule: string;
  readonly why: string;
}

/**
 * The hold that keeps this artifact longest. A hold naming an exemption the policy no longer
 * defines keeps everything until it is released: unknown is a "keep", never a "destroy".
 */
function strongestHold(facts: CallRetentionFacts, holds: readonly ActiveHold[], policy: Policy, artifact: RetentionArtifact): HoldPeriod | undefined {
  let strongest: HoldPeriod | undefined;
  for (const hold of holds) {
    const exemption = policy.retention.exemptions.find((e) => e.id === hold.exemptionId);
    let candidate: HoldPeriod | undefined;
    if (exemption === undefined) {
      candidate = { holdId: hold.id, until: UNTIL_RELEASED, rule: `hold.${hold.exemptionId}`, why: `held (${hold.exemptionId}, an exemption this policy does not define) until the hold is released` };
    } else if (exemption.appliesTo.includes(artifact)) {
      candidate =
        exemption.keep === UNTIL_RELEASED
          ? { holdId: hold.id, until: UNTIL_RELEASED, rule: `retention.exemptions.${exemption.id}`, why: `held: ${exemption.description} (kept until the hold is released)` }
          : { holdId: hold.id, until: addDuration(facts.recordedOn, exemption.keep), rule: `retention.exemptions.${exemption.id}`, why: `held: ${exemption.description} (kept ${words(exemption.keep)} after the call)` };
    }
    if (candidate !== undefined && (strongest === undefined || later(candidate.until, strongest.until))) {
      strongest = candidate;
    }
  }
  return strongest;
}

function later(a: string, b: string): boolean {
  if (b === UNTIL_RELEASED) {
    return false;
  }
  return a === UNTIL_RELEASED || compareDates(a, b) > 0;
}

function words(duration: Duration): string {
  return `${duration.amount} ${duration.unit}${duration.amount === 1 ? '' : 's'}`;
}

/**
 * The holds that keep the call from being deleted today: every hold in force, unless it grants a
 * fixed period that has already ended. Each comes with the reason shown to whoever tried.
 */
export function holdsBlockingDeletion(facts: CallRetentionFacts, holds: readonly ActiveHold[], policy: Policy, today: string): { readonly holdId: string; readonly why: string }[] {
  const blocking: { holdId: string; why: string }[] = [];
  for (const hold of holds) {
    const exemption = policy.retention.exemptions.find((e) => e.id === hold.exemptionId);
    if (exemption === undefined) {
      blocking.push({ holdId: hold.id, why: `held (${hold.exemptionId}, an exemption this policy does not define) until the hold is released` });
    } else if (exemption.keep === UNTIL_RELEASED) {
      blocking.push({ holdId: hold.id, why: `held: ${exemption.description} (until the hold is released)` });
    } else if (compareDates(today, addDuration(facts.recordedOn, exemption.keep)) < 0) {
      blocking.push({ holdId: hold.id, why: `held: ${exemption.description} (until ${addDuration(facts.recordedOn, exemption.keep)})` });
    }
  }
  return blocking;
}

export type EarlyDeletion = { readonly allowed: true } | { readonly allowed: false; readonly reason: string; readonly holdIds: readonly string[] };

/**
 * May this person delete the call before its retention ends? The policy's whoMayDelete names the
 * roles; a rep only their own calls. A held call is refused whoever asks, naming the hold.
 */
export function mayDeleteEarly(
  who: { readonly roles: readonly Role[]; readonly ownCall: boolean },
  facts: CallRetentionFacts,
  holds: readonly ActiveHold[],
  policy: Policy,
  today: string,
): EarlyDeletion {
  const held = holdsBlockingDeletion(facts, holds, policy, today);
  if (held.length > 0) {
    return { allowed: false, holdIds: held.map((h) => h.holdId), reason: `This call is held and cannot be deleted by anyone: ${held.map((h) => h.why).join('; ')}.` };
  }
  const permitted = who.roles.some((role) => policy.retention.deletion.whoMayDelete.includes(role) && (role !== 'rep' || who.ownCall));
  if (!permitted) {
    return { allowed: false, holdIds: [], reason: `The policy lets only ${policy.retention.deletion.whoMayDelete.join(' or ')} delete calls early (a rep only their own).` };
  }
  return { allowed: true };
}

/**
 * May someone acting in these roles run a customer deletion request (find and destroy) on their
 * vault? The policy's whoMayDelete decides, as for an early delete; a rep's vault holds only the
 * rep's own calls, and held calls are kept by the request whoever runs it.
 */
export function mayRunDeletionRequest(roles: readonly Role[], policy: Policy): { readonly allowed: true } | { readonly allowed: false; readonly reason: string } {
  if (roles.some((role) => policy.retention.deletion.whoMayDelete.includes(role))) {
    return { allowed: true };
  }
  return {
    allowed: false,
    reason: `The policy lets only ${policy.retention.deletion.whoMayDelete.join(' or ')} delete calls (a rep only their own); you act as ${roles.join(' and ') || 'no role'}. Ask one of them to run the customer's request.`,
  };
}

/** Artifacts to be destroyed within `days` days after today (not those already due), soonest first. */
export function expiringWithin(decisions: readonly ArtifactDecision[], today: string, days: number): (ArtifactDecision & { action: 'keep' })[] {
  const limit = dayNumber(today) + days;
  return decisions
    .filter((d): d is ArtifactDecision & { action: 'keep' } => d.action === 'keep' && d.until !== UNTIL_RELEASED && dayNumber(d.until) <= limit)
    .sort((a, b) => compareDates(a.until, b.until));
}

// Added for calls without a recording (review finding on #15): append-only block.

/** What retention knows about a call that has no recording (never recorded, declined, or its recording deleted). */
export interface UnrecordedCallFacts {
  readonly callId: string;
  readonly callType: string;
  /** The UTC day the call was prepared; its period counts from it. */
  readonly calledOn: string;
}

/** The artifacts a call's metadata is weighed against: what the vault stores for a call. */
export const CALL_METADATA_ARTIFACTS: readonly RetentionArtifact[] = ['recording', 'transcript', 'summary', 'notes', 'tags'];

export type CallMetadataDecision =
  | { readonly action: 'keep'; readonly until: string; readonly rule: string; readonly why: string; readonly heldBy?: string }
  | { readonly action: 'destroy'; readonly dueOn: string; readonly rule: string; readonly why: string };

/**
 * The call-level metadata (account, meeting title, participants, consent records' names and
 * emails, the call's notes) of a call with no recording is kept no longer than the strictest
 * period the policy gives any artifact of a call of that type (counted from the call's day, the
 * call-type line before the default): nothing about a call outlives every rule, and a call that
 * was never recorded holds no content to justify a longer one. A hold still in force on the
 * call's former recording keeps it until released (fail closed).
 */
export function decideCallMetadata(facts: UnrecordedCallFacts, holds: readonly ActiveHold[], policy: Policy, today: string): CallMetadataDecision {
  const held = holds[0];
  if (held !== undefined) {
    return { action: 'keep', until: UNTIL_RELEASED, rule: `hold.${held.exemptionId}`, why: `held (${held.exemptionId}) until the hold is released`, heldBy: held.id };
  }
  const periodOf = (artifact: RetentionArtifact): Period => {
    const byType = policy.retention.byCallType[facts.callType]?.[artifact];
    return byType === undefined
      ? { until: addDuration(facts.calledOn, policy.retention.default[artifact]), rule: `retention.default.${artifact}`, why: `a call with no recording is kept no longer than its shortest artifact period (${artifact}, ${words(policy.retention.default[artifact])})` }
      : { until: addDuration(facts.calledOn, byType), rule: `retention.byCallType.${facts.callType}.${artifact}`, why: `a ${facts.callType} call with no recording is kept no longer than its shortest artifact period (${artifact}, ${words(byType)})` };
  };
  const strictest = CALL_METADATA_ARTIFACTS.map(periodOf).reduce((a, b) => (compareDates(b.until, a.until) < 0 ? b : a), periodOf('recording'));
  return compareDates(today, strictest.until) >= 0
    ? { action: 'destroy', dueOn: strictest.until, rule: strictest.rule, why: strictest.why }
    : { action: 'keep', until: strictest.until, rule: strictest.rule, why: strictest.why };
}

// Added for the coming erasures of calls without a recording (exe16): append-only block.

/**
 * A call without a recording whose metadata is erased within `days` days after today (as
 * `expiringWithin` for artifacts: not one already due, which the next sweep erases, and never one
 * a hold keeps until released), with the rule and the reason; null otherwise.
 */
export function callMetadataExpiringWithin(decision: CallMetadataDecision, today: string, days: number): (CallMetadataDecision & { action: 'keep' }) | null {
  if (decision.action !== 'keep' || decision.until === UNTIL_RELEASED) {
    return null;
  }
  return dayNumber(decision.until) <= dayNumber(today) + days ? decision : null;
}
