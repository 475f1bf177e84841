/**
 * The persistent transcription queue: one job at a time, in the order they were queued, kept in
 * the vault so a restart picks up where it stopped. Each channel is transcribed on its own (the
 * rep's, then the customer's); every decoded segment is checkpointed in the vault as it arrives,
 * so a job interrupted by a crash, a lock or a cancel resumes after its last segment instead of
 * starting over. The engine itself runs in its own process (see WhisperProcessEngine); this
 * class only streams audio to it and stores what comes back, yielding between chunks, so the
 * host's main thread stays responsive.
 */
import type { TranscriptionEngine } from '../../core/ports/transcription';
import { TranscriptionError } from '../../core/ports/transcription';
import { mergeSpeakerSegments, SPEAKER_CHANNELS, type Speaker } from '../../core/transcription/merge-segments';
import { toStoredSegment, type StoredSegment, type TranscriptVersion } from '../../core/transcription/transcript';
import type { JobState, TranscriptionJob } from '../../core/transcription/job';
import { CallVaultError } from '../../shared/callvault-error';
import { AppFailure } from '../app-failure';
import { noEvents, type AppEventSink } from '../app-events';
import type { Logger } from '../logger';
import { streamRecordingChannel } from '../recording/recording-audio';
import type { OpenVault } from '../vault/open-vault';
import { transcriptionPrompt } from '../transcripts/vocabulary';
import { effectiveThreads, readTranscriptionSettings } from './transcription-settings';
import { indexRecording } from '../search/search-index-sync';

const SPEAKERS: readonly Speaker[] = ['rep', 'customer'];

/** An engine ready for one model, or an error that says what to do (install, verify, ...). */
export interface EngineProvider {
  engineFor(model: string): Promise<{ readonly engine: TranscriptionEngine; readonly label: string; readonly model: string }>;
  /** The model to use when the settings name none: the first installed one, or undefined. */
  defaultModel(): Promise<string | undefined>;
}

export interface JobView extends TranscriptionJob {
  /** Audio transcribed so far, over both channels (live while running). */
  readonly percent: number;
}

type StopReason = 'cancel' | 'lock';

interface Running {
  readonly recordingId: string;
  readonly controller: AbortController;
  reason: StopReason | undefined;
  percent: number;
  finished?: Promise<void>;
}

export class TranscriptionQueue {
  private vault: OpenVault | undefined;
  private running: Running | undefined;
  private pump: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  /** False while the engine is still being built: jobs wait queued instead of failing. */
  private engineReady = true;
  /** Engine threads asked for one job (the CLI's --threads); the rep's setting otherwise. Not stored. */
  private readonly threadsFor = new Map<string, number>();
  /** Attached without starting work: interrupted jobs go back to the queue at the first enqueue. */
  private requeuePending = false;

  constructor(
    private readonly engines: EngineProvider,
    private readonly now: () => Date,
    private readonly logger?: Logger,
    /** Where job changes are announced to the UI (state changes, and progress every 0.1 %). */
    private readonly events: AppEventSink = noEvents,
  ) {}

  /**
   * On unlock: whatever was running when the app stopped goes back to the queue, then work starts.
   * With `start: false` (a one-shot command line run) nothing changes and nothing runs until a job
   * is queued; then the queue drains in order, interrupted jobs first, as the app would.
   */
  attach(vault: OpenVault, options: { readonly start?: boolean } = {}): void {
    this.vault = vault;
    this.requeuePending = true;
    if (options.start !== false) {
      this.kick();
    }
  }

  /** On lock: the running job stops and stays queued (its checkpoint keeps what was done). */
  async detach(): Promise<void> {
    const running = this.running;
    if (running) {
      running.reason = 'lock';
      running.controller.abort();
    }
    this.vault = undefined;
    await this.pump;
  }

