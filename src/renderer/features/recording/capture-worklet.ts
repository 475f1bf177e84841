// The audio thread's half of capture, loaded by `audio-pipeline.ts` as its own module file (Vite's
// `?worker&url` bundles it), so the page's CSP ('self') covers it. Input 0 is the rep's
// microphone, input 1 the customer's side; an input with nothing connected is silence. It merges
// them into interleaved 16-bit stereo (channel 0 mic, channel 1 customer) and posts a block every
// `blockFrames` frames, plus RMS levels for the meters every `levelFrames` frames.
// It imports only the shared protocol (types and constants): the worklet scope has no DOM.
import { CAPTURE_PROCESSOR, type WorkletCommand, type WorkletMessage, type WorkletOptions } from './worklet-protocol';


/** The AudioWorkletGlobalScope, which TypeScript's libraries do not describe. */
declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: unknown);
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions?: unknown }) => AudioWorkletProcessor): void;

function toInt16(sample: number): number {
  const clamped = sample > 1 ? 1 : sample < -1 ? -1 : sample;
  return Math.round(clamped < 0 ? clamped * 32768 : clamped * 32767);
}

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly blockFrames: number;
  private readonly levelFrames: number;
  private block: Int16Array;
  private filled = 0;
  private readonly squares = [0, 0];
  private levelCount = 0;
  private running = true;

  constructor(options: { processorOptions?: unknown }) {
    super(options);
    const given = (options.processorOptions ?? {}) as Partial<WorkletOptions>;
    this.blockFrames = given.blockFrames ?? 12_000;
    this.levelFrames = given.levelFrames ?? 4_800;
    this.block = new Int16Array(this.blockFrames * 2);
    this.port.onmessage = (event: MessageEvent<WorkletCommand>) => {
      if (event.data.type === 'flush') {
        this.post();
        this.port.postMessage({ type: 'flushed' } satisfies WorkletMessage);
      } else {
        this.running = false;
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (!this.running) {
      return false;
    }
    const mic = inputs[0]?.[0];
    const system = inputs[1]?.[0];
    const frames = mic?.length ?? system?.length ?? 128;
    for (let i = 0; i < frames; i += 1) {
      const m = mic?.[i] ?? 0;
      const s = system?.[i] ?? 0;
      this.block[this.filled * 2] = toInt16(m);
      this.block[this.filled * 2 + 1] = toInt16(s);
      this.squares[0] = (this.squares[0] ?? 0) + m * m;
      this.squares[1] = (this.squares[1] ?? 0) + s * s;
      this.filled += 1;
      this.levelCount += 1;
      if (this.filled === this.blockFrames) {
        this.post();
      }
      if (this.levelCount === this.levelFrames) {
        this.postLevel();
      }
    }
    return true;
  }

  private post(): void {
    if (this.filled === 0) {
      return;
    }
    const pcm = this.block.slice(0, this.filled * 2).buffer;
    this.port.postMessage({ type: 'block', pcm, frames: this.filled } satisfies WorkletMessage, [pcm]);
    this.filled = 0;
  }

  private postLevel(): void {
    const n = this.levelCount;
    this.port.postMessage({ type: 'level', mic: Math.sqrt((this.squares[0] ?? 0) / n), system: Math.sqrt((this.squares[1] ?? 0) / n) } satisfies WorkletMessage);
    this.squares[0] = 0;
    this.squares[1] = 0;
    this.levelCount = 0;
  }
}

registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
