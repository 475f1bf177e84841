/**
 * Engines for the installed models: the model is resolved through the model store (manifest or
 * admin-trusted hash), checked against the machine's memory, and its sha256 is verified before
 * its first use in this app run (one engine per model is kept, so the hash is read once).
 */
import type { TranscriptionEngine } from '../../core/ports/transcription';
import { ModelError } from '../../platform/models/model-error';
import { ensureMemoryFor } from '../../platform/models/model-resources';
import type { ModelStore } from '../../platform/models/model-store';
import { WhisperProcessEngine } from '../../platform/transcription/whisper-process-engine';
import { AppFailure } from '../app-failure';
import type { EngineProvider } from './transcription-queue';

export const ENGINE_LABEL = 'whisper.cpp 1.9.1';

export class StoreEngineProvider implements EngineProvider {
  private readonly engines = new Map<string, { engine: TranscriptionEngine; sha256: string }>();

  constructor(
    private readonly store: ModelStore,
    private readonly runnerPath: string,
    /** Where the person is: the model store's messages name CLI commands, the app names its screen. */
    private readonly audience: 'app' | 'cli' = 'app',
  ) {}

  async engineFor(model: string): Promise<{ engine: TranscriptionEngine; label: string; model: string }> {
    try {
      const resolved = await this.store.resolve(model);
      if (resolved.memoryBytes !== undefined) {
        ensureMemoryFor({ name: resolved.name, memoryBytes: resolved.memoryBytes });
      }
      const cached = this.engines.get(resolved.path);
      if (cached?.sha256 === resolved.sha256) {
        return { engine: cached.engine, label: ENGINE_LABEL, model: resolved.name };
      }
      const engine = new WhisperProcessEngine({ runnerPath: this.runnerPath, modelPath: resolved.path, modelSha256: resolved.sha256 });
      this.engines.set(resolved.path, { engine, sha256: resolved.sha256 });
      return { engine, label: ENGINE_LABEL, model: resolved.name };
    } catch (error: unknown) {
      if (error instanceof ModelError) {
        const message =
          this.audience === 'app' && error.detail === 'not-installed'
            ? `The transcription model ${model} is not installed. Download or import it under Models, or choose another model in the transcription settings.`
            : error.message;
        // MODEL_UNAVAILABLE even when it is not installed: for transcription the model is what is missing.
        // The detail keeps the CLI's exit codes (5 not installed, 4 damaged) as in "callvault models".
        throw new AppFailure('MODEL_UNAVAILABLE', message, { cause: error, detail: error.detail });
      }
      throw error;
    }
  }

  async defaultModel(): Promise<string | undefined> {
    const listing = await this.store.list();
    return listing.find((m) => m.status === 'installed' || m.status === 'bundled')?.name;
  }

  /** Forget engines (after a model was deleted or replaced), so the next use verifies again. */
  forget(): void {
    this.engines.clear();
  }
}
