/**
 * Payment cards: the number (13-19 digits, Luhn and issuer prefix checked), and the CVV and
 * expiry, which are only sensitive, and only recognisable, near a card.
 */
import { cardPrefixValid, luhnValid } from '../checksums';
import { after, before, findingAt, hasReferenceCue, runsAfter, skipFiller, skipToValue, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import { windowsOf, type DigitWindow } from '../digit-runs';
import type { Finding } from '../types';
import { CARD_CUE, nearCard } from './card-cues';
import { detectExpiry } from './card-expiry';

// The card named right after its number: "..., and that's a mastercard", "that's the business amex".
const CARD_NAMED_AFTER = /^[\s,.]*(?:and )?(?:that's|thats|that is|it's|its|on) (?:a |an |the |my |our )?(?:[a-z]+ )?(?:card|visa|master ?card|amex|discover|debit|credit)\b/u;
const CARD_NUMBER_TRIGGER = trigger(/\b(?:card|visa|master ?card|amex|debit|credit)(?: card)?(?: number| no\.?| #|num)\b/gu);

export function detectCards(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  const cardEnds: number[] = [];
  const runs = ctx.uncorrectedRuns === ctx.runs ? ctx.runs : [...ctx.runs, ...ctx.uncorrectedRuns];
  for (const run of runs) {
    if (run.digits.length < 12) {
      continue;
    }
    let consumedUntil = -1;
    const cuedRun = CARD_CUE.test(before(ctx, run.start, 80));
    for (const window of preferPhraseEnds(windowsOf(run, 12, 19).filter((w) => luhnValid(w.digits)))) {
      if (window.from <= consumedUntil || findings.some((f) => overlapsRun(ctx, f, window.start, window.end))) {
        continue;
      }
      const cued = cuedRun || CARD_CUE.test(before(ctx, window.start, 80)) || CARD_NAMED_AFTER.test(after(ctx, window.end, 48));
      const branded = window.digits.length >= 13 && cardPrefixValid(window.digits);
      // Outside the major brands' ranges (Maestro, RuPay, Verve, Mir, store cards) any
      // Luhn-valid 12-19 digits count, but only when said as a card and not as a reference.
      if (branded ? !cued && hasReferenceCue(ctx, window.start, window.end) : !cued || hasReferenceCue(ctx, window.start, window.end)) {
        continue;
      }
      findings.push(findingAt(ctx, window.start, window.end, 'CARD', cued ? 0.97 : 0.88, cued ? 'card.luhn.context' : 'card.luhn'));
      consumedUntil = window.to - 1;
      cardEnds.push(window.end);
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
      cardEnds.push(run.end);
    }
  }
  return [...findings, ...detectCvv(ctx, findings), ...detectExpiry(ctx, findings, cardEnds)];
}

/** True when a window ends where the caller paused, not inside a phrase of spoken digits. */
function endsPhrase(window: DigitWindow): boolean {
  const { run, to } = window;
  const last = run.groups[to - 1];
  const next = run.groups[to];
  return next === undefined || last === undefined || run.seps[to - 1] !== ' ' || last.digits.length > 2 || next.digits.length > 2;
}

/**
 * Valid windows, per start the one ending at a pause first: "... one one one seven, oh four
 * twenty-nine" is a 16-digit card and an expiry, even if 17 digits happen to pass Luhn.
 */
function preferPhraseEnds(windows: readonly DigitWindow[]): DigitWindow[] {
  return [...windows].sort((a, b) => a.from - b.from || Number(endsPhrase(b)) - Number(endsPhrase(a)));
}

function overlapsRun(ctx: DetectionContext, finding: Finding, start: number, end: number): boolean {
  const origStart = ctx.norm.origStart[start] ?? 0;
  const origEnd = ctx.norm.origEnd[end - 1] ?? 0;
  return finding.start < origEnd && origStart < finding.end;
}

// "the three on the back are", "the one on the back is": the count or "one" stands for the code;
// the code by the signature strip, the code on the front of an Amex: named by where it is printed
// (spoken numbers are already digits in the normalised text, so "three" reads "3").
const CVV_TRIGGER =
  trigger(/\b(?:cvv2?|cvc2?|cv2|cid|csc|c[-. ]v[-. ][vc]|security code|card verification(?: value| code)?|code on the back|(?:three|four|3|4)[- ]digit (?:security )?code|(?:(?:three|four|3|4) )?(?:digits|numbers) on the back|number on the back|the (?:three|four|3|4|one|1|ones|code) (?:on|from) the back|(?:code|digits|numbers?) (?:by|next to|beside|near|on|in) the signature (?:strip|panel|box|line)|(?:code|digits|numbers?) on the front of (?:the|my|your|his|her) (?:amex|american express|card))(?: on the back)?(?: of (?:the|my|your|his|her) card)?\b/gu);

function detectCvv(ctx: DetectionContext, cards: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, CVV_TRIGGER)) {
    // Named as the card's own code ("CVV", "the three digits on the back"), it needs no card nearby.
    const explicit = /^(?:cvv|cvc|cv2|cid|csc|card|c[-. ]v)|card$|back|digit|signature|front of/u.test(trigger[0]);
    const end = trigger.index + trigger[0].length;
    const from = skipFiller(ctx, end);
    // "the security code on the back of the card, that's 620"; "CVV, if you need it, is 620".
    const run = runsAfter(ctx, from, 12)[0] ?? runsAfter(ctx, skipToValue(ctx, end), 0)[0];
    const digits = run?.digits ?? '';
    // A bare "security code" of three digits is a card's: one-time codes have four or more.
    if (!explicit && !nearCard(ctx, cards, trigger.index, 200) && (digits.length !== 3 || run?.start !== from || hasReferenceCue(ctx, run.start, run.end))) {
      continue;
    }
    if (run !== undefined && digits.length >= 3 && digits.length <= 4) {
      findings.push(findingAt(ctx, run.start, run.end, 'CARD_CVV', 0.95, 'card.cvv'));
    }
  }
  return findings;
}
