/** Words and positions that tie a number to a payment card. */
import type { DetectionContext } from '../context';
import type { Finding } from '../types';

export const CARD_CUE = /\b(?:card|visa|master ?card|amex|american express|discover|debit|credit|cc|diners|jcb|cardholder|maestro|rupay|verve|mir|unionpay|union pay|elo|hipercard|interac|carte bleue|troy|(?:long )?number on the front|paying|pay (?:it )?with|put (?:it|this|that) on)\b/u;

/** True when a card or card words are within `reach` characters of a normalised index. */
export function nearCard(ctx: DetectionContext, cards: readonly Finding[], index: number, reach: number): boolean {
  const origIndex = ctx.norm.origStart[Math.min(index, ctx.norm.origStart.length - 1)] ?? 0;
  if (cards.some((card) => Math.abs(card.start - origIndex) <= reach * 2 || Math.abs(card.end - origIndex) <= reach * 2)) {
    return true;
  }
  const around = ctx.lower.slice(Math.max(0, index - reach), index + reach);
  return CARD_CUE.test(around);
}
