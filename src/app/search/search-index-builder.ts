/**
 * Builds the search index in the background after an unlock. A vault migrated through 007 has
 * every recording listed in `search_stale` (and any later trigger adds more); left alone, the
 * first search would rebuild all of them while the rep waits (seconds on a large library). After
 * each unlock this walks the stale list in slices of about `sliceMs`, each recording in its own
 * transaction (search-index-sync.ts), yielding to the event loop between slices so the app stays
 * responsive, and tells the UI how far it got (`search.indexing`). A search meanwhile still
 * rebuilds whatever is left first, so its answer is never stale. Locking stops the walk: the
 * builder only ever touches the vault it was started with, and only while it is the current run.
 */
import { performance } from 'node:perf_hooks';
import type { AppEventSink } from '../app-events';
import type { OpenVault } from '../vault/open-vault';
import { indexRecording } from './search-index-sync';

/** Progress of a background index build; `done === total` when it finished. */
export interface IndexProgress {
  readonly done: number;
  readonly total: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

export class SearchIndexBuilder {
  private run = 0;
  private progress: IndexProgress | null = null;

  constructor(
    private readonly events: AppEventSink,
    private readonly sliceMs = 15,
  ) {}

  /** Where the current (or last) build stands; null when none ran since the unlock. */
  status(): IndexProgress | null {
    return this.progress;
  }

  /** Starts indexing the vault's stale recordings in the background; resolves when done or stopped. */
  start(vault: OpenVault): Promise<IndexProgress | null> {
    this.run += 1;
    return this.build(vault, this.run);
  }

  /** Stops the current build (the vault is locking). Whatever was indexed stays indexed. */
  stop(): void {
    this.run += 1;
    this.progress = null;
  }

  private async build(vault: OpenVault, run: number): Promise<IndexProgress | null> {
    // The unlock returns first: nothing is read until the event loop had its turn.
    await yieldToEventLoop();
    if (run !== this.run) {
      return null;
    }
    const stale = vault.searchIndex.staleRecordings();
    if (stale.length === 0) {
      return null;
    }
    let done = 0;
    this.report(run, { done, total: stale.length });
    while (done < stale.length) {
      const sliceEnd = performance.now() + this.sliceMs;
      do {
        const recordingId = stale[done] as string;
        // A search or a save may have indexed it meanwhile; a destroyed one drops out.
        vault.transaction(() => {
          if (vault.searchIndex.isStale(recordingId)) {
            indexRecording(vault, recordingId);
          }
        });
        done += 1;
      } while (done < stale.length && performance.now() < sliceEnd);
      this.report(run, { done, total: stale.length });
      await yieldToEventLoop();
      if (run !== this.run) {
        return null;
      }
    }
    return this.progress;
  }

  private report(run: number, progress: IndexProgress): void {
    if (run !== this.run) {
      return;
    }
    this.progress = progress;
    this.events.emit('search.indexing', progress);
  }
}
