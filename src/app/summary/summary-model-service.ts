/**
 * The summary models and the model drafts: which GGUF models are installed (import, download,
 * admin trust through the store), the drafter the app uses when one is installed, and the drafts
 * running now, one per recording, each cancellable and announced as `summary.progress` events
 * (chunk counts only, never text). A worker that dies fails its draft, never the app.
 */
import type { DraftProgress, ModelDraft, SummarySegment } from '../../core/summary';
import type { SummaryModelView } from '../../shared/contract/summary';
import type { DownloadOptions } from '../../platform/models/model-download';
import { LlamaSummaryEngine, type LlamaEngineOptions } from '../../platform/summary/llama-summary-engine';
import { SummaryModelError } from '../../platform/summary/summary-model-check';
import type { SummaryModelStore, SummaryTrustGrant } from '../../platform/summary/summary-model-store';
import { AppFailure } from '../app-failure';
import { noEvents, type AppEventSink } from '../app-events';

/** Engine settings the app may tune (tests: small chunks, few tokens, the worker's pid). */
export type SummaryEngineTuning = Partial<Omit<LlamaEngineOptions, 'modelPath' | 'modelName' | 'knownSha256'>>;

export class SummaryModelService {
  private readonly running = new Map<string, AbortController>();

  constructor(
    /** Undefined when the shipped manifest cannot be read: then no model can be used. */
    private readonly store: SummaryModelStore | undefined,
    private readonly events: AppEventSink = noEvents,
    private readonly tuning: SummaryEngineTuning = {},
    private readonly downloadBaseUrl?: string,
  ) {}

  private requireStore(): SummaryModelStore {
    if (this.store === undefined) {
      throw new AppFailure('MODEL_UNAVAILABLE', 'The summary model manifest cannot be read, so no summary model can be used. Reinstall CallVault; extractive summaries still work.');
    }
    return this.store;
  }

  async list(): Promise<SummaryModelView[]> {
    return (await this.requireStore().list()).map((m) => ({ ...m }));
  }

  async import(file: string, options: { readonly name?: string | undefined; readonly trust?: SummaryTrustGrant | undefined }) {
    const imported = await this.requireStore().importFile(file, options);
    return { imported, models: await this.list() };
  }

  async download(name: string, options: Pick<DownloadOptions, 'signal' | 'onProgress'> = {}): Promise<SummaryModelView[]> {
    await this.requireStore().download(name, { ...options, ...(this.downloadBaseUrl !== undefined && { baseUrl: this.downloadBaseUrl }) });
    return this.list();
  }

  /** The drafter for the first installed model; undefined when none is installed. */
  async drafter(): Promise<LlamaSummaryEngine | undefined> {
    if (this.store === undefined) {
      return undefined;
    }
    const model = await this.store.installed();
    return model && new LlamaSummaryEngine({ ...this.tuning, modelPath: model.path, modelName: model.name, knownSha256: this.store.knownSha256() });
  }

  /** Drafts with the installed model, announcing progress; refused while a draft of the same call runs. */
  async draft(recordingId: string, segments: readonly SummarySegment[]): Promise<ModelDraft> {
    const drafter = await this.drafter();
    if (drafter === undefined) {
      throw new AppFailure('MODEL_UNAVAILABLE', 'No summary model is installed. Install one under Models (download, or import a file), or draft an extractive summary (no model needed).');
    }
    if (this.running.has(recordingId)) {
      throw new AppFailure('BAD_REQUEST', 'A summary of this call is being drafted. Wait for it, or cancel it.');
    }
    const controller = new AbortController();
    this.running.set(recordingId, controller);
    let last: DraftProgress = { fraction: 0, chunk: 0, chunks: 0 };
    const announce = (state: 'running' | 'done' | 'failed' | 'cancelled') => {
      this.events.emit('summary.progress', { recordingId, state, ...last });
    };
    try {
      const drafted = await drafter.draft(segments, {
        signal: controller.signal,
        onProgress: (p) => {
          last = p;
          announce('running');
        },
      });
      announce('done');
      return drafted;
    } catch (error: unknown) {
      const cancelled = error instanceof SummaryModelError && error.detail === 'cancelled';
      announce(cancelled ? 'cancelled' : 'failed');
      throw error;
    } finally {
      this.running.delete(recordingId);
    }
  }

  cancel(recordingId: string): boolean {
    const controller = this.running.get(recordingId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Cancels every running draft (the vault locks, the app quits). */
  cancelAll(): void {
    for (const controller of this.running.values()) {
      controller.abort();
    }
  }
}
