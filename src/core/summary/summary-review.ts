/**
 * The rep's review of a draft, item by item: accept, edit (new wording, same citations) or reject.
 * Every item of the draft needs exactly one decision; the result is the reviewed content, which is
 * stored as a new, immutable version beside the draft.
 */
import type { z } from 'zod';
import { ReviewDecision } from '../../shared/contract/summary';
import { CallVaultError } from '../../shared/callvault-error';
import type { SummaryContent, SummaryItem } from './summary';

export { ReviewDecision };
export type ReviewDecision = z.output<typeof ReviewDecision>;

export interface ReviewOutcome {
  readonly content: SummaryContent;
  readonly accepted: number;
  readonly edited: number;
  readonly rejected: number;
}

/** A review that does not decide every item exactly once (BAD_REQUEST: the rep fixes it and retries). */
export class SummaryReviewError extends CallVaultError {
  override readonly name = 'SummaryReviewError';

  constructor(message: string) {
    super('BAD_REQUEST', message);
  }
}

/** Applies one decision per item; a missing, doubled or unknown item id is an error that names it. */
export function applyReview(draft: SummaryContent, decisions: readonly ReviewDecision[]): ReviewOutcome {
  const byId = new Map<string, ReviewDecision>();
  for (const decision of decisions) {
    if (byId.has(decision.itemId)) {
      throw new SummaryReviewError(`Item ${decision.itemId} has two decisions; give one.`);
    }
    if (!draft.items.some((item) => item.id === decision.itemId)) {
      throw new SummaryReviewError(`The draft has no item ${decision.itemId}.`);
    }
    byId.set(decision.itemId, decision);
  }
  const missing = draft.items.filter((item) => !byId.has(item.id)).map((item) => item.id);
  if (missing.length > 0) {
    throw new SummaryReviewError(`Every item needs a decision (accept, edit or reject); none was given for ${missing.join(', ')}.`);
  }
  let accepted = 0;
  let edited = 0;
  let rejected = 0;
  const items: SummaryItem[] = [];
  for (const item of draft.items) {
    const decision = byId.get(item.id);
    if (decision === undefined || decision.action === 'reject') {
      rejected += 1;
    } else if (decision.action === 'edit') {
      edited += 1;
      items.push({ ...item, text: decision.text });
    } else {
      accepted += 1;
      items.push(item);
    }
  }
  return { content: { ...draft, items: items.map((item, i) => ({ ...item, id: `i${i + 1}` })) }, accepted, edited, rejected };
}
