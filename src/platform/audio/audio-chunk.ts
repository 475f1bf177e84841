import { decodeAdpcm, encodeAdpcm } from './ima-adpcm';
import { CallVaultError } from '../../shared/callvault-error';

/**
 * The plaintext of one sealed chunk of a recording: a little header, then each channel as its
 * own IMA ADPCM block. Channel 0 is the rep's microphone, channel 1 the customer's side.
 *
 *   u8 version=1, u8 codec=1 (IMA ADPCM), u8 channels, u8 flags,
 *   u32le sampleRate, u32le startFrame, u32le frames,
 *   per channel: i16le predictor, u8 stepIndex, u8 0, ceil(frames/2) bytes
 */
export const STORAGE_SAMPLE_RATE = 16_000;
const HEADER_BYTES = 16;
const VERSION = 1;
const CODEC_IMA_ADPCM = 1;

export interface AudioFrames {
  readonly sampleRate: number;
  /** Frame number (at sampleRate) of the first sample, counted from the start of the recording. */
  readonly startFrame: number;
  readonly channels: readonly Int16Array[];
}

export class AudioChunkError extends CallVaultError {
  override readonly name = 'AudioChunkError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('INTEGRITY', message, options);
  }
}

export function encodeAudioChunk(frames: AudioFrames): Uint8Array {
  const count = frames.channels[0]?.length ?? 0;
  if (frames.channels.length < 1 || frames.channels.length > 2 || frames.channels.some((c) => c.length !== count)) {
    throw new AudioChunkError('An audio chunk holds one or two channels of equal length.');
  }
  const blocks = frames.channels.map((c) => encodeAdpcm(c));
  const perChannel = 4 + Math.ceil(count / 2);
  const out = new Uint8Array(HEADER_BYTES + perChannel * blocks.length);
  const view = new DataView(out.buffer);
  out[0] = VERSION;
  out[1] = CODEC_IMA_ADPCM;
  out[2] = blocks.length;
  view.setUint32(4, frames.sampleRate, true);
  view.setUint32(8, frames.startFrame, true);
  view.setUint32(12, count, true);
  blocks.forEach((block, i) => {
    const at = HEADER_BYTES + i * perChannel;
    view.setInt16(at, block.predictor, true);
    out[at + 2] = block.stepIndex;
    out.set(block.data, at + 4);
  });
  return out;
}

export function decodeAudioChunk(bytes: Uint8Array): AudioFrames {
  if (bytes.length < HEADER_BYTES || bytes[0] !== VERSION || bytes[1] !== CODEC_IMA_ADPCM) {
    throw new AudioChunkError('This audio chunk has an unknown format.');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const channelCount = bytes[2] ?? 0;
  const frames = view.getUint32(12, true);
  const perChannel = 4 + Math.ceil(frames / 2);
  if (channelCount < 1 || channelCount > 2 || bytes.length !== HEADER_BYTES + perChannel * channelCount) {
    throw new AudioChunkError('This audio chunk is inconsistent with its header.');
  }
  const channels = Array.from({ length: channelCount }, (_, i) => {
    const at = HEADER_BYTES + i * perChannel;
    return decodeAdpcm({ predictor: view.getInt16(at, true), stepIndex: bytes[at + 2] ?? 0, data: bytes.subarray(at + 4, at + perChannel), samples: frames });
  });
  return { sampleRate: view.getUint32(4, true), startFrame: view.getUint32(8, true), channels };
}

/**
 * Lays decoded chunks out on one timeline. A chunk that is missing (damaged or lost) leaves
 * silence of its length, so everything after it stays at its true time.
 */
export function assembleChunks(chunks: readonly AudioFrames[]): { sampleRate: number; channels: Int16Array[]; gaps: number } {
  const sampleRate = chunks[0]?.sampleRate ?? STORAGE_SAMPLE_RATE;
  const channelCount = Math.max(1, ...chunks.map((c) => c.channels.length));
  const total = Math.max(0, ...chunks.map((c) => c.startFrame + (c.channels[0]?.length ?? 0)));
  const channels = Array.from({ length: channelCount }, () => new Int16Array(total));
  let covered = 0;
  for (const chunk of chunks) {
    chunk.channels.forEach((samples, i) => { channels[i]?.set(samples, chunk.startFrame); });
    covered += chunk.channels[0]?.length ?? 0;
  }
  return { sampleRate, channels, gaps: total - covered };
}
