/**
 * What every detector receives, plus the helpers that read the words around a number.
 * Triggers are matched on the normalised text, so "my card number is" works whether the
 * number after it was written or spoken.
 */
import { findDigitRuns, isFormattedQuantity, type DigitRun } from './digit-runs';
import { normalise, toOriginalSpan, type NormalisedText } from './normalise';
import { confidence, ruleId, type Finding, type FindingType } from './types';
import { TriggerCues, type Trigger } from './trigger-index';

export interface DetectionContext {
  readonly original: string;
  readonly norm: NormalisedText;
  /** Lower-cased normalised text, same offsets as norm.text. */
  readonly lower: string;
  readonly runs: readonly DigitRun[];
  /**
   * The runs read without applying self-corrections ("4245 9571, sorry, 1777 7415" may be a
   * filler, not a correction): the same array as `runs` when nothing was corrected.
   */
  readonly uncorrectedRuns: readonly DigitRun[];
  /** Whether the normalised character at an index came from a spoken number word. */
  readonly spokenAt: (index: number) => boolean;
  /** Where the detectors' trigger words occur in `lower`, read in one pass on first use. */
  readonly cues: TriggerCues;
}

export function buildContext(original: string): DetectionContext {
  const norm = normalise(original);
  // "4,155,550,142" is a formatted amount: no identifier is written with thousands separators.
  // Bound rather than a closure: no per-call function object with its own name to set up.
  const spokenAt = spokenDigitAt.bind(undefined, original, norm.origStart);
  // Lower-cased once; digit runs read the same characters (case does not touch digits or separators).
  const lower = norm.text.toLowerCase();
  const corrected = { value: false };
  const runs = findDigitRuns(lower, spokenAt, true, corrected).filter((run) => !isFormattedQuantity(lower, run));
  // Read again without corrections only when one was applied: otherwise both readings are the same.
  const uncorrectedRuns = corrected.value ? findDigitRuns(lower, spokenAt, false).filter((run) => !isFormattedQuantity(lower, run)) : runs;
  return { original, norm, lower, runs, uncorrectedRuns, spokenAt, cues: new TriggerCues(lower) };
}


/** Whether normalised char `index` came from a spoken word rather than a written digit. */
function spokenDigitAt(original: string, origStart: readonly number[], index: number): boolean {
  const code = original.charCodeAt(origStart[index] ?? 0);
  return !(code >= 48 && code <= 57);
}

/** A finding from a normalised span. */
export function findingAt(
  ctx: DetectionContext,
  start: number,
  end: number,
  type: FindingType,
  score: number,
  rule: string,
): Finding {
  const span = toOriginalSpan(ctx.norm, start, end);
  return { start: span.start, end: span.end, type, confidence: confidence(score), rule: ruleId(rule) };
}

/** A finding from an original-text span (detectors that read the original directly). */
export function findingAtOriginal(start: number, end: number, type: FindingType, score: number, rule: string): Finding {
  return { start, end, type, confidence: confidence(score), rule: ruleId(rule) };
}

export function before(ctx: DetectionContext, index: number, chars: number): string {
  return ctx.lower.slice(Math.max(0, index - chars), index);
}

export function after(ctx: DetectionContext, index: number, chars: number): string {
  return ctx.lower.slice(index, index + chars);
}

/** Index in ctx.runs of the first run starting at or after `index` (runs are sorted by start). */
export function firstRunFrom(ctx: DetectionContext, index: number): number {
  let lo = 0;
  let hi = ctx.runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ctx.runs[mid]?.start ?? 0) < index) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** Runs that start within `maxGap` characters after `index`, nearest first. */
export function runsAfter(ctx: DetectionContext, index: number, maxGap: number): DigitRun[] {
  // Binary search keeps long transcripts linear in their triggers.
  const found: DigitRun[] = [];
  for (let i = firstRunFrom(ctx, index); i < ctx.runs.length; i += 1) {
    const run = ctx.runs[i];
    if (run === undefined || run.start - index > maxGap) {
      break;
    }
    found.push(run);
  }
  return found;
}

