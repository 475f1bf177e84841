// One recording as the page runs it, from the moment `capture.start` accepted the call: opens the
// sources, runs the audio pipeline, sends its blocks, and follows the host's capture status.
// React reads it through `subscribe`/`snapshot` (useSyncExternalStore); it knows nothing of React.
import type { CaptureStatus, MethodOutput } from '../../../shared/contract';
import { call, type CallResult } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { AppendPump } from './append-pump';
import { AudioPipeline } from './audio-pipeline';
import { listAudioInputs, openAudioInput, openCustomerSide, openMicrophone, stopStream, type AudioInput, type SourceOutcome } from './media-sources';

export type SourceState =
  | { kind: 'opening' }
  | { kind: 'live'; label: string }
  | { kind: 'unavailable'; message: string }
  /** The rep chose to record the microphone only: the customer channel is silence. */
  | { kind: 'silent' };

/** setting-up: sources not settled, nothing sent; live: audio flows; ended: audio stopped for good. */
export type RunPhase = 'setting-up' | 'live' | 'stopping' | 'stopped' | 'ended';

export interface RunSnapshot {
  readonly phase: RunPhase;
  readonly status: CaptureStatus;
  readonly mic: SourceState;
  readonly system: SourceState;
  readonly levels: { readonly mic: number; readonly system: number };
  /** What went wrong, in words the rep can act on. */
  readonly error: string | null;
  /** Blocks waiting to be sent: a growing number means the host is falling behind. */
  readonly backlog: number;
}

const MIC_STOPPED = 'The microphone stopped (it may have been unplugged). Your channel is silent until you press “Try the microphone again”.';
const SHARE_STOPPED = 'Sharing stopped, so the customer’s channel is silent. Share the meeting’s tab or screen again, or continue with your microphone only.';

export class CaptureRun {
  #snapshot: RunSnapshot;
  readonly #listeners = new Set<() => void>();
  readonly #pump: AppendPump<MethodOutput<'capture.append'>>;
  #mic: MediaStream | null = null;
  #system: MediaStream | null = null;
  #pipeline: AudioPipeline | null = null;
  #starting = false;
  #holders = 0;

