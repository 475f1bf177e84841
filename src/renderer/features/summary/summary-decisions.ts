/**
 * The rep's decisions on a draft while reviewing, as a pure value: accept, edit (with the new
 * wording) or reject per item; saving needs one for every item, and an edit needs words.
 */
import type { MethodInput } from '../../../shared/contract';

export type ItemDecision = { readonly action: 'accept' } | { readonly action: 'reject' } | { readonly action: 'edit'; readonly text: string };
export type Decisions = ReadonlyMap<string, ItemDecision>;

export function decide(decisions: Decisions, itemId: string, decision: ItemDecision): Decisions {
  const next = new Map(decisions);
  next.set(itemId, decision);
  return next;
}

/** Whether every item has a decision and no edit is left empty. */
export function complete(decisions: Decisions, itemIds: readonly string[]): boolean {
  return itemIds.every((id) => {
    const d = decisions.get(id);
    return d !== undefined && (d.action !== 'edit' || d.text.trim() !== '');
  });
}

export function reviewInput(recordingId: string, version: number, decisions: Decisions, itemIds: readonly string[]): MethodInput<'summary.review'> {
  return {
    recordingId,
    version,
    decisions: itemIds.map((itemId) => {
      const d = decisions.get(itemId) ?? { action: 'reject' };
      return d.action === 'edit' ? { itemId, action: 'edit', text: d.text.trim() } : { itemId, action: d.action };
    }),
  };
}