  /** Queues (or re-queues, for retry) a recording; refuses one that is still being recorded. */
  async enqueue(recordingId: string, options: { model?: string | undefined; language?: string | undefined; threads?: number | undefined } = {}): Promise<JobView> {
    const vault = this.requireVault();
    const record = vault.recordings.get(recordingId);
    if (!record) {
      throw new AppFailure('NOT_FOUND', `Recording ${recordingId} is not in this vault.`);
    }
    if (record.status === 'recording') {
      throw new AppFailure('BAD_REQUEST', 'This call is still being recorded. Stop the recording first, then transcribe it.');
    }
    if (record.status === 'recovered') {
      throw new AppFailure('BAD_REQUEST', 'Keep or discard this recovered recording before transcribing it.');
    }
    if (vault.transcripts.latest(recordingId) !== undefined) {
      throw new AppFailure('BAD_REQUEST', 'This recording already has a transcript.');
    }
    if (this.running?.recordingId === recordingId) {
      throw new AppFailure('BAD_REQUEST', 'This recording is being transcribed now.');
    }
    const settings = readTranscriptionSettings(vault);
    const model = options.model ?? (settings.model !== '' ? settings.model : await this.engines.defaultModel());
    if (model === undefined) {
      throw new AppFailure('BAD_REQUEST', 'No transcription model is installed. Download or import one under Models, then try again.');
    }
    const language = options.language ?? settings.language;
    if (vault.isClosed || this.running?.recordingId === recordingId) {
      throw new AppFailure('BAD_REQUEST', 'The vault was locked or the job started meanwhile. Try again.');
    }
    const previous = vault.jobs.get(recordingId);
    vault.transaction(() => {
      // A checkpoint from another model or language cannot be continued.
      if (previous && (previous.model !== model || previous.language !== language)) {
        vault.jobs.checkpoint.clear(recordingId);
      }
      vault.jobs.enqueue(recordingId, model, language, this.stamp());
    });
    vault.audit.record('transcription.queued', { recordingId, model, language });
    if (options.threads === undefined) {
      this.threadsFor.delete(recordingId);
    } else {
      this.threadsFor.set(recordingId, options.threads);
    }
    this.changed(recordingId);
    this.kick();
    return this.view(this.requireJob(recordingId));
  }

  /** Stops a queued or running job; retrying resumes after its last checkpointed segment. */
  cancel(recordingId: string): JobView {
    const vault = this.requireVault();
    const job = this.requireJob(recordingId);
    if (this.running?.recordingId === recordingId) {
      this.running.reason = 'cancel';
      this.running.controller.abort();
    } else if (job.state === 'queued') {
      vault.jobs.setState(recordingId, 'cancelled', null, this.stamp());
      this.changed(recordingId);
    } else {
      throw new AppFailure('BAD_REQUEST', `This transcription is ${job.state}; there is nothing to cancel.`);
    }
    return this.view(this.requireJob(recordingId));
  }

  /** After a call is recorded: queues it when the rep's settings say so and a model is installed. */
  async autoEnqueue(recordingId: string): Promise<void> {
    const vault = this.vault;
    if (vault === undefined || vault.isClosed || !readTranscriptionSettings(vault).autoTranscribe) {
      return;
    }
    try {
      await this.enqueue(recordingId);
    } catch (error: unknown) {
      // No model yet, or a recording that was withdrawn: the rep can start it from the library.
      this.logger?.info(`transcription: not queued automatically (${error instanceof Error ? error.message : 'unknown'})`);
    }
  }

  /** Before a recording is destroyed: stops its job if it is running and waits until it has. */
  async stopFor(recordingId: string): Promise<void> {
    const running = this.running;
    if (running?.recordingId === recordingId) {
      running.reason = 'cancel';
      running.controller.abort();
      await running.finished;
    }
  }

  jobs(): JobView[] {
    const vault = this.vault;
    return vault ? vault.jobs.all().map((job) => this.view(job)) : [];
  }

  job(recordingId: string): JobView | undefined {
    const job = this.vault?.jobs.get(recordingId);
    return job ? this.view(job) : undefined;
  }

  /** Calls `listener` after every change of a job's state or progress. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when the queue has nothing left to do (tests and the CLI wait on it). */
  async idle(): Promise<void> {
    for (;;) {
      const current = this.pump;
      await current;
      if (current === this.pump) {
        return;
      }
    }
  }

