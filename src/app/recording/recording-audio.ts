import { assembleChunks, decodeAudioChunk, STORAGE_SAMPLE_RATE, type AudioFrames } from '../../platform/audio/audio-chunk';
import type { ChunkFileReport } from '../../platform/audio/chunk-file';
import type { OpenVault } from '../vault/open-vault';

export interface RecordingAudio {
  readonly sampleRate: number;
  /** Channel 0: the rep's microphone; channel 1: the customer's side. */
  readonly channels: Int16Array[];
  /** Samples of silence standing in for chunks that were damaged or lost. */
  readonly gapFrames: number;
  readonly report: ChunkFileReport;
}

/** Decrypts and decodes a recording's audio, in memory only; damaged chunks become silence. */
export function readRecordingAudio(vault: OpenVault, recordingId: string): RecordingAudio {
  const report = vault.readRecording(recordingId);
  const frames: AudioFrames[] = [];
  for (const chunk of report.chunks) {
    if (chunk.status === 'ok' && chunk.data && chunk.data.length > 0) {
      frames.push(decodeAudioChunk(chunk.data));
    }
  }
  const assembled = frames.length > 0 ? assembleChunks(frames) : { sampleRate: STORAGE_SAMPLE_RATE, channels: [new Int16Array(0), new Int16Array(0)], gaps: 0 };
  return { sampleRate: assembled.sampleRate, channels: assembled.channels, gapFrames: assembled.gaps, report };
}

/** Where the intact audio ends, for a recording cut off by a crash. */
export function intactDurationMs(report: ChunkFileReport): number {
  let end = 0;
  for (const chunk of report.chunks) {
    if (chunk.status === 'ok' && chunk.data && chunk.data.length > 0) {
      const decoded = decodeAudioChunk(chunk.data);
      end = Math.max(end, decoded.startFrame + (decoded.channels[0]?.length ?? 0));
    }
  }
  return Math.round((end / STORAGE_SAMPLE_RATE) * 1000);
}

/** Silence is handed out in pieces of at most this many samples (a lost stretch can be long). */
const MAX_GAP_PIECE = STORAGE_SAMPLE_RATE * 30;

/**
 * One channel of a recording as a stream of 16 kHz samples, decrypted and decoded chunk by chunk
 * (0.5 s each), so memory stays bounded however long the call is. Lost or damaged chunks become
 * silence of their length, so every later sample keeps its true time. `fromMs` skips the start
 * (to resume a transcription). Yields to the event loop between chunks so a host's main thread
 * keeps answering while a long call is read.
 */
export async function* streamRecordingChannel(vault: OpenVault, recordingId: string, channel: number, fromMs = 0): AsyncGenerator<Int16Array> {
  const fromFrame = Math.max(0, Math.round((fromMs * STORAGE_SAMPLE_RATE) / 1000));
  let position = 0; // next frame of the timeline to hand out
  let sinceYield = 0;
  for (const chunk of vault.streamRecording(recordingId)) {
    if (chunk.data.length === 0) {
      continue; // the final marker chunk carries no audio
    }
    const frames = decodeAudioChunk(chunk.data);
    if (frames.sampleRate !== STORAGE_SAMPLE_RATE) {
      throw new Error(`Recording ${recordingId} is stored at ${frames.sampleRate} Hz; this version reads ${STORAGE_SAMPLE_RATE} Hz.`);
    }
    const samples = frames.channels[channel] ?? new Int16Array(frames.channels[0]?.length ?? 0);
    yield* silence(Math.max(position, fromFrame), frames.startFrame);
    const start = Math.max(frames.startFrame, position, fromFrame);
    const end = frames.startFrame + samples.length;
    if (end > start) {
      yield samples.subarray(start - frames.startFrame);
    }
    position = Math.max(position, end);
    if (++sinceYield >= 16) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function* silence(from: number, to: number): Generator<Int16Array> {
  for (let at = from; at < to; at += MAX_GAP_PIECE) {
    yield new Int16Array(Math.min(MAX_GAP_PIECE, to - at));
  }
}

export interface AudioWindow {
  readonly fromMs: number;
  readonly toMs: number;
  readonly sampleRate: number;
  /** Interleaved 16-bit little-endian stereo: rep, customer, rep, customer, ... */
  readonly pcm: Uint8Array<ArrayBuffer>;
}

/**
 * The audio between `fromMs` and `toMs` (the caller clips it to the recording's length), for
 * playback. Chunks are read in order and decoding stops at the first chunk past the window, so
 * nothing after it is decrypted (which also wipes the recording's data key at once); lost or
 * damaged stretches inside the window are silence, so every sample keeps its true time.
 */
export function readAudioWindow(vault: OpenVault, recordingId: string, fromMs: number, toMs: number): AudioWindow {
  const fromFrame = Math.round((fromMs * STORAGE_SAMPLE_RATE) / 1000);
  const toFrame = Math.max(fromFrame, Math.round((toMs * STORAGE_SAMPLE_RATE) / 1000));
  const frames = toFrame - fromFrame;
  const interleaved = new Int16Array(frames * 2);
  if (frames > 0) {
    for (const chunk of vault.streamRecording(recordingId)) {
      if (chunk.data.length === 0) {
        continue; // the final marker chunk carries no audio
      }
      const decoded = decodeAudioChunk(chunk.data);
      if (decoded.sampleRate !== STORAGE_SAMPLE_RATE) {
        throw new Error(`Recording ${recordingId} is stored at ${decoded.sampleRate} Hz; this version reads ${STORAGE_SAMPLE_RATE} Hz.`);
      }
      if (decoded.startFrame >= toFrame) {
        break;
      }
      const length = decoded.channels[0]?.length ?? 0;
      const start = Math.max(decoded.startFrame, fromFrame);
      const end = Math.min(decoded.startFrame + length, toFrame);
      for (const [channel, samples] of decoded.channels.slice(0, 2).entries()) {
        for (let frame = start; frame < end; frame += 1) {
          interleaved[(frame - fromFrame) * 2 + channel] = samples[frame - decoded.startFrame] ?? 0;
        }
      }
    }
  }
  return {
    fromMs,
    toMs: Math.round((toFrame * 1000) / STORAGE_SAMPLE_RATE),
    sampleRate: STORAGE_SAMPLE_RATE,
    pcm: littleEndianBytes(interleaved),
  };
}

/** The samples as bytes, little-endian whatever this machine's byte order. */
function littleEndianBytes(samples: Int16Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, i) => { view.setInt16(i * 2, sample, true); });
  return bytes;
}