  constructor(status: CaptureStatus) {
    this.#snapshot = { phase: 'setting-up', status, mic: { kind: 'opening' }, system: { kind: 'opening' }, levels: { mic: 0, system: 0 }, error: null, backlog: 0 };
    this.#pump = new AppendPump(
      (pcm) => call('capture.append', { recordingId: status.recordingId, pcm }),
      (appended) => {
        this.#update({ status: appended.status, backlog: this.#pump.backlog });
      },
      (error) => {
        this.#shutDown();
        this.#update({ phase: 'ended', levels: { mic: 0, system: 0 }, error: `Recording stopped: ${describeError(error)}` });
      },
    );
  }

  get recordingId(): string {
    return this.#snapshot.status.recordingId;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  readonly snapshot = (): RunSnapshot => this.#snapshot;

  /** The share request goes first, while the click that started the recording still counts. */
  async openSources(): Promise<void> {
    this.#update({ mic: { kind: 'opening' }, system: { kind: 'opening' }, error: null });
    this.#adoptSystem(await openCustomerSide());
    if (this.#finished()) {
      return; // cancelled while the rep was choosing what to share
    }
    this.#adoptMic(await openMicrophone(await preferredMicrophone()));
    await this.#startIfReady();
  }

  async retryMicrophone(): Promise<void> {
    this.#update({ mic: { kind: 'opening' } });
    this.#adoptMic(await openMicrophone(await preferredMicrophone()));
    await this.#startIfReady();
  }

  async shareCustomerSide(): Promise<void> {
    this.#update({ system: { kind: 'opening' } });
    this.#adoptSystem(await openCustomerSide());
    await this.#startIfReady();
  }

  /** Inputs the customer's side could come from instead (loopback devices, virtual cables, monitors). */
  audioInputs(): Promise<AudioInput[]> {
    return listAudioInputs(this.#mic);
  }

  async useInputForCustomerSide(deviceId: string): Promise<void> {
    this.#update({ system: { kind: 'opening' } });
    this.#adoptSystem(await openAudioInput(deviceId));
    await this.#startIfReady();
  }

  /** The rep's decision when the customer's side cannot be shared: record with that channel silent. */
  async recordMicrophoneOnly(): Promise<void> {
    this.#setSystem(null);
    this.#update({ system: { kind: 'silent' } });
    await this.#startIfReady();
  }

  async pause(): Promise<void> {
    await this.#statusCall(call('capture.pause', { recordingId: this.recordingId }));
  }

  async resume(): Promise<boolean> {
    return this.#statusCall(call('capture.resume', { recordingId: this.recordingId }));
  }

  /** Refreshes the host's capture status (after a late joiner was added, for instance). */
  async refresh(): Promise<void> {
    const status = await call('capture.status', {});
    if (status.ok && status.value !== null && status.value.recordingId === this.recordingId) {
      this.#update({ status: status.value });
    }
  }

  /** `atMs`: the recorded time when the rep asked for the marker (before typing a note). */
  async bookmark(note: string, atMs?: number): Promise<{ ok: true; atMs: number } | { ok: false; message: string }> {
    const marked = await call('capture.bookmark', atMs === undefined ? { recordingId: this.recordingId, note } : { recordingId: this.recordingId, note, atMs });
    return marked.ok ? { ok: true, atMs: marked.value.atMs } : { ok: false, message: describeError(marked.error) };
  }

  /** Sends what the audio thread still holds, then seals the recording. */
  async stop(): Promise<boolean> {
    this.#update({ phase: 'stopping', error: null });
    await this.#pipeline?.flush();
    this.#shutDownAudio();
    await this.#pump.drain();
    const stopped = await call('capture.stop', { recordingId: this.recordingId });
    if (!stopped.ok) {
      this.#pump.close();
      this.#update({ phase: 'ended', levels: { mic: 0, system: 0 }, error: describeError(stopped.error) });
      return false;
    }
    this.#update({ phase: 'stopped', status: stopped.value, levels: { mic: 0, system: 0 } });
    return true;
  }

  /** Stops at once and sends nothing more (consent withdrawn or declined): unsent audio is dropped. */
  end(): void {
    this.#shutDown();
    this.#update({ phase: 'ended', levels: { mic: 0, system: 0 } });
  }

  /**
   * A screen showing this run holds it; when the last holder lets go and none takes it back within
   * a tick (React may remount), the devices are released. The host seals the file if the vault locks.
   */
  hold(): () => void {
    this.#holders += 1;
    return () => {
      this.#holders -= 1;
      setTimeout(() => {
        if (this.#holders === 0) {
          this.#shutDown();
        }
      }, 0);
    };
  }

  #shutDown(): void {
    this.#pump.close();
    this.#shutDownAudio();
  }

  #shutDownAudio(): void {
    const pipeline = this.#pipeline;
    this.#pipeline = null;
    void pipeline?.close();
    stopStream(this.#mic);
    stopStream(this.#system);
    this.#mic = null;
    this.#system = null;
  }

  #finished(): boolean {
    const { phase } = this.#snapshot;
    return phase === 'stopping' || phase === 'stopped' || phase === 'ended';
  }

  #adoptMic(outcome: SourceOutcome): void {
    if (this.#finished()) {
      stopStream(outcome.ok ? outcome.stream : null);
      return;
    }
    stopStream(this.#mic);
    this.#mic = outcome.ok ? outcome.stream : null;
    this.#pipeline?.setMicrophone(this.#mic);
    if (!outcome.ok) {
      this.#update({ mic: { kind: 'unavailable', message: outcome.message } });
      return;
    }
    const stream = outcome.stream;
    stream.getAudioTracks()[0]?.addEventListener('ended', () => {
      if (this.#mic === stream) {
        this.#pipeline?.setMicrophone(null);
        this.#update({ mic: { kind: 'unavailable', message: MIC_STOPPED } });
      }
    });
    this.#update({ mic: { kind: 'live', label: outcome.label } });
  }

  #adoptSystem(outcome: SourceOutcome): void {
    if (this.#finished()) {
      stopStream(outcome.ok ? outcome.stream : null);
      return;
    }
    if (!outcome.ok) {
      this.#setSystem(null);
      this.#update({ system: { kind: 'unavailable', message: outcome.message } });
      return;
    }
    const stream = outcome.stream;
    this.#setSystem(stream);
    stream.getAudioTracks()[0]?.addEventListener('ended', () => {
      if (this.#system === stream) {
        this.#setSystem(null);
        this.#update({ system: { kind: 'unavailable', message: SHARE_STOPPED } });
      }
    });
    this.#update({ system: { kind: 'live', label: outcome.label } });
  }

  #setSystem(stream: MediaStream | null): void {
    if (this.#system !== stream) {
      stopStream(this.#system);
    }
    this.#system = stream;
    this.#pipeline?.setSystem(stream);
  }

  /** Audio flows once the microphone is live and the customer's side is live or knowingly silent. */
  async #startIfReady(): Promise<void> {
    const { mic, system } = this.#snapshot;
    const systemSettled = system.kind === 'live' || system.kind === 'silent';
    if (this.#pipeline !== null || this.#starting || this.#finished() || mic.kind !== 'live' || !systemSettled || this.#mic === null) {
      return;
    }
    this.#starting = true;
    try {
      const pipeline = await AudioPipeline.start(this.#mic, this.#system, {
        block: (pcm) => {
          this.#pump.push(pcm);
          this.#update({ backlog: this.#pump.backlog });
        },
        level: (micLevel, systemLevel) => {
          this.#update({ levels: { mic: micLevel, system: systemLevel } });
        },
      });
      if (this.#finished()) {
        await pipeline.close();
        return;
      }
      this.#pipeline = pipeline;
      this.#update({ phase: 'live', error: null });
    } catch (error: unknown) {
      const detail = error instanceof Error ? ` (${error.message})` : '';
      this.#update({ error: `The audio system could not start${detail}. Close other apps that use audio, then try the microphone again.` });
    } finally {
      this.#starting = false;
    }
  }

  async #statusCall(pending: Promise<CallResult<'capture.pause'>>): Promise<boolean> {
    const result = await pending;
    if (result.ok) {
      this.#update({ status: result.value, error: null });
      return true;
    }
    this.#update({ error: describeError(result.error) });
    return false;
  }

  #update(patch: Partial<RunSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of [...this.#listeners]) {
      listener();
    }
  }
}

/** The microphone chosen in Settings ('' = the system default, also when the settings cannot be read). */
async function preferredMicrophone(): Promise<string> {
  const settings = await call('settings.get', {});
  return settings.ok ? settings.value.microphoneId : '';
}