  /**
   * The engine's background build (see EngineMonitor): while it runs, queued jobs wait; when it
   * is done they start.
   */
  setEngineReady(ready: boolean): void {
    this.engineReady = ready;
    this.kick();
  }

  private kick(): void {
    if (this.running !== undefined || this.vault === undefined || !this.engineReady) {
      return;
    }
    if (this.requeuePending) {
      this.requeuePending = false;
      const requeued = this.vault.jobs.requeueInterrupted(this.stamp());
      if (requeued > 0) {
        this.logger?.info(`transcription: ${requeued} interrupted job(s) queued again`);
      }
    }
    this.pump = this.pump.then(() => this.drain());
  }

  private async drain(): Promise<void> {
    for (;;) {
      const vault = this.vault;
      const job = vault === undefined || vault.isClosed ? undefined : vault.jobs.next();
      if (vault === undefined || job === undefined) {
        return;
      }
      await this.run(vault, job);
    }
  }

  private async run(vault: OpenVault, job: TranscriptionJob): Promise<void> {
    const { recordingId } = job;
    const running: Running = { recordingId, controller: new AbortController(), reason: undefined, percent: job.percent };
    this.running = running;
    vault.jobs.markRunning(recordingId, this.stamp());
    this.changed(recordingId);
    const started = performance.now(); // elapsed time for the log, not a date: the monotonic clock
    let finish: () => void = () => undefined;
    running.finished = new Promise((resolve) => { finish = resolve; });
    try {
      const version = await this.transcribe(vault, job, running);
      this.logger?.info(`transcription: done in ${Math.round(performance.now() - started)} ms, ${version.segments.length} segments`);
    } catch (error: unknown) {
      this.finishWithError(vault, running, error);
    } finally {
      this.running = undefined;
      this.threadsFor.delete(recordingId);
      finish();
      this.changed(recordingId);
      this.announceEnd(vault, recordingId);
    }
  }

  private async transcribe(vault: OpenVault, job: TranscriptionJob, running: Running): Promise<TranscriptVersion> {
    const { recordingId } = job;
    const record = vault.recordings.get(recordingId);
    if (!record) {
      throw new AppFailure('NOT_FOUND', `Recording ${recordingId} was deleted.`);
    }
    const { engine, label, model } = await this.engines.engineFor(job.model);
    const settings = readTranscriptionSettings(vault);
    const threads = effectiveThreads(this.threadsFor.get(recordingId) ?? settings.threads);
    const durationMs = Math.max(1, record.durationMs);
    const prompt = transcriptionPrompt(vault);
    const done = vault.jobs.checkpoint.doneChannels(recordingId);
    for (const [index, speaker] of SPEAKERS.entries()) {
      if (done.has(speaker)) {
        continue;
      }
      const before = vault.jobs.checkpoint.segments(recordingId, speaker);
      const fromMs = before.at(-1)?.endMs ?? 0;
      await engine.transcribe(streamRecordingChannel(vault, recordingId, SPEAKER_CHANNELS[speaker], fromMs), {
        threads,
        language: job.language,
        signal: running.controller.signal,
        durationMs: Math.max(0, durationMs - fromMs),
        prompt,
        onSegment: (segment) => {
          if (!vault.isClosed) {
            vault.jobs.checkpoint.add(recordingId, speaker, toStoredSegment(segment, speaker, fromMs));
          }
        },
        onProgress: (p) => {
          this.progress(vault, running, ((index * durationMs + fromMs + p.processedMs) / (SPEAKERS.length * durationMs)) * 100);
        },
      });
      vault.jobs.checkpoint.markChannelDone(recordingId, speaker);
    }
    const tracks = SPEAKERS.map((speaker) => ({ speaker, segments: vault.jobs.checkpoint.segments(recordingId, speaker) }));
    const segments: StoredSegment[] = mergeSpeakerSegments<StoredSegment>(tracks).map(({ speaker, ...rest }) => ({ ...rest, speaker }));
    const version = vault.transaction(() => {
      const added = vault.transcripts.add({
        recordingId,
        kind: 'machine',
        createdAt: this.stamp(),
        createdBy: vault.profile.displayName,
        engine: `${label}, ${model}`,
        language: job.language,
        segments,
      });
      // The insert marked the recording stale (migration 007); index it now rather than at the next search.
      indexRecording(vault, recordingId);
      vault.jobs.setPercent(recordingId, 100, this.stamp());
      vault.jobs.setState(recordingId, 'done', null, this.stamp());
      vault.jobs.checkpoint.clear(recordingId);
      return added;
    });
    vault.audit.record('transcript.created', { recordingId, version: version.version, model, segments: segments.length });
    return version;
  }

