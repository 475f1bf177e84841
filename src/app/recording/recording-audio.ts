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
