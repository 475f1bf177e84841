// The Web Audio graph of one capture: microphone -> worklet input 0, customer side -> input 1, in
// an AudioContext pinned to 48 kHz. The worklet merges both into interleaved 16-bit stereo blocks
// of a quarter second; this class hands them on and reports the levels.
import workletUrl from './capture-worklet.ts?worker&url';
import { CAPTURE_PROCESSOR, type WorkletCommand, type WorkletMessage, type WorkletOptions } from './worklet-protocol';

export const CAPTURE_SAMPLE_RATE = 48_000;

const OPTIONS: WorkletOptions = { blockFrames: CAPTURE_SAMPLE_RATE / 4, levelFrames: CAPTURE_SAMPLE_RATE / 10 };

/** How long `flush` waits for the audio thread before giving up on the last partial block. */
const FLUSH_TIMEOUT_MS = 1_000;

export interface PipelineSink {
  block(pcm: Uint8Array<ArrayBuffer>, frames: number): void;
  level(mic: number, system: number): void;
}

export class AudioPipeline {
  /** What feeds each worklet input: 0 the microphone, 1 the customer's side. */
  readonly #inputs: [MediaStreamAudioSourceNode | null, MediaStreamAudioSourceNode | null] = [null, null];
  #flushed: (() => void) | null = null;
  #closed = false;

  private constructor(
    private readonly context: AudioContext,
    private readonly node: AudioWorkletNode,
  ) {}

  static async start(mic: MediaStream, system: MediaStream | null, sink: PipelineSink): Promise<AudioPipeline> {
    const context = new AudioContext({ sampleRate: CAPTURE_SAMPLE_RATE, latencyHint: 'interactive' });
    try {
      if (context.sampleRate !== CAPTURE_SAMPLE_RATE) {
        throw new Error(`the audio system runs at ${context.sampleRate} Hz, not ${CAPTURE_SAMPLE_RATE} Hz`);
      }
      await context.audioWorklet.addModule(workletUrl);
      // No outputs: the node is pulled by the graph because it has inputs, and plays nothing.
      const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, {
        numberOfInputs: 2,
        numberOfOutputs: 0,
        channelCount: 1,
        channelCountMode: 'explicit',
        channelInterpretation: 'speakers',
        processorOptions: OPTIONS,
      });
      const pipeline = new AudioPipeline(context, node);
      node.port.onmessage = (event: MessageEvent<WorkletMessage>) => {
        pipeline.#receive(event.data, sink);
      };
      pipeline.setMicrophone(mic);
      pipeline.setSystem(system);
      await context.resume();
      return pipeline;
    } catch (error: unknown) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  /** Connects the rep's microphone (or nothing: the rep channel is then silence). */
  setMicrophone(stream: MediaStream | null): void {
    this.#connect(0, stream);
  }

  /** Connects the customer's side (or nothing: the customer channel is then silence). */
  setSystem(stream: MediaStream | null): void {
    this.#connect(1, stream);
  }

  #connect(input: 0 | 1, stream: MediaStream | null): void {
    this.#inputs[input]?.disconnect();
    this.#inputs[input] = null;
    if (stream !== null && !this.#closed) {
      const source = this.context.createMediaStreamSource(stream);
      source.connect(this.node, 0, input);
      this.#inputs[input] = source;
    }
  }

  /** Asks the audio thread for what it has buffered (under a quarter second), and waits for it. */
  flush(): Promise<void> {
    if (this.#closed) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, FLUSH_TIMEOUT_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#flushed = done;
      this.#post({ type: 'flush' });
    });
  }

  /** Stops processing and releases the audio device; blocks not yet posted are dropped. */
  async close(): Promise<void> {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    this.#post({ type: 'stop' });
    this.node.port.onmessage = null;
    this.#inputs[0]?.disconnect();
    this.#inputs[1]?.disconnect();
    await this.context.close().catch(() => undefined);
  }

  #post(command: WorkletCommand): void {
    this.node.port.postMessage(command);
  }

  #receive(message: WorkletMessage, sink: PipelineSink): void {
    if (this.#closed) {
      return;
    }
    switch (message.type) {
      case 'block':
        sink.block(new Uint8Array(message.pcm), message.frames);
        break;
      case 'level':
        sink.level(message.mic, message.system);
        break;
      case 'flushed':
        this.#flushed?.();
        this.#flushed = null;
        break;
    }
  }
}
