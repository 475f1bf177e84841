import type { EngineStatusView } from '../../shared/contract';
import type { AppEventSink } from '../app-events';

export interface EngineStatusSource {
  read(): EngineStatusView;
  /** Calls back when the status may have changed; returns the function that stops it. */
  watch(onChange: () => void): () => void;
}

/**
 * Follows the transcription engine's background build: tells the UI (the `engine.status` event)
 * each time its state or percent changes, and holds the transcription queue while it builds so a
 * call stopped in the meantime is transcribed when the engine is ready rather than failing.
 */
export class EngineMonitor {
  private status: EngineStatusView;
  private stop: (() => void) | undefined;

  constructor(
    private readonly source: EngineStatusSource,
    private readonly events: AppEventSink,
    private readonly onReadyChange: (ready: boolean) => void,
  ) {
    this.status = source.read();
    this.onReadyChange(this.status.state !== 'building');
  }

  current(): EngineStatusView {
    return this.status;
  }

  /**
   * Starts following the status. The watcher only reports changes made after it started, so the
   * status is read again once it runs: a write between the first read and now is not missed.
   */
  start(): void {
    if (this.stop === undefined) {
      this.stop = this.source.watch(() => { this.refresh(); });
      this.refresh();
    }
  }

  /** Reads the status again; announces it when it changed. */
  refresh(): EngineStatusView {
    const next = this.source.read();
    const previous = this.status;
    if (next.state !== previous.state || next.percent !== previous.percent || next.message !== previous.message) {
      this.status = next;
      this.events.emit('engine.status', next);
      if ((next.state === 'building') !== (previous.state === 'building')) {
        this.onReadyChange(next.state !== 'building');
      }
    }
    return this.status;
  }

  close(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
