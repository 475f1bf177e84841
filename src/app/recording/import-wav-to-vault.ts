import fs from 'node:fs';
import { encodeAudioChunk, STORAGE_SAMPLE_RATE } from '../../platform/audio/audio-chunk';
import { Resampler } from '../../platform/audio/resample';
import { decodeWavData, parseWavHeader, WavFormatError, type WavInfo } from '../../platform/audio/wav';
import { AppFailure } from '../app-failure';
import type { OpenVault } from '../vault/open-vault';

/** Larger than any call CallVault would import; a bigger file is refused before it is read. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024 * 1024 - 1;
const HEADER_PROBE_BYTES = 64 * 1024;
/** Decoded half a second at a time, so a long file never sits in memory as a whole. */
const BLOCK_SECONDS = 0.5;

/** Checks an audio file before anything is written: size, header, format, rate and length. */
export function inspectImportFile(file: string): WavInfo {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      throw new AppFailure('BAD_AUDIO', `${file} is not a file.`);
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof AppFailure) {
      throw error;
    }
    throw new AppFailure('NOT_FOUND', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unknown error'}.`);
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new AppFailure('BAD_AUDIO', `${file} is ${(size / 2 ** 30).toFixed(1)} GB; CallVault imports files under 2 GB. Split the recording first.`);
  }
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, HEADER_PROBE_BYTES));
    fs.readSync(fd, head, 0, head.length, 0);
    return parseWavHeader(head, size);
  } catch (error) {
    if (error instanceof WavFormatError) {
      throw new AppFailure('BAD_AUDIO', `${file}: ${error.message}`);
    }
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Streams a checked WAV file into a new sealed recording (16 kHz; stereo stays two channels,
 * anything else is mixed to one). On any failure the half-made recording is destroyed, so a
 * bad file leaves nothing behind. The recording is marked "importing" until one transaction
 * finalises it, so an import killed part-way is found (and removed) at the next unlock instead
 * of passing for a finished recording.
 */
export function importWav(vault: OpenVault, file: string, info: WavInfo, meta: { title: string; callType: string; policyHash: string; callId: string }): { recordingId: string; durationMs: number } {
  const { record, writer } = vault.startRecording({ ...meta, status: 'importing' });
  try {
    const outChannels = info.channels === 2 ? 2 : 1;
    const resamplers = Array.from({ length: outChannels }, () => new Resampler(info.sampleRate, STORAGE_SAMPLE_RATE));
    const frameBytes = (info.bitsPerSample / 8) * info.channels;
    const blockFrames = Math.max(1, Math.round(info.sampleRate * BLOCK_SECONDS));
    const fd = fs.openSync(file, 'r');
    let written = 0;
    const emit = (parts: Float32Array[]) => {
      const frames = Math.min(...parts.map((p) => p.length));
      if (frames === 0) {
        return;
      }
      const channels = parts.map((p) => Int16Array.from(p.subarray(0, frames), (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32768)))));
      writer.append(encodeAudioChunk({ sampleRate: STORAGE_SAMPLE_RATE, startFrame: written, channels }));
      written += frames;
    };
    try {
      for (let frame = 0; frame < info.frames; frame += blockFrames) {
        const frames = Math.min(blockFrames, info.frames - frame);
        const bytes = Buffer.alloc(frames * frameBytes);
        const read = fs.readSync(fd, bytes, 0, bytes.length, info.dataOffset + frame * frameBytes);
        if (read !== bytes.length) {
          throw new AppFailure('BAD_AUDIO', `${file} ended early, at ${(frame / info.sampleRate).toFixed(1)} s: the file is truncated.`);
        }
        const decoded = decodeWavData(info, bytes);
        const planar = outChannels === 2 ? decoded : [mixDown(decoded)];
        emit(planar.map((samples, c) => resamplers[c]?.push(Float32Array.from(samples, (v) => v / 32768)) ?? new Float32Array(0)));
      }
      emit(resamplers.map((r) => r.flush()));
    } finally {
      fs.closeSync(fd);
    }
    writer.finish();
    const durationMs = Math.round((written / STORAGE_SAMPLE_RATE) * 1000);
    vault.transaction(() => {
      vault.updateRecording(record.id, durationMs, 'imported');
      vault.calls.attachRecording(meta.callId, record.id);
      vault.audit.record('recording.imported', { recordingId: record.id, durationMs });
    });
    return { recordingId: record.id, durationMs };
  } catch (error) {
    writer.close();
    vault.destroyRecording(record.id);
    throw error;
  }
}

function mixDown(channels: readonly Int16Array[]): Int16Array {
  const frames = channels[0]?.length ?? 0;
  const out = new Int16Array(frames);
  for (let i = 0; i < frames; i += 1) {
    let sum = 0;
    for (const channel of channels) {
      sum += channel[i] ?? 0;
    }
    out[i] = Math.round(sum / channels.length);
  }
  return out;
}
