/**
 * What every detector receives, plus the helpers that read the words around a number.
 * Triggers are matched on the normalised text, so "my card number is" works whether the
 * number after it was written or spoken.
 */
import { findDigitRuns, isFormattedQuantity, type DigitRun } from './digit-runs';
import { normalise, toOriginalSpan, type NormalisedText } from './normalise';
import { confidence, ruleId, type Finding, type FindingType } from './types';

export interface DetectionContext {
  readonly original: string;
  readonly norm: NormalisedText;
  /** Lower-cased normalised text, same offsets as norm.text. */
  readonly lower: string;
  readonly runs: readonly DigitRun[];
}

export function buildContext(original: string): DetectionContext {
  const norm = normalise(original);
  // "4,155,550,142" is a formatted amount: no identifier is written with thousands separators.
  const runs = findDigitRuns(norm.text).filter((run) => !isFormattedQuantity(norm.text, run));
  return { original, norm, lower: norm.text.toLowerCase(), runs };
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

/** Runs that start within `maxGap` characters after `index`, nearest first. */
export function runsAfter(ctx: DetectionContext, index: number, maxGap: number): DigitRun[] {
  // Runs are sorted by start: binary search keeps long transcripts linear in their triggers.
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
  const found: DigitRun[] = [];
  for (let i = lo; i < ctx.runs.length; i += 1) {
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
  /(?:[$€£¥]\s?|\b(?:usd|eur|gbp|us\$)\s?|\b(?:version|ver|v|release|build|rev|revision|po|p\.o\.|purchase order|ticket|case|incident|invoice|order|quote|quotation|sku|model|part|ref|reference|tracking|jira|issue|pr|pull request|item|room|flight|gate|step|chapter|page|line item|floor|batch|serial|contract|opportunity|deal|req|requisition|sow|project|budget|tier|plan|iso|rfc|cve|sprint|q[1-4]|fy|quarter|chapter|section|clause|exhibit|appendix|meeting|zoom|webex|webinar|conference|employee|badge|customer|member)(?:\s+(?:number|no\.?|num|id|#))?(?:\s+(?:is|was|of|for|to|at))?\s*[:#]?\s*)$/u;
const AMOUNT_AFTER =
  /^\s*(?:%|percent|per ?cent|percentage|points?|bps|basis|k\b|m\b|mm\b|bn\b|million|billion|grand|bucks|dollars?|euros?|pounds?|cents?|usd|eur|gbp|seats?|licen[cs]es?|users?|reps?|people|employees|headcount|accounts|customers|clients|units?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|seconds?|secs?|quarters?|[gmkt]b\b|gigs?|x\b|times|calls|deals|tickets|orders|records|rows|pages|sites|locations|stores|servers|nodes|instances|agents|sessions|meetings|emails|leads|opportunities|am\b|pm\b|a\.m\.|p\.m\.|o'clock|ish\b|or so|per\b|a (?:month|year|seat|user))/u;

/** True when the words around a span mark it as an amount, count, time or reference number. */
export function hasReferenceCue(ctx: DetectionContext, start: number, end: number): boolean {
  return REFERENCE_BEFORE.test(before(ctx, start, 40)) || AMOUNT_AFTER.test(after(ctx, end, 24));
}

const FILLER_RE =
  /^(?:\s|[:#=,-]|\.(?=\s)|\b(?:number|numbers|no|num|is|it's|its|it|was|will be|be|id|the|my|his|her|their|our|your|reads|of|on|in|are|me|'s|would be|should be|that's|thats|just|uh|um|so|okay|ok|oh|yeah|yes|sure|let me see|hang on)\b|'s\b|')*/u;

/** Index just past filler words ("number is", ": ") after a trigger. */
export function skipFiller(ctx: DetectionContext, index: number): number {
  const match = FILLER_RE.exec(ctx.lower.slice(index, index + 60));
  return index + (match?.[0].length ?? 0);
}

const BRIDGE_RE = /^(?:\s+[a-z']+){1,5}?\s*(?:\bis\b|\bwas\b|\bare\b|:)/u;

/**
 * Index where a value starts after a trigger, also across a short bridge of words ending in
 * "is"/":" ("patient ID on the claim is 0048", "policy number for my plan is H449").
 */
export function skipToValue(ctx: DetectionContext, index: number): number {
  const direct = skipFiller(ctx, index);
  const next = ctx.lower.charAt(direct);
  if (/[a-z0-9]/u.test(next) && !/^[a-z]{2,}\b/u.test(ctx.lower.slice(direct, direct + 3)) ) {
    return direct;
  }
  const bridge = BRIDGE_RE.exec(ctx.lower.slice(index, index + 48));
  return bridge === null ? direct : skipFiller(ctx, index + bridge[0].length);
}

export interface IdValue {
  readonly start: number;
  readonly end: number;
  readonly compact: string;
}

/**
 * Reads an identifier right after a trigger: alphanumeric tokens joined by blanks, hyphens,
 * dots or ", " ("C01X00T47", "D123-4567-8901", "5 3 3, 3 8 0, 0 0 6"). Whole words stop it,
 * except tokens that mix letters and digits or single letters (spelled-out characters).
 */
export function readIdValue(ctx: DetectionContext, index: number, min: number, max: number, minDigits: number): IdValue | undefined {
  const from = skipToValue(ctx, index);
  const text = ctx.norm.text;
  const tokenRe = /[A-Za-z0-9]+/uy;
  const sepRe = /(?: ?[-\u2013.] ?|, ?| )/uy;
  let pos = from;
  let end = from;
  let compact = '';
  const pieces: { end: number; letters: boolean }[] = [];
  for (;;) {
    tokenRe.lastIndex = pos;
    const token = tokenRe.exec(text);
    if (token === null) {
      break;
    }
    const value = token[0];
    const hasDigit = /\d/u.test(value);
    const allowed = hasDigit || value.length === 1 || (/^[A-Z]{2,4}$/u.test(value) && pieces.length === 0);
    if (!allowed || compact.length + value.length > max) {
      break;
    }
    compact += value;
    end = pos + value.length;
    pieces.push({ end, letters: !hasDigit });
    sepRe.lastIndex = end;
    const sep = sepRe.exec(text);
    if (sep === null) {
      break;
    }
    pos = end + sep[0].length;
  }
  // A trailing lone lower-case letter is an article or pronoun, not part of the id.
  while (pieces.length > 0 && /^[a-z]$/u.test(compact.slice(-1)) && pieces[pieces.length - 1]?.letters === true) {
    pieces.pop();
    compact = compact.slice(0, -1);
    end = pieces[pieces.length - 1]?.end ?? from;
  }
  const digits = compact.replace(/\D/gu, '').length;
  if (compact.length < min || digits < minDigits) {
    return undefined;
  }
  return { start: from, end, compact };
}

/** All matches of a global trigger regex over the lower-cased normalised text. */
export function triggers(ctx: DetectionContext, re: RegExp): RegExpExecArray[] {
  return [...ctx.lower.matchAll(re)];
}
