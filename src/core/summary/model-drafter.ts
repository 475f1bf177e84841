/**
 * The port a language-model drafter implements (src/platform/summary): it reads the redacted
 * segments and proposes items in the summary schema; the app runs the citation check on what it
 * returns. It must never log or keep the segments' text, and it runs out of the app's process.
 */
import type { ProposedItem, SummarySegment } from './summary';

export interface DraftProgress {
  /** 0..1 over the whole call (chunks done). */
  readonly fraction: number;
  readonly chunk: number;
  readonly chunks: number;
}

export interface ModelDraft {
  /** The model's name, stored with the draft. */
  readonly model: string;
  readonly items: ProposedItem[];
}

export interface SummaryModelDrafter {
  draft(segments: readonly SummarySegment[], options: { readonly signal?: AbortSignal | undefined; readonly onProgress?: ((progress: DraftProgress) => void) | undefined }): Promise<ModelDraft>;
}
