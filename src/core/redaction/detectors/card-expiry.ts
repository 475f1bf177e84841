/**
 * Card expiry dates: after an expiry word near a card ("expires 09/27", "good through March of
 * twenty-eight"), or said right after the card number with no word at all ("4111 ..., oh five
 * twenty-nine"), which is how callers read a card off its face.
 */
import { after, before, findingAt, firstRunFrom, runsAfter, skipFiller, skipToValue, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import { windowsOf, type DigitRun } from '../digit-runs';
import type { Finding } from '../types';
import { nearCard } from './card-cues';

const EXPIRY_TRIGGER =
  trigger(/\b(?:exp(?:iry|iration|ires|iring|\.)?(?: date)?|expires?|(?:valid|good) (?:thru|through|until|till|til|to)|runs out(?: in| on)?)\b/gu);
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const MONTH_YEAR = `${MONTH}\\.?(?:,? (?:of )?)?'?(?:\\d{2} ?\\d{2}|\\d{2})\\b`;
const MONTH_YEAR_RE = new RegExp(`^(?:(?:on|in|at) )?(?:the )?(?:end of )?${MONTH_YEAR}`, 'u');
// The date before its label: "March twenty-eight for the expiration", "oh five twenty-nine is the expiry".
const LABEL_BEFORE_RE = /,?\s+(?:is|was|for|as|that's|that is)\s+(?:the\s+|my\s+|its\s+)?$/u;
const MONTH_YEAR_END_RE = new RegExp(`\\b${MONTH_YEAR}$`, 'u');
// What may sit between a card number and the expiry read after it.
const AFTER_CARD_RE =
  /^(?:[\s,;:.\u2026-]|\b(?:and then|and|then|uh|um|er|so|with|it's|its|is|which is|that's|exp(?:iry|iration|ires|iring)?(?: date)?|expires)\b)*/u;

/** `cardEnds`: normalised end offsets of the card numbers found, for an expiry said right after one. */
export function detectExpiry(ctx: DetectionContext, cards: readonly Finding[], cardEnds: readonly number[]): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, EXPIRY_TRIGGER)) {
    // Away from a card, expiry words still introduce one when nothing else is said to expire
    // ("the contract expires 06/30") and the date is a card's (a year from 2024 to 2039).
    const near = nearCard(ctx, cards, trigger.index, 160);
    if (!near && OTHER_SUBJECT_RE.test(before(ctx, trigger.index, 40))) {
      continue;
    }
    const labelled = beforeLabel(ctx, trigger.index);
    if (labelled !== undefined) {
      if (near || cardYear(ctx, labelled)) {
        findings.push(labelled);
      }
      continue;
    }
    const end = trigger.index + trigger[0].length;
    const from = skipFiller(ctx, end);
    // "expiration date printed on the card is oh five twenty-nine": a few words, then the date.
    const finding = expiryAt(ctx, from, 8) ?? expiryAt(ctx, skipToValue(ctx, end), 0);
    if (finding !== undefined && (near || cardYear(ctx, finding))) {
      findings.push(finding);
    }
  }
  for (const end of cardEnds) {
    const finding = expiryAfterCard(ctx, end);
    if (finding !== undefined) {
      findings.push(finding);
    }
  }
  return findings;
}

// Things other than a card that expire or stay valid: their dates are not card expiries.
const OTHER_SUBJECT_RE =
  /\b(?:contract|trial|offer|quote|quotation|promo(?:tion)?|code|coupon|discount|pricing|price|deal|agreement|licen[cs]e|subscription|plan|term|renewal|warranty|certificate|cert|passport|visa|token|password|link|invite|invitation|session|lease|policy|membership|domain|rate|proposal|bid|approval|budget|nda|sow|pilot|poc)s?\b(?:\s+\w+){0,3}\s*$/u;
/** True when the finding's date ends in a card's year: 24-39 or 2024-2039. */
function cardYear(ctx: DetectionContext, finding: Finding): boolean {
  const digits = normalisedDigits(ctx, finding);
  // "092031", "2029" (after a month name): a four-digit year; "0729", "1128", "227": a two-digit one.
  const fourDigitYear = digits.length >= 5 || (digits.length === 4 && digits.startsWith('20'));
  if (fourDigitYear && !digits.slice(-4).startsWith('20')) {
    return false;
  }
  const year = Number(digits.slice(-2));
  return digits.length >= 2 && year >= 24 && year <= 39;
}

/** The digits of the normalised text under an original-text finding. */
function normalisedDigits(ctx: DetectionContext, finding: Finding): string {
  const starts = ctx.norm.origStart;
  let from = 0;
  while (from < starts.length && (starts[from] ?? 0) < finding.start) {
    from += 1;
  }
  let to = from;
  while (to < starts.length && (starts[to] ?? 0) < finding.end) {
    to += 1;
  }
  return ctx.norm.text.slice(from, to).replace(/\D/gu, '');
}

