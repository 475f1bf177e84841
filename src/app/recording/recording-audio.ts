import { assembleChunks, decodeAudioChunk, STORAGE_SAMPLE_RATE, type AudioFrames } from '../../platform/audio/audio-chunk';
import type { ChunkFileReport, ChunkRecordPosition } from '../../platform/audio/chunk-file';
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
 * playback. The chunk that holds `fromMs` is found by a binary search over the file's records
 * (`positions`, read from their framing), opening about log2(chunks) of them, so a seek into the
 * third hour decrypts a few dozen chunks, not thousands; decoding then runs in order and stops at
 * the first chunk past the window. Lost or damaged stretches inside the window are silence, so
 * every sample keeps its true time.
 */
export function readAudioWindow(vault: OpenVault, recordingId: string, fromMs: number, toMs: number, positions: readonly ChunkRecordPosition[] = vault.recordingChunkPositions(recordingId)): AudioWindow {
  const fromFrame = Math.round((fromMs * STORAGE_SAMPLE_RATE) / 1000);
  const toFrame = Math.max(fromFrame, Math.round((toMs * STORAGE_SAMPLE_RATE) / 1000));
  const frames = toFrame - fromFrame;
  const interleaved = new Int16Array(frames * 2);
  if (frames > 0 && positions.length > 0) {
    vault.readRecordingChunks(recordingId, (open) => {
      const decodeAt = (i: number): AudioFrames | undefined => {
        const position = positions[i];
        const data = position && open(position);
        if (!data || data.length === 0) {
          return undefined; // not authentic here, or the final marker chunk (no audio)
        }
        const decoded = decodeAudioChunk(data);
        if (decoded.sampleRate !== STORAGE_SAMPLE_RATE) {
          throw new Error(`Recording ${recordingId} is stored at ${decoded.sampleRate} Hz; this version reads ${STORAGE_SAMPLE_RATE} Hz.`);
        }
        return decoded;
      };
      let index = firstChunkFor(fromFrame, positions.length, decodeAt);
      let lastIndex = -1;
      for (; index < positions.length; index += 1) {
        const decoded = decodeAt(index);
        const claimed = positions[index]?.index ?? -1;
        // Authentic records come in index order; one that repeats or goes back was spliced in.
        if (!decoded || claimed <= lastIndex) {
          continue;
        }
        lastIndex = claimed;
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
    });
  }
  return {
    fromMs,
    toMs: Math.round((toFrame * 1000) / STORAGE_SAMPLE_RATE),
    sampleRate: STORAGE_SAMPLE_RATE,
    pcm: littleEndianBytes(interleaved),
  };
}

/**
 * The position to start decoding from for `fromFrame`: the last record whose chunk starts at or
 * before it (or an earlier one, never a later one: starting early only costs time). Records that
 * do not open are stepped over downwards, so damage costs a few extra probes, not a wrong answer.
 */
function firstChunkFor(fromFrame: number, count: number, decodeAt: (i: number) => AudioFrames | undefined): number {
  let start = 0;
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    let at = mid;
    let decoded = decodeAt(at);
    while (!decoded && at > lo) {
      at -= 1;
      decoded = decodeAt(at);
    }
    if (!decoded) {
      lo = mid + 1;
      continue;
    }
    if (decoded.startFrame <= fromFrame) {
      start = at;
      lo = mid + 1;
    } else {
      hi = at - 1;
    }
  }
  return start;
}

/** The samples as bytes, little-endian whatever this machine's byte order. */
function littleEndianBytes(samples: Int16Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, i) => { view.setInt16(i * 2, sample, true); });
  return bytes;
}
