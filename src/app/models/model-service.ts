/**
 * The models screen's view of the model store: listing, downloads running in the background with
 * their progress (one per model), cancel, import, verify and delete. Model files live outside the
 * vault (they hold no customer data) and are shared by the profiles on this machine.
 */
import type { MethodOutput, ModelView } from '../../shared/contract';
import { CallVaultError } from '../../shared/callvault-error';
import { ModelError } from '../../platform/models/model-error';
import { normalizeModelName } from '../../platform/models/model-manifest';
import type { ModelStore, TrustGrant } from '../../platform/models/model-store';
import { AppFailure } from '../app-failure';
import { noEvents, type AppEventSink } from '../app-events';
import type { Logger } from '../logger';

interface Download {
  readonly controller: AbortController;
  percent: number;
  receivedBytes: number;
  totalBytes: number;
}

export class ModelService {
  private readonly downloads = new Map<string, Download>();
  private readonly problems = new Map<string, { readonly message: string; readonly detail: string | null }>();
  private readonly verified = new Map<string, string>();

  constructor(
    readonly store: ModelStore,
    private readonly now: () => Date,
    /** Where download progress and ends are announced to the UI. */
    private readonly events: AppEventSink = noEvents,
    private readonly logger?: Logger,
    private readonly downloadBaseUrl?: string,
    /** Why the manifest cannot be used (its detail says which problem), when it cannot. */
    private readonly manifestProblem?: CallVaultError,
  ) {}

  async list(): Promise<ModelView[]> {
    if (this.manifestProblem !== undefined) {
      const { message, detail } = this.manifestProblem;
      throw new AppFailure('MODEL_UNAVAILABLE', `${message} Transcription is unavailable until the model manifest is fixed (reinstall CallVault, or correct CALLVAULT_MODEL_MANIFEST).`, { cause: this.manifestProblem, ...(detail !== undefined && { detail }) });
    }
    const listing = await this.store.list();
    return listing.map((m) => {
      const download = this.downloads.get(m.name);
      const partial = m.status === 'partial' && m.partialBytes !== undefined && m.bytes > 0 ? (m.partialBytes / m.bytes) * 100 : null;
      return {
        name: m.name,
        description: m.entry?.description ?? (m.origin === 'trusted' ? 'Trusted by an administrator on this machine' : ''),
        bytes: m.bytes,
        sha256: m.sha256,
        path: m.path ?? null,
        multilingual: m.entry?.multilingual ?? false,
        quantization: m.entry?.quantization ?? null,
        origin: m.origin,
        status: download ? 'downloading' : m.status,
        percent: download ? Math.round(download.percent * 10) / 10 : partial === null ? null : Math.round(partial * 10) / 10,
        problem: this.problems.get(m.name)?.message ?? null,
        problemDetail: this.problems.get(m.name)?.detail ?? null,
        verifiedAt: this.verified.get(m.name) ?? null,
        trustedBy: m.trust?.trustedBy.profileId ?? null,
      };
    });
  }

  /** Starts (or resumes) a download in the background; progress shows in `list`. */
  async download(asked: string): Promise<ModelView[]> {
    const name = normalizeModelName(asked);
    if (this.downloads.has(name)) {
      return this.list();
    }
    if (!(await this.list()).some((m) => m.name === name)) {
      throw new ModelError('not-in-manifest', `There is no model called ${name} to download. The Models list shows the ones there are.`);
    }
    const download: Download = { controller: new AbortController(), percent: 0, receivedBytes: 0, totalBytes: 0 };
    const announce = (state: 'downloading' | 'done' | 'failed' | 'cancelled') => {
      this.events.emit('models.progress', { name, state, receivedBytes: download.receivedBytes, totalBytes: download.totalBytes });
    };
    let ended: 'done' | 'failed' | 'cancelled' = 'done';
    this.downloads.set(name, download);
    this.problems.delete(name);
    void this.store
      .download(name, {
        signal: download.controller.signal,
        ...(this.downloadBaseUrl !== undefined && { baseUrl: this.downloadBaseUrl }),
        onProgress: (p) => {
          const percent = p.totalBytes > 0 ? (p.receivedBytes / p.totalBytes) * 100 : 0;
          // The UI hears every 0.1 %, not every network read.
          const step = Math.round(percent * 10) !== Math.round(download.percent * 10);
          download.percent = percent;
          download.receivedBytes = p.receivedBytes;
          download.totalBytes = p.totalBytes;
          if (step) {
            announce('downloading');
          }
        },
      })
      .then(() => {
        this.verified.set(name, this.now().toISOString());
        this.logger?.info(`models: downloaded ${name}`);
      })
      .catch((error: unknown) => {
        if (error instanceof ModelError && error.detail === 'aborted') {
          ended = 'cancelled';
        } else {
          ended = 'failed';
          this.problems.set(name, problemOf(error));
        }
      })
      .finally(() => {
        this.downloads.delete(name);
        announce(ended);
        if (ended !== 'cancelled') {
          this.events.emit('notice', ended === 'done'
            ? { code: 'model-downloaded', message: `${name} is downloaded and verified.` }
            : { code: 'model-download-failed', message: `${name} could not be downloaded. The Models screen says why.` });
        }
      });
    return this.list();
  }

  async cancelDownload(name: string): Promise<ModelView[]> {
    this.downloads.get(name)?.controller.abort();
    return this.list();
  }

  /** Resolves when no download is running (tests). */
  async idle(): Promise<void> {
    while (this.downloads.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Installs a file that matches the manifest (or an earlier trust); with `trust`, a file no
   * manifest lists, which the caller has checked the admin role for and audits.
   */
  async import(file: string, options: { readonly name?: string | undefined; readonly trust?: TrustGrant | undefined } = {}): Promise<MethodOutput<'models.import'>> {
    const result = await this.wrap(file, () => this.store.importModel(file, { ...(options.name !== undefined && { name: options.name }), ...(options.trust !== undefined && { trust: options.trust }) }));
    this.problems.delete(result.name);
    return {
      imported: { name: result.name, path: result.path, sha256: result.sha256, origin: result.origin, trusted: result.trusted !== undefined },
      models: await this.list(),
    };
  }

  /**
   * Re-reads an installed model; a damaged one stays listed with its problem. A model that is not
   * installed (or not known) has nothing to verify: that is an error (NOT_FOUND), not a problem.
   */
  async verify(name: string): Promise<ModelView[]> {
    try {
      await this.store.verify(name);
      this.problems.delete(name);
      this.verified.set(name, this.now().toISOString());
    } catch (error: unknown) {
      if (!(error instanceof ModelError) || error.code === 'NOT_FOUND') {
        throw error;
      }
      this.verified.delete(name);
      this.problems.set(name, problemOf(error));
    }
    return this.list();
  }

  async delete(name: string): Promise<ModelView[]> {
    if (this.downloads.has(name)) {
      throw new AppFailure('BAD_REQUEST', `${name} is downloading. Cancel the download first.`);
    }
    await this.wrap(name, () => this.store.delete(name));
    this.verified.delete(name);
    this.problems.delete(name);
    return this.list();
  }

  private async wrap<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error: unknown) {
      // A ModelError carries its own code (NOT_FOUND or MODEL_UNAVAILABLE) and advice.
      if (!(error instanceof ModelError)) {
        this.logger?.error(`models: ${what} failed`, error);
      }
      throw error;
    }
  }
}

function problemOf(error: unknown): { message: string; detail: string | null } {
  return {
    message: error instanceof Error ? error.message : 'The operation failed for an unknown reason.',
    detail: error instanceof CallVaultError ? (error.detail ?? null) : null,
  };
}
