/**
 * The language-model drafter: verifies the model file, then runs llama-worker.ts in a child
 * process (node-llama-cpp, CPU), one prompt per chunk of the call, each under the JSON schema.
 * Progress comes per chunk; cancelling asks the worker to stop and kills it if it does not; a
 * worker that dies is an error for this draft, never a crash of the app.
 */
import { chunkPrompt, chunkSchema, chunkSegments, DRAFT_MAX_TOKENS, mergeChunkItems, parseModelOutput, type DraftProgress, type ModelDraft, type ProposedItem, type SummaryModelDrafter, type SummarySegment } from '../../core/summary';
import { SummaryModelError, verifySummaryModel } from './summary-model-check';
import { forkSummaryWorker, sourceSummaryWorker, type SummaryWorkerEntry, type SummaryWorkerLauncher } from './worker-location';
import type { FromWorker } from './worker-protocol';

export interface LlamaEngineOptions {
  readonly modelPath: string;
  readonly modelName: string;
  /** sha256 of the manifest's models and of those an admin trusted. */
  readonly knownSha256: ReadonlySet<string>;
  readonly threads?: number;
  readonly contextSize?: number;
  /** Transcript characters per chunk; the prompt and the answer must fit the context with it. */
  readonly chunkChars?: number;
  readonly maxTokens?: number;
  /** Told the worker's pid once it runs (tests kill it to prove a crash is contained). */
  readonly onSpawn?: (pid: number) => void;
  /** The worker script (default: the sources through tsx; the Electron build passes its bundle). */
  readonly worker?: SummaryWorkerEntry;
  /** How the worker process is started (default: Node's fork; Electron: a utility process). */
  readonly launch?: SummaryWorkerLauncher;
}

export interface ChunkRun {
  readonly texts: string[];
  /** Tokens generated, and prompt tokens evaluated, over all chunks. */
  readonly tokens: number;
  readonly promptTokens: number;
  readonly generationMs: number;
}

const KILL_GRACE_MS = 2000;

export class LlamaSummaryEngine implements SummaryModelDrafter {
  constructor(private readonly options: LlamaEngineOptions) {}

  async draft(segments: readonly SummarySegment[], options: { readonly signal?: AbortSignal | undefined; readonly onProgress?: ((progress: DraftProgress) => void) | undefined } = {}): Promise<ModelDraft> {
    const chunks = chunkSegments(segments, this.options.chunkChars ?? 6000);
    const run = await this.runPrompts(chunks.map((chunk, i) => ({ prompt: chunkPrompt(chunk, i + 1, chunks.length), schema: chunkSchema(chunk) })), options);
    const parsed: ProposedItem[][] = run.texts.map((text) => {
      try {
        return parseModelOutput(text);
      } catch {
        // An answer cut off at the token limit proposes nothing; the other chunks still count.
        return [];
      }
    });
    return { model: this.options.modelName, items: mergeChunkItems(parsed) };
  }

  /** Runs the prompts in the worker; the raw answers and token counts (the bench reads these). */
  async runPrompts(prompts: readonly { readonly prompt: string; readonly schema: unknown }[], options: { readonly signal?: AbortSignal | undefined; readonly onProgress?: ((progress: DraftProgress) => void) | undefined } = {}): Promise<ChunkRun> {
    await verifySummaryModel(this.options.modelPath, this.options.knownSha256);
    if (options.signal?.aborted === true) {
      throw new SummaryModelError('cancelled', 'The summary draft was cancelled.');
    }
    const child = (this.options.launch ?? forkSummaryWorker)(this.options.worker ?? sourceSummaryWorker());
    if (child.pid !== undefined) {
      this.options.onSpawn?.(child.pid);
    }
    return new Promise<ChunkRun>((resolve, reject) => {
      const texts: string[] = [];
      let tokens = 0;
      let promptTokens = 0;
      let generationMs = 0;
      let settled = false;
      let killTimer: NodeJS.Timeout | undefined;
      const finish = (error: SummaryModelError | undefined) => {
        if (settled) {
          return;
        }
        settled = true;
        options.signal?.removeEventListener('abort', onAbort);
        // The worker is not needed once it answered or failed (a forked one ends by itself).
        child.kill();
        if (error === undefined) {
          resolve({ texts, tokens, promptTokens, generationMs });
        } else {
          reject(error);
        }
      };
      const onAbort = () => {
        child.send({ type: 'cancel' });
        killTimer = setTimeout(() => { child.kill(); }, KILL_GRACE_MS);
        finish(new SummaryModelError('cancelled', 'The summary draft was cancelled.'));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.onMessage((message: FromWorker) => {
        switch (message.type) {
          case 'loaded':
            options.onProgress?.({ fraction: 0, chunk: 0, chunks: prompts.length });
            break;
          case 'chunk':
            texts[message.index] = message.text;
            tokens += message.tokens;
            promptTokens += message.promptTokens;
            generationMs += message.ms;
            options.onProgress?.({ fraction: (message.index + 1) / prompts.length, chunk: message.index + 1, chunks: prompts.length });
            break;
          case 'done':
            finish(undefined);
            break;
          case 'error':
            finish(new SummaryModelError(message.reason === 'load-failed' ? 'corrupt' : message.reason === 'cancelled' ? 'cancelled' : 'engine-failed', message.reason === 'load-failed' ? 'The summary model could not be loaded: the file is damaged or not a model this engine can run. Install it again.' : 'The summary engine failed on this call. Try again, or draft an extractive summary.'));
            break;
        }
      });
      child.onExit(() => {
        if (killTimer !== undefined) {
          clearTimeout(killTimer);
        }
        finish(new SummaryModelError('engine-crashed', 'The summary engine stopped unexpectedly (or could not be started). Nothing was drafted; try again, or draft an extractive summary.'));
      });
      child.send({ type: 'draft', modelPath: this.options.modelPath, prompts, maxTokens: this.options.maxTokens ?? DRAFT_MAX_TOKENS, threads: this.options.threads ?? 1, contextSize: this.options.contextSize ?? 4096 });
    });
  }
}
