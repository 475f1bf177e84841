import { assembleChunks, decodeAudioChunk, STORAGE_SAMPLE_RATE, type AudioFrames } from '../../platform/audio/audio-chunk';
import type { ChunkFileReport } from '../../platform/audio/chunk-file';
import { AppFailure } from '../app-failure';
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

/** A chunk's place on the recording's timeline, once decrypted and decoded. */
interface TimedChunk {
  readonly index: number;
  readonly final: boolean;
  readonly startFrame: number;
  readonly channels: readonly Int16Array[];
  readonly frames: number;
}

/** Chunks are written every half second; a first guess at where a time lies, which the search corrects. */
const NOMINAL_CHUNK_FRAMES = STORAGE_SAMPLE_RATE / 2;

/** Some milliseconds of rounding between a recording's stored duration and its last sample. */
const END_SLACK_FRAMES = STORAGE_SAMPLE_RATE / 100;

function damaged(recordingId: string, what: string): AppFailure {
  return new AppFailure('INTEGRITY', `Recording ${recordingId} cannot be played here: ${what}. It was damaged or altered after it was recorded; run "Verify vault" (or "callvault vault verify") to see what is affected.`);
}

/**
 * The audio between `fromMs` and `toMs` (the caller clips it to the recording's length), for
 * playback, decrypting only the chunks it needs: it guesses the chunk holding `fromMs` from the
 * half-second chunk length and corrects the guess from each probed chunk's authenticated start
 * (an interpolation search: one or two chunks for a recording without pauses, O(log n) at worst),
 * then reads on until the window is full. Memory holds the window and one chunk. A chunk the
 * window needs that fails to authenticate, or one missing between two it reads (their
 * authenticated indexes or times do not follow on), is an INTEGRITY error, not silence.
 */
export function readAudioWindow(vault: OpenVault, recordingId: string, fromMs: number, toMs: number): AudioWindow {
  const fromFrame = Math.round((fromMs * STORAGE_SAMPLE_RATE) / 1000);
  const toFrame = Math.max(fromFrame, Math.round((toMs * STORAGE_SAMPLE_RATE) / 1000));
  const frames = toFrame - fromFrame;
  const interleaved = new Int16Array(frames * 2);
  if (frames > 0) {
    vault.withRecordingChunks(recordingId, (chunks) => {
      let cached: { position: number; chunk: TimedChunk } | undefined;
      const chunkAt = (position: number): TimedChunk => {
        if (cached?.position === position) {
          return cached.chunk;
        }
        const opened = chunks.open(position);
        if (opened === undefined) {
          throw damaged(recordingId, `a chunk of its audio (record ${position + 1} of ${chunks.count}) does not authenticate`);
        }
        const decoded = opened.data.length === 0 ? undefined : decodeAudioChunk(opened.data);
        if (decoded !== undefined && decoded.sampleRate !== STORAGE_SAMPLE_RATE) {
          throw new AppFailure('BAD_AUDIO', `Recording ${recordingId} is stored at ${decoded.sampleRate} Hz; this version reads ${STORAGE_SAMPLE_RATE} Hz.`);
        }
        // The empty final marker has no audio: it sorts after every sample.
        const chunk: TimedChunk = decoded === undefined
          ? { index: opened.index, final: opened.final, startFrame: Number.POSITIVE_INFINITY, channels: [], frames: 0 }
          : { index: opened.index, final: opened.final, startFrame: decoded.startFrame, channels: decoded.channels, frames: decoded.channels[0]?.length ?? 0 };
        cached = { position, chunk };
        return chunk;
      };

      // Find the chunk holding fromFrame: positions below lo start at or before it, from hi on after it.
      let lo = 0;
      let hi = chunks.count;
      let guess = Math.floor(fromFrame / NOMINAL_CHUNK_FRAMES);
      while (hi - lo > 1) {
        const position = guess >= lo && guess < hi ? guess : lo + Math.floor((hi - lo) / 2);
        const chunk = chunkAt(position);
        if (chunk.startFrame > fromFrame) {
          hi = position;
          guess = Number.isFinite(chunk.startFrame) ? position - Math.ceil((chunk.startFrame - fromFrame) / NOMINAL_CHUNK_FRAMES) : position - 1;
        } else if (chunk.startFrame + chunk.frames <= fromFrame) {
          lo = position + 1;
          guess = position + Math.max(1, Math.floor((fromFrame - chunk.startFrame) / NOMINAL_CHUNK_FRAMES));
        } else {
          lo = position;
          hi = position + 1;
        }
      }

      let covered = fromFrame; // every frame before this one is in the window (or before it)
      let previous: TimedChunk | undefined;
      for (let position = lo; position < chunks.count && covered < toFrame; position += 1) {
        const chunk = chunkAt(position);
        if (!Number.isFinite(chunk.startFrame) || chunk.startFrame >= toFrame) {
          break;
        }
        if (previous !== undefined && (chunk.index !== previous.index + 1 || chunk.startFrame !== previous.startFrame + previous.frames)) {
          throw damaged(recordingId, `audio is missing after ${((previous.startFrame + previous.frames) / STORAGE_SAMPLE_RATE).toFixed(1)} s`);
        }
        if (chunk.startFrame > covered) {
          throw damaged(recordingId, `audio is missing before ${(chunk.startFrame / STORAGE_SAMPLE_RATE).toFixed(1)} s`);
        }
        const start = Math.max(chunk.startFrame, fromFrame);
        const end = Math.min(chunk.startFrame + chunk.frames, toFrame);
        for (const [channel, samples] of chunk.channels.slice(0, 2).entries()) {
          for (let frame = start; frame < end; frame += 1) {
            interleaved[(frame - fromFrame) * 2 + channel] = samples[frame - chunk.startFrame] ?? 0;
          }
        }
        covered = Math.max(covered, end);
        previous = chunk;
      }
      if (covered < toFrame - END_SLACK_FRAMES) {
        throw damaged(recordingId, `audio is missing from ${(covered / STORAGE_SAMPLE_RATE).toFixed(1)} s`);
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

/** The samples as bytes, little-endian whatever this machine's byte order. */
function littleEndianBytes(samples: Int16Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, i) => { view.setInt16(i * 2, sample, true); });
  return bytes;
}
