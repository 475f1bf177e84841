/**
 * The summary models and the model drafts: which GGUF models are installed (import, download,
 * admin trust through the store), the drafter the app uses when one is installed, and the drafts
 * running now, one per recording, each cancellable and announced as `summary.progress` events
 * (chunk counts only, never text). A worker that dies fails its draft, never the app.
 */
import type { DraftProgress, ModelDraft, SummarySegment } from '../../core/summary';
import type { SummaryModelView } from '../../shared/contract/summary';
import { ModelError } from '../../platform/models/model-error';
import { LlamaSummaryEngine, type LlamaEngineOptions } from '../../platform/summary/llama-summary-engine';
import { SummaryModelError } from '../../platform/summary/summary-model-check';
import type { SummaryModelStore, SummaryTrustGrant } from '../../platform/summary/summary-model-store';
import { AppFailure } from '../app-failure';
import { noEvents, type AppEventSink } from '../app-events';

/** Engine settings the app may tune (tests: small chunks, few tokens, the worker's pid). */
export type SummaryEngineTuning = Partial<Omit<LlamaEngineOptions, 'modelPath' | 'modelName' | 'knownSha256'>>;

interface Download {
  readonly controller: AbortController;
  receivedBytes: number;
  totalBytes: number;
}

export class SummaryModelService {
  private readonly running = new Map<string, AbortController>();
  /** Downloads running in the background, by model name; they outlive any screen. */
  private readonly downloads = new Map<string, Download>();
  private readonly problems = new Map<string, string>();
  private readonly verified = new Map<string, string>();

  constructor(
    /** Undefined when the shipped manifest cannot be read: then no model can be used. */
    private readonly store: SummaryModelStore | undefined,
    private readonly events: AppEventSink = noEvents,
    private readonly tuning: SummaryEngineTuning = {},
    private readonly downloadBaseUrl?: string,
    /** The app's clock, for when a model was last verified. */
    private readonly now: () => Date = () => new Date(0),
  ) {}

  private requireStore(): SummaryModelStore {
    if (this.store === undefined) {
      throw new AppFailure('MODEL_UNAVAILABLE', 'The summary model manifest cannot be read, so no summary model can be used. Reinstall CallVault; extractive summaries still work.');
    }
    return this.store;
  }

  async list(): Promise<SummaryModelView[]> {
    return (await this.requireStore().list()).map((m) => {
      const download = this.downloads.get(m.name);
      const of = (received: number, total: number | null) => (total !== null && total > 0 ? Math.min(100, Math.round((received / total) * 1000) / 10) : null);
      return {
        ...m,
        status: download ? 'downloading' : m.status,
        percent: download ? of(download.receivedBytes, download.totalBytes) : m.status === 'partial' && m.partialBytes !== null ? of(m.partialBytes, m.bytes) : null,
        problem: this.problems.get(m.name) ?? null,
        verifiedAt: m.status === 'installed' ? (this.verified.get(m.name) ?? null) : null,
      };
    });
  }

  async import(file: string, options: { readonly name?: string | undefined; readonly trust?: SummaryTrustGrant | undefined }) {
    const imported = await this.requireStore().importFile(file, options);
    return { imported, models: await this.list() };
  }

  /**
   * Starts (or resumes) a download in the background and returns at once; progress and the end
   * are `summaryModels.progress` events, a failure the model's `problem`. An unknown name or an
   * entry without an exact size is refused here, before anything starts.
   */
  async download(name: string): Promise<SummaryModelView[]> {
    const store = this.requireStore();
    if (this.downloads.has(name)) {
      return this.list();
    }
    store.downloadable(name);
    const download: Download = { controller: new AbortController(), receivedBytes: 0, totalBytes: 0 };
    const announce = (state: 'downloading' | 'done' | 'failed' | 'cancelled') => {
      this.events.emit('summaryModels.progress', { name, state, receivedBytes: download.receivedBytes, totalBytes: download.totalBytes });
    };
    this.downloads.set(name, download);
    this.problems.delete(name);
    let lastStep = -1;
    let ended: 'done' | 'failed' | 'cancelled' = 'done';
    void store
      .download(name, {
        signal: download.controller.signal,
        ...(this.downloadBaseUrl !== undefined && { baseUrl: this.downloadBaseUrl }),
        onProgress: (p) => {
          download.receivedBytes = p.receivedBytes;
          download.totalBytes = p.totalBytes;
          // The UI hears every 0.1 %, not every network read.
          const step = p.totalBytes > 0 ? Math.floor((p.receivedBytes / p.totalBytes) * 1000) : 0;
          if (step !== lastStep) {
            lastStep = step;
            announce('downloading');
          }
        },
      })
      .then(() => {
        this.verified.set(name, this.now().toISOString());
      })
      .catch((error: unknown) => {
        if (error instanceof ModelError && error.detail === 'aborted') {
          ended = 'cancelled';
        } else {
          ended = 'failed';
          this.problems.set(name, error instanceof Error ? error.message : 'The download failed.');
        }
      })
      .finally(() => {
        this.downloads.delete(name);
        announce(ended);
      });
    return this.list();
  }

  async cancelDownload(name: string): Promise<SummaryModelView[]> {
    this.downloads.get(name)?.controller.abort();
    return this.list();
  }

  /** Resolves when no download runs (tests, and the CLI before it exits). */
  async idle(): Promise<void> {
    while (this.downloads.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Re-reads an installed model against its sha256; a mismatch is thrown (and kept as the model's problem). */
  async verify(name: string): Promise<SummaryModelView[]> {
    try {
      await this.requireStore().verify(name);
    } catch (error: unknown) {
      this.verified.delete(name);
      if (error instanceof ModelError && (error.detail === 'checksum-mismatch' || error.detail === 'corrupt')) {
        this.problems.set(name, error.message);
      }
      throw error;
    }
    this.problems.delete(name);
    this.verified.set(name, this.now().toISOString());
    return this.list();
  }

  /** Deletes an installed model (and any partial download of it); refused while it downloads. */
  async delete(name: string): Promise<SummaryModelView[]> {
    if (this.downloads.has(name)) {
      throw new AppFailure('BAD_REQUEST', `${name} is downloading. Cancel the download first, then delete it.`);
    }
    if (!(await this.requireStore().delete(name))) {
      throw new AppFailure('NOT_FOUND', `${name} is not installed, so there is nothing to delete.`);
    }
    this.problems.delete(name);
    this.verified.delete(name);
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

  /** Cancels every running draft (the vault locks, the app quits). Downloads go on: model files hold no customer data. */
  cancelAll(): void {
    for (const controller of this.running.values()) {
      controller.abort();
    }
  }
}
