/** Public surface of the summary layer: drafting, the citation check, certainty, the CRM note. */
export * from './summary';
export { classifyCertainty, leastCertain } from './certainty';
export { checkCitations, supports, type CheckedItems, type DropReason } from './citation-check';
export { draftExtractive, proposeExtractive, competitorsIn, KNOWN_COMPETITORS } from './extractive-drafter';
export { crmNote, type CrmNoteDetails } from './crm-note';
export { applyReview, ReviewDecision, SummaryReviewError, type ReviewOutcome } from './summary-review';
export type { StoredSummary, SummaryKind, SummaryRepo } from './summary-store';
export type { DraftProgress, ModelDraft, SummaryModelDrafter } from './model-drafter';
export { DRAFT_MAX_TOKENS, DRAFT_SCHEMA, chunkSchema, chunkPrompt, chunkSegments, mergeChunkItems, parseModelOutput } from './model-prompt';
