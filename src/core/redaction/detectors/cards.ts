/**
 * Payment cards: the number (13-19 digits, Luhn and issuer prefix checked), and the CVV and
 * expiry, which are only sensitive, and only recognisable, near a card.
 */
import { cardPrefixValid, luhnValid } from '../checksums';
import { after, before, findingAt, hasReferenceCue, runsAfter, skipFiller, triggers, type DetectionContext } from '../context';
import { windowsOf } from '../digit-runs';
import type { Finding } from '../types';

const CARD_CUE = /\b(?:card|visa|master ?card|amex|american express|discover|debit|credit|cc|diners|jcb|cardholder)\b/u;
const CARD_NUMBER_TRIGGER = /\b(?:card|visa|master ?card|amex|debit|credit)(?: card)?(?: number| no\.?| #|num)\b/gu;

export function detectCards(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const run of ctx.runs) {
    if (run.digits.length < 13) {
      continue;
    }
    let consumedUntil = -1;
    for (const window of windowsOf(run, 13, 19)) {
      if (window.from <= consumedUntil || !luhnValid(window.digits) || !cardPrefixValid(window.digits)) {
        continue;
      }
      const cued = CARD_CUE.test(before(ctx, window.start, 80));
      if (!cued && hasReferenceCue(ctx, window.start, window.end)) {
        continue;
      }
      findings.push(findingAt(ctx, window.start, window.end, 'CARD', cued ? 0.97 : 0.88, cued ? 'card.luhn.context' : 'card.luhn'));
      consumedUntil = window.to - 1;
    }
  }
  // A card number introduced as such but mis-heard (Luhn fails): still a card, lower score.
  for (const trigger of triggers(ctx, CARD_NUMBER_TRIGGER)) {
    const from = trigger.index + trigger[0].length;
    const run = runsAfter(ctx, skipFiller(ctx, from), 4)[0];
    if (run === undefined || run.digits.length < 13 || run.digits.length > 19) {
      continue;
    }
    if (!findings.some((f) => f.type === 'CARD' && overlapsRun(ctx, f, run.start, run.end))) {
      findings.push(findingAt(ctx, run.start, run.end, 'CARD', 0.6, 'card.context-unverified'));
    }
  }
  return [...findings, ...detectCvv(ctx, findings), ...detectExpiry(ctx, findings)];
}

function overlapsRun(ctx: DetectionContext, finding: Finding, start: number, end: number): boolean {
  const origStart = ctx.norm.origStart[start] ?? 0;
  const origEnd = ctx.norm.origEnd[end - 1] ?? 0;
  return finding.start < origEnd && origStart < finding.end;
}

/** True when a card or card words are within `reach` characters of a normalised index. */
function nearCard(ctx: DetectionContext, cards: readonly Finding[], index: number, reach: number): boolean {
  const origIndex = ctx.norm.origStart[Math.min(index, ctx.norm.origStart.length - 1)] ?? 0;
  if (cards.some((card) => Math.abs(card.start - origIndex) <= reach * 2 || Math.abs(card.end - origIndex) <= reach * 2)) {
    return true;
  }
  const around = ctx.lower.slice(Math.max(0, index - reach), index + reach);
  return CARD_CUE.test(around);
}

const CVV_TRIGGER =
  /\b(?:cvv2?|cvc2?|cv2|cid|csc|security code|card verification(?: value| code)?|code on the back|(?:three|four|3|4)[- ]digit (?:security )?code(?: on the back)?|digits on the back|number on the back)\b/gu;

function detectCvv(ctx: DetectionContext, cards: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, CVV_TRIGGER)) {
    const explicit = /^(?:cvv|cvc|cv2|cid|csc|card)/u.test(trigger[0]);
    if (!explicit && !nearCard(ctx, cards, trigger.index, 200)) {
      continue;
    }
    const from = skipFiller(ctx, trigger.index + trigger[0].length);
    const run = runsAfter(ctx, from, 12)[0];
    const digits = run?.groups.map((g) => g.digits).join('') ?? '';
    if (run !== undefined && digits.length >= 3 && digits.length <= 4) {
      findings.push(findingAt(ctx, run.start, run.end, 'CARD_CVV', 0.95, 'card.cvv'));
    }
  }
  return findings;
}

const EXPIRY_TRIGGER = /\b(?:exp(?:iry|iration|ires|iring|\.)?(?: date)?|expires?|valid (?:thru|through|until)|good (?:thru|through))\b/gu;
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const MONTH_YEAR_RE = new RegExp(`^(?:on |in |at the end of )?${MONTH}\\.?(?:,? (?:of )?)?(?:\\d{2}|\\d{4}|\\d{2} ?\\d{2})\\b`, 'u');

function detectExpiry(ctx: DetectionContext, cards: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, EXPIRY_TRIGGER)) {
    if (!nearCard(ctx, cards, trigger.index, 160)) {
      continue;
    }
    const from = skipFiller(ctx, trigger.index + trigger[0].length);
    const named = MONTH_YEAR_RE.exec(after(ctx, from, 40));
    if (named !== null) {
      findings.push(findingAt(ctx, from, from + named[0].length, 'CARD_EXPIRY', 0.9, 'card.expiry.month-name'));
      continue;
    }
    const run = runsAfter(ctx, from, 8)[0];
    if (run === undefined) {
      continue;
    }
    // The first window from the run start that reads as MM/YY, M/YY or MM/YYYY.
    const window = windowsOf(run, 3, 6).find((w) => w.from === 0 && isExpiryDigits(w.digits));
    if (window !== undefined) {
      findings.push(findingAt(ctx, window.start, window.end, 'CARD_EXPIRY', 0.92, 'card.expiry'));
    }
  }
  return findings;
}

function isExpiryDigits(digits: string): boolean {
  const month = (m: string): boolean => Number(m) >= 1 && Number(m) <= 12;
  switch (digits.length) {
    case 3:
      return month(digits.slice(0, 1));
    case 4:
      return month(digits.slice(0, 2));
    case 6:
      return month(digits.slice(0, 2)) && digits.startsWith('20', 2);
    default:
      return false;
  }
}
