import type { ConsentAction, ConsentPolicy, ConsentScript } from './policy-schema';
import { matchRegion, participantRegion } from './region-match';
import { assertNever } from '../../shared/assert';

/** Someone on the call, as the rep lists them. */
export interface CallParticipant {
  readonly name: string;
  readonly email: string;
  /** ISO 3166 code ("US-CA", "DE"); optional because reps often do not know it. */
  readonly region?: string | undefined;
}

/** Why consent is needed from everyone, or the policy default otherwise. */
export type ConsentTrigger =
  | { readonly kind: 'policy-default' }
  | { readonly kind: 'all-party-region'; readonly who: string; readonly region: string; readonly entry: string }
  | { readonly kind: 'ambiguous-region'; readonly who: string; readonly region: string; readonly entry: string }
  | { readonly kind: 'unknown-region'; readonly who: string; readonly given: string | undefined };

/**
 * "all": every participant must say yes, each recorded. "customer-side": the rep discloses to
 * everyone and a customer-side yes is recorded; any participant's no is still a decline.
 */
export type ConsentScope = 'all' | 'customer-side';

export interface ConsentRequirement {
  readonly requiredFrom: ConsentScope;
  readonly because: readonly ConsentTrigger[];
}

/** The recorder is named so in triggers; their region matters as much as the others'. */
export const RECORDER = 'you (the recorder)';

function triggerFor(consent: ConsentPolicy, who: string, rawRegion: string | undefined): ConsentTrigger | undefined {
  const region = participantRegion(rawRegion);
  if (region === undefined) {
    // Not knowing where someone is cannot prove that one yes is enough.
    return consent.unknownRegion === 'all' ? { kind: 'unknown-region', who, given: rawRegion } : undefined;
  }
  const match = matchRegion(region, consent.allPartyRegions, consent.regionGroups);
  switch (match.kind) {
    case 'match':
      return { kind: 'all-party-region', who, region, entry: match.entry };
    case 'ambiguous':
      return { kind: 'ambiguous-region', who, region, entry: match.entry };
    case 'none':
      return undefined;
    default:
      return assertNever(match);
  }
}

/**
 * Whose consent this call needs. Everyone's when the policy says so, when anyone (the recorder
 * included, if their region is known) is in an all-party-consent region, or when a region is
 * unknown or only a country where the list names its states, and the policy treats unknown
 * regions as all-party.
 */
export function consentRequirement(consent: ConsentPolicy, participants: readonly CallParticipant[], recorderRegion?: string): ConsentRequirement {
  const because: ConsentTrigger[] = [];
  if (consent.requiredFrom === 'all') {
    because.push({ kind: 'policy-default' });
  }
  if (recorderRegion !== undefined) {
    const trigger = triggerFor(consent, RECORDER, recorderRegion);
    if (trigger) {
      because.push(trigger);
    }
  }
  for (const participant of participants) {
    const trigger = triggerFor(consent, participant.email, participant.region);
    if (trigger) {
      because.push(trigger);
    }
  }
  return { requiredFrom: because.length > 0 ? 'all' : 'customer-side', because };
}

/**
 * The script to read: the first rule whose call types and regions match (an empty list
 * matches anything; a region rule matches when any participant is in one of its regions),
 * otherwise the default script. Undefined only for a policy that failed its own checks.
 */
export function chooseConsentScript(consent: ConsentPolicy, callType: string, participants: readonly CallParticipant[]): ConsentScript | undefined {
  const regions = participants.map((p) => participantRegion(p.region)).filter((r): r is string => r !== undefined);
  const rule = consent.scriptRules.find(
    (candidate) =>
      (candidate.callTypes.length === 0 || candidate.callTypes.includes(callType)) &&
      (candidate.regions.length === 0 || regions.some((region) => matchRegion(region, candidate.regions, consent.regionGroups).kind === 'match')),
  );
  const id = rule?.script ?? consent.defaultScript;
  return consent.scripts.find((script) => script.id === id);
}

export interface DeclineHandling {
  readonly actions: readonly ConsentAction[];
}

/** What the rep does when someone says no before or when recording starts. */
export function declineHandling(consent: ConsentPolicy): DeclineHandling {
  return { actions: consent.onDecline.actions };
}

export interface WithdrawalHandling {
  readonly actions: readonly ConsentAction[];
  /** Whether the audio captured before the withdrawal is destroyed or kept. */
  readonly capturedAudio: ConsentPolicy['onWithdrawal']['capturedAudio'];
}

/** What happens when someone takes consent back during the call. */
export function withdrawalHandling(consent: ConsentPolicy): WithdrawalHandling {
  return { actions: consent.onWithdrawal.actions, capturedAudio: consent.onWithdrawal.capturedAudio };
}

export interface LateJoinHandling {
  readonly actions: readonly ConsentAction[];
  /** Stop capturing until the newcomer's answer is recorded. */
  readonly pauseRecording: boolean;
  /** The call's requirement from now on: a newcomer from an all-party region makes it "all". */
  readonly requirement: ConsentRequirement;
}

/**
 * Someone joins after recording started. They always hear the disclosure and are asked; the
 * recording pauses until they answer when the policy says always, or when the call (now)
 * needs everyone's consent. A no from them is a decline (see declineHandling).
 */
export function lateJoinHandling(consent: ConsentPolicy, current: ConsentRequirement, joiner: CallParticipant): LateJoinHandling {
  const trigger = triggerFor(consent, joiner.email, joiner.region);
  const because = trigger ? [...current.because, trigger] : current.because;
  const requirement: ConsentRequirement = { requiredFrom: because.length > 0 ? 'all' : current.requiredFrom, because };
  const pauseRecording = consent.onLateJoin.pauseUntilConsent === 'always' || requirement.requiredFrom === 'all';
  return { actions: consent.onLateJoin.actions, pauseRecording, requirement };
}

/** Words for the consent screen. */
export function describeConsentTrigger(trigger: ConsentTrigger): string {
  switch (trigger.kind) {
    case 'policy-default':
      return 'The policy asks every participant for consent.';
    case 'all-party-region':
      return `${trigger.who} is in ${trigger.region}, where every participant must consent (${trigger.entry}).`;
    case 'ambiguous-region':
      return `${trigger.who} is in ${trigger.region}; the policy lists ${trigger.entry}, so every participant must consent unless a more precise region is given.`;
    case 'unknown-region':
      return trigger.given === undefined
        ? `No region is given for ${trigger.who}, so every participant must consent.`
        : `The region "${trigger.given}" given for ${trigger.who} is not a region code, so every participant must consent.`;
    default:
      return assertNever(trigger);
  }
}