/** A month-name or MM/YY expiry starting at `from` (a run may start up to `gap` chars later). */
function expiryAt(ctx: DetectionContext, from: number, gap: number): Finding | undefined {
  const named = MONTH_YEAR_RE.exec(after(ctx, from, 40));
  if (named !== null) {
    return findingAt(ctx, from, from + named[0].length, 'CARD_EXPIRY', 0.9, 'card.expiry.month-name');
  }
  const run = runsAfter(ctx, from, gap)[0];
  // The first window from the run start that reads as MM/YY, M/YY or MM/YYYY.
  const window = run === undefined ? undefined : windowsOf(run, 3, 6).find((w) => w.from === 0 && isExpiryDigits(w.digits));
  return window === undefined ? undefined : findingAt(ctx, window.start, window.end, 'CARD_EXPIRY', 0.92, 'card.expiry');
}

/** An expiry said before the words naming it: "..., March twenty-eight for the expiration". */
function beforeLabel(ctx: DetectionContext, triggerIndex: number): Finding | undefined {
  const label = LABEL_BEFORE_RE.exec(before(ctx, triggerIndex, 24));
  if (label === null) {
    return undefined;
  }
  const end = triggerIndex - label[0].length;
  const named = MONTH_YEAR_END_RE.exec(before(ctx, end, 30));
  if (named !== null) {
    return findingAt(ctx, end - named[0].length, end, 'CARD_EXPIRY', 0.88, 'card.expiry.month-name');
  }
  const run = ctx.runs.find((r) => r.end === end);
  const window = run === undefined ? undefined : windowsOf(run, 3, 6).find((w) => w.to === run.groups.length && isExpiryDigits(w.digits));
  return window === undefined ? undefined : findingAt(ctx, window.start, window.end, 'CARD_EXPIRY', 0.88, 'card.expiry');
}

function expiryAfterCard(ctx: DetectionContext, cardEnd: number): Finding | undefined {
  const gap = AFTER_CARD_RE.exec(ctx.lower.slice(cardEnd, cardEnd + 40))?.[0] ?? '';
  if (gap.length > 30) {
    return undefined;
  }
  const from = cardEnd + gap.length;
  const named = MONTH_YEAR_RE.exec(after(ctx, from, 40));
  if (named !== null) {
    return findingAt(ctx, from, from + named[0].length, 'CARD_EXPIRY', 0.85, 'card.expiry.after-card');
  }
  const found = groupAt(ctx, from);
  if (found === undefined) {
    return undefined;
  }
  const [run, first] = found;
  // Longest group-aligned stretch of at most six digits that reads as a plausible expiry.
  let digits = '';
  let best: number | undefined;
  for (let k = first; k < run.groups.length; k += 1) {
    digits += run.groups[k]?.digits ?? '';
    if (digits.length > 6) {
      break;
    }
    if (plausibleExpiry(digits, run, first, k)) {
      best = k;
    }
  }
  const last = best === undefined ? undefined : run.groups[best];
  return last === undefined ? undefined : findingAt(ctx, from, last.end, 'CARD_EXPIRY', 0.85, 'card.expiry.after-card');
}

/** The run and group index of the digit group that starts exactly at `index`. */
function groupAt(ctx: DetectionContext, index: number): readonly [DigitRun, number] | undefined {
  // The run starting at `index`, or the one before it, which may contain it.
  const from = firstRunFrom(ctx, index);
  const run = ctx.runs[from]?.start === index ? ctx.runs[from] : ctx.runs[from - 1];
  if (run === undefined || run.start > index || index >= run.end) {
    return undefined;
  }
  const k = run.groups.findIndex((g) => g.start === index);
  return k < 0 ? undefined : [run, k];
}

/**
 * Without an expiry word the digits must look like a date and not a CVV: a year from 2024 to
 * 2039, and either a leading-zero month ("oh five twenty-nine"), a two-digit year said as one
 * number ("five twenty-nine", "12 29") or a written slash ("5/29").
 */
function plausibleExpiry(digits: string, run: DigitRun, first: number, last: number): boolean {
  if (!isExpiryDigits(digits) || digits.length === 6) {
    return false;
  }
  const year = Number(digits.slice(-2));
  const lastGroup = run.groups[last]?.digits ?? '';
  const slash = run.seps.slice(first, last).includes('/');
  return year >= 24 && year <= 39 && (digits.startsWith('0') || lastGroup.length === 2 || slash);
}

function month(m: string): boolean {
  return Number(m) >= 1 && Number(m) <= 12;
}

export function isExpiryDigits(digits: string): boolean {
  switch (digits.length) {
    case 3:
      return month(digits.slice(0, 1));
    case 4:
      return month(digits.slice(0, 2));
    case 5:
      return month(digits.slice(0, 1)) && digits.startsWith('20', 1);
    case 6:
      return month(digits.slice(0, 2)) && digits.startsWith('20', 2);
    default:
      return false;
  }
}
