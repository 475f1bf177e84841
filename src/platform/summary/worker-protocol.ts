/** Messages between the app and the summary engine's child process (Node IPC, JSON). No transcript text is ever logged. */

export interface DraftJob {
  readonly type: 'draft';
  readonly modelPath: string;
  /** One prompt per chunk, each with the JSON schema its answer is held to. */
  readonly prompts: readonly { readonly prompt: string; readonly schema: unknown }[];
  readonly maxTokens: number;
  readonly threads: number;
  readonly contextSize: number;
}

export type ToWorker = DraftJob | { readonly type: 'cancel' };

export type FromWorker =
  | { readonly type: 'loaded' }
  | { readonly type: 'chunk'; readonly index: number; readonly text: string; readonly tokens: number; readonly promptTokens: number; readonly ms: number }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly reason: 'load-failed' | 'generation-failed' | 'cancelled' };