  private finishWithError(vault: OpenVault, running: Running, error: unknown): void {
    const { recordingId } = running;
    if (vault.isClosed) {
      return; // locked mid-job: it stays 'running' in the vault and is re-queued at the next unlock
    }
    const state: JobState = running.reason === 'lock' ? 'queued' : running.reason === 'cancel' ? 'cancelled' : 'failed';
    const message = state === 'failed' ? failureMessage(error) : null;
    vault.jobs.setState(recordingId, state, message, this.stamp());
    vault.jobs.setPercent(recordingId, running.percent, this.stamp());
    if (state === 'failed') {
      if (error instanceof TranscriptionError) {
        this.logger?.warn(`transcription: failed (${error.detail})`);
      } else {
        this.logger?.error('transcription: failed', error);
      }
      vault.audit.record('transcription.failed', { recordingId, reason: message ?? '' });
    } else if (state === 'cancelled') {
      vault.audit.record('transcription.cancelled', { recordingId });
    }
  }

  private progress(vault: OpenVault, running: Running, percent: number): void {
    const next = Math.min(99.9, Math.max(running.percent, percent));
    // The vault row is updated every whole percent; listeners hear every step.
    if (Math.floor(next) > Math.floor(running.percent) && !vault.isClosed) {
      vault.jobs.setPercent(running.recordingId, Math.floor(next), this.stamp());
    }
    const announce = Math.round(next * 10) !== Math.round(running.percent * 10);
    running.percent = next;
    this.changed(announce ? running.recordingId : undefined);
  }

  private view(job: TranscriptionJob): JobView {
    const live = this.running?.recordingId === job.recordingId ? this.running.percent : job.percent;
    return { ...job, percent: Math.round(live * 10) / 10 };
  }

  private requireVault(): OpenVault {
    if (this.vault === undefined || this.vault.isClosed) {
      throw new AppFailure('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    }
    return this.vault;
  }

  private requireJob(recordingId: string): TranscriptionJob {
    const job = this.requireVault().jobs.get(recordingId);
    if (!job) {
      throw new AppFailure('NOT_FOUND', 'This recording has no transcription job.');
    }
    return job;
  }

  /** Tells listeners; with a recording id, also tells the UI where that job stands now. */
  private changed(recordingId?: string): void {
    for (const listener of this.listeners) {
      listener();
    }
    const vault = this.vault;
    const job = recordingId === undefined || vault === undefined || vault.isClosed ? undefined : vault.jobs.get(recordingId);
    if (job !== undefined) {
      const view = this.view(job);
      this.events.emit('transcription.progress', { recordingId: job.recordingId, state: view.state, fraction: Math.min(1, Math.max(0, view.percent / 100)), error: view.error });
    }
  }

  /** A finished job changes the library (a transcript now exists) or deserves a word (it failed). */
  private announceEnd(vault: OpenVault, recordingId: string): void {
    const job = vault.isClosed ? undefined : vault.jobs.get(recordingId);
    if (job?.state === 'done') {
      this.events.emit('library.changed', { change: 'transcribed', recordingIds: [recordingId] });
    } else if (job?.state === 'failed') {
      this.events.emit('notice', { code: 'transcription-failed', message: 'A transcription failed. The library says why and offers Retry.' });
    }
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

/** What the rep sees for a failed job: what happened and what to do; never transcript text. */
function failureMessage(error: unknown): string {
  if (error instanceof CallVaultError) {
    return error.message;
  }
  return 'Transcription failed unexpectedly. Retry it; if it fails again, verify the model under Models.';
}