// A number right after these words is an amount, a count or a reference, not a secret.
const REFERENCE_BEFORE =
  /(?:[$€£¥]\s?|\b(?:usd|eur|gbp|us\$)\s?|\b(?:version|ver|v|release|build|rev|revision|po|p\.o\.|purchase order|ticket|case|incident|invoice|order|quote|quotation|sku|model|part|ref|reference|tracking|jira|issue|pr|pull request|item|room|flight|gate|step|chapter|page|line item|floor|batch|serial|contract|opportunity|deal|req|requisition|sow|project|budget|tier|plan|iso|rfc|cve|sprint|q[1-4]|fy|quarter|chapter|section|clause|exhibit|appendix|meeting|zoom|webex|webinar|conference|employee|badge|customer|member|lot (?:number|no\.?|#)|lot#|shipment|confirmation|booking|reservation|rma|waybill|container|asset)(?:\s+(?:number|no\.?|num|id|#))?(?:\s+(?:is|was|of|for|to|at))?\s*[:#]?\s*(?:[a-z]{1,4} ?-\s?)?)$/u;
const AMOUNT_AFTER =
  /^\s*(?:%|percent|per ?cent|percentage|points?|bps|basis|k\b|m\b|mm\b|bn\b|million|billion|grand|bucks|dollars?|euros?|pounds?|cents?|usd|eur|gbp|seats?|licen[cs]es?|users?|reps?|people|employees|headcount|accounts|customers|clients|units?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|seconds?|secs?|quarters?|[gmkt]b\b|gigs?|x\b|times|calls|deals|tickets|orders|records|rows|pages|sites|locations|stores|servers|nodes|instances|agents|sessions|meetings|emails|leads|opportunities|am\b|pm\b|a\.m\.|p\.m\.|o'clock|ish\b|or so|per\b|a (?:month|year|seat|user))/u;

/** True when the words around a span mark it as an amount, count, time or reference number. */
export function hasReferenceCue(ctx: DetectionContext, start: number, end: number): boolean {
  return REFERENCE_BEFORE.test(before(ctx, start, 40)) || AMOUNT_AFTER.test(after(ctx, end, 24));
}

const FILLER_RE =
  /^(?:\s|[:#=,-]|[.?](?=\s)|\b(?:number|numbers|no|num|is|it's|its|it|was|will be|be|id|the|my|his|her|their|our|your|reads|of|on|in|are|me|'s|would be|should be|that's|thats|just|uh|um|er|erm|ah|so|okay|ok|oh|yeah|yes|yep|yup|sure|let me see|let's see|hang on|hold on)\b|'s\b|')*/u;

/** Index just past filler words ("number is", ": ") after a trigger. */
export function skipFiller(ctx: DetectionContext, index: number): number {
  const match = FILLER_RE.exec(ctx.lower.slice(index, index + 60));
  return index + (match?.[0].length ?? 0);
}

const BRIDGE_RE = /^(?:\s+[a-z']+){1,5}?\s*(?:\bis\b|\bwas\b|\bare\b|:)/u;
// An aside between commas or dashes: "my PIN, not that you need it, is 0519".
// It starts with a word; later words may be numbers the normaliser made ("the blue one" -> "the blue 1").
const ASIDE_RE = /^\s*(?:,|--|\u2014|\u2013| -)\s*[a-z']+(?:\s+[a-z0-9']+){0,7}\s*(?:,|--|\u2014|\u2013| -)\s*/u;
const VALUE_START_RE = /^(?:\d|[a-z](?![a-z]))/u;

/**
 * Index where a value starts after a trigger, also across a short bridge of words ending in
 * "is"/":" ("patient ID on the claim is 0048", "policy number for my plan is H449") or an
 * aside ("my PIN, not that you need it, is 0519").
 */
export function skipToValue(ctx: DetectionContext, index: number): number {
  const direct = skipFiller(ctx, index);
  const next = ctx.lower.slice(direct, direct + 3);
  if (/^[a-z0-9]/u.test(next) && !/^[a-z]{2,}\b/u.test(next)) {
    return direct;
  }
  const window = ctx.lower.slice(index, index + 72);
  const aside = ASIDE_RE.exec(window);
  if (aside !== null) {
    const value = skipFiller(ctx, index + aside[0].length);
    if (VALUE_START_RE.test(ctx.lower.slice(value, value + 2))) {
      return value;
    }
  }
  const bridge = BRIDGE_RE.exec(window.slice(0, 48));
  return bridge === null ? direct : skipFiller(ctx, index + bridge[0].length);
}

/**
 * A regex source for an acronym also said letter by letter: "itin" matches "ITIN", "I-T-I-N",
 * "I T I N" and "i.t.i.n".
 */
export function acronym(letters: string): string {
  return Array.from(letters).join('[-. ]?');
}

/**
 * All matches of a trigger over the lower-cased normalised text: those of its global regex, tried
 * only where its leading words occur (`trigger-index.ts`).
 */
export function triggers(ctx: DetectionContext, t: Trigger): RegExpExecArray[] {
  return ctx.cues.matches(t);
}
