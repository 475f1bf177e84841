import { decodePeaks, encodePeaks, PEAKS_FORMAT, PeakAccumulator, type WaveformPeaks } from '../../core/recordings/waveform-peaks';
import { decodeAudioChunk, STORAGE_SAMPLE_RATE } from '../../platform/audio/audio-chunk';
import type { ChunkRecordPosition } from '../../platform/audio/chunk-file';
import { AppFailure } from '../app-failure';
import { silentLogger, type Logger } from '../logger';
import type { OpenVault } from '../vault/open-vault';
import { readAudioWindow, type AudioWindow } from './recording-audio';

/** How many recordings' chunk positions are kept (a few hundred kilobytes each for a 3-hour call). */
const POSITION_CACHE_SIZE = 4;

/**
 * Playback's side in the app: audio windows from any point of a recording, and its waveform peaks,
 * computed once from the decrypted audio as it streams and stored sealed under the recording's
 * data key. Nothing here writes audio or peaks anywhere in plaintext. State is kept per open
 * vault (a WeakMap), so a locked vault's positions go with it.
 */
export class PlaybackService {
  private readonly positions = new WeakMap<OpenVault, Map<string, { readonly stamp: string; readonly positions: ChunkRecordPosition[] }>>();
  private readonly computing = new WeakMap<OpenVault, Map<string, Promise<WaveformPeaks>>>();

  constructor(private readonly logger: Logger = silentLogger) {}

  /** A window of interleaved stereo PCM, read from the chunk that holds `fromMs` onwards. */
  audioWindow(vault: OpenVault, recordingId: string, fromMs: number, toMs: number): AudioWindow {
    const record = this.playable(vault, recordingId);
    return readAudioWindow(vault, recordingId, fromMs, Math.min(toMs, record.durationMs), this.chunkPositions(vault, recordingId, `${record.status}:${record.chunkCount ?? '?'}:${record.durationMs}`));
  }

  /** The recording's peaks: opened from the vault, or computed now (once, however many ask at the same time). */
  async peaks(vault: OpenVault, recordingId: string): Promise<WaveformPeaks> {
    const record = this.playable(vault, recordingId);
    const stored = vault.peaks.get(recordingId);
    const chunks = record.chunkCount;
    if (stored && stored.format === PEAKS_FORMAT && (chunks === null || stored.sourceChunks === chunks)) {
      const opened = this.openStored(vault, recordingId, stored.sealed);
      if (opened) {
        return opened;
      }
    }
    let running = this.computing.get(vault);
    if (!running) {
      running = new Map();
      this.computing.set(vault, running);
    }
    const inFlight = running.get(recordingId);
    if (inFlight) {
      return inFlight;
    }
    const work = computeAndStorePeaks(vault, recordingId, chunks).finally(() => running.delete(recordingId));
    running.set(recordingId, work);
    return work;
  }

  private openStored(vault: OpenVault, recordingId: string, sealed: Uint8Array): WaveformPeaks | undefined {
    try {
      const peaks = decodePeaks(vault.openRecordingData(recordingId, 'waveform-peaks', sealed));
      if (peaks) {
        return peaks;
      }
    } catch {
      // Altered, or sealed for another recording: never trusted; computed again from the audio.
    }
    this.logger.warn(`the stored waveform peaks of a recording did not open; computing them again`);
    return undefined;
  }

  private playable(vault: OpenVault, recordingId: string) {
    const record = vault.recordings.get(recordingId);
    if (!record) {
      throw new AppFailure('NOT_FOUND', 'That recording is not in this vault.');
    }
    if (record.status === 'recording' || record.status === 'importing') {
      throw new AppFailure('BAD_REQUEST', 'This call is still being recorded. Play it back once it has stopped.');
    }
    return record;
  }

  private chunkPositions(vault: OpenVault, recordingId: string, stamp: string): ChunkRecordPosition[] {
    let cache = this.positions.get(vault);
    if (!cache) {
      cache = new Map();
      this.positions.set(vault, cache);
    }
    const held = cache.get(recordingId);
    if (held?.stamp === stamp) {
      // Most recently used goes last.
      cache.delete(recordingId);
      cache.set(recordingId, held);
      return held.positions;
    }
    const positions = vault.recordingChunkPositions(recordingId);
    cache.set(recordingId, { stamp, positions });
    for (const key of cache.keys()) {
      if (cache.size <= POSITION_CACHE_SIZE) {
        break;
      }
      cache.delete(key);
    }
    return positions;
  }
}

/**
 * Streams the whole recording once (0.5 s chunks, decrypted and decoded in memory, yielding to the
 * event loop between batches), keeps only the peak bins, then seals them under the recording's
 * data key and stores them with the number of chunks the recording had (`knownChunks`, else those read).
 */
export async function computeAndStorePeaks(vault: OpenVault, recordingId: string, knownChunks: number | null = vault.recordings.get(recordingId)?.chunkCount ?? null): Promise<WaveformPeaks> {
  const accumulator = new PeakAccumulator(STORAGE_SAMPLE_RATE);
  let chunks = 0;
  let sinceYield = 0;
  for (const chunk of vault.streamRecording(recordingId)) {
    chunks += 1;
    if (chunk.data.length > 0) {
      const frames = decodeAudioChunk(chunk.data);
      frames.channels.slice(0, 2).forEach((samples, channel) => {
        accumulator.add(channel === 0 ? 0 : 1, frames.startFrame, samples);
      });
    }
    if (++sinceYield >= 64) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const peaks = accumulator.result();
  if (vault.isClosed) {
    throw new AppFailure('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
  }
  vault.peaks.save({
    recordingId,
    format: PEAKS_FORMAT,
    sourceChunks: knownChunks ?? chunks,
    sealed: vault.sealRecordingData(recordingId, 'waveform-peaks', encodePeaks(peaks)),
    computedAt: vault.now().toISOString(),
  });
  return peaks;
}
