// Playback benchmarks (issue #13): on a 3-hour two-channel call in a real vault,
// - seek latency: a window requested at a random position, through the dispatcher, encoded as the
//   browser host's binary reply and decoded as the renderer decodes it, to the first samples;
//   baseline in the same run: the former linear read (decrypt every chunk from the start);
// - waveform peaks per hour of audio; baseline: streaming the same audio (decrypt and decode) alone;
// - the player's memory across 200 seeks over the whole call (windows kept: bounded).
// The vault's files live in /dev/shm when there is one (the machine's disk is shared and slow).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDispatcher } from '../src/app/dispatch';
import { createHandlerTable } from '../src/app/handlers';
import { silentLogger } from '../src/app/logger';
import { computeAndStorePeaks } from '../src/app/recording/playback-service';
import { createServices } from '../src/app/services';
import { VaultSession } from '../src/app/vault/vault-session';
import { encodeReply } from '../src/host/socket-protocol';
import { decodeAudioChunk, encodeAudioChunk, STORAGE_SAMPLE_RATE } from '../src/platform/audio/audio-chunk';
import { createCrypto } from '../src/platform/crypto/sodium-crypto';
import { TEST_KDF_ENV } from '../src/platform/crypto/passphrase-kdf';
import { ProfileStore } from '../src/platform/vault/profile-store';
import { AudioWindowCache, decodeWindow, KEPT_WINDOWS, WINDOW_MS } from '../src/renderer/features/player/audio-window-cache';
import { median, mib, report, round } from './bench-util';

// The KDF is not what is measured here: vaults use the weak test profile to spare the machine.
process.env[TEST_KDF_ENV] = 'weak';
const HOURS = 3;
const CHUNK_FRAMES = STORAGE_SAMPLE_RATE / 2;
const root = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const work = fs.mkdtempSync(path.join(root, 'callvault-playback-bench-'));

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Speech-like audio: syllables of a tone whose loudness changes, the two sides taking turns. */
function chunkAudio(index: number): [Int16Array, Int16Array] {
  const rep = new Int16Array(CHUNK_FRAMES);
  const customer = new Int16Array(CHUNK_FRAMES);
  const repTurn = Math.floor(index / 20) % 2 === 0;
  const level = 3000 + ((index * 7919) % 17) * 1000;
  for (let i = 0; i < CHUNK_FRAMES; i += 1) {
    const t = index * CHUNK_FRAMES + i;
    const syllable = Math.abs(Math.sin((2 * Math.PI * 4 * t) / STORAGE_SAMPLE_RATE));
    const v = Math.round(level * syllable * Math.sin((2 * Math.PI * (repTurn ? 180 : 240) * t) / STORAGE_SAMPLE_RATE));
    if (repTurn) {
      rep[i] = v;
    } else {
      customer[i] = v;
    }
  }
  return [rep, customer];
}

try {
  const crypto = await createCrypto();
  const session = new VaultSession(new ProfileStore(work), { crypto, now: () => new Date(), kdfProfile: 'test-weak' }, { setTimeout: () => 0, clearTimeout: () => undefined });
  const services = await createServices(session, { env: {} });
  const dispatch = createDispatcher(createHandlerTable(services, { version: 'bench', host: 'browser', platform: process.platform }), silentLogger);
  await dispatch('profiles.create', { displayName: 'Bench Rep' });
  await dispatch('vault.create', { passphrase: 'granite ocelot lantern mosaic 42' });
  const vault = session.requireVault();

  const chunks = HOURS * 3600 * 2;
  const buildStart = performance.now();
  const { record, writer } = vault.startRecording({ title: 'Three-hour call', callType: 'discovery', policyHash: 'bench', callId: randomUUID() });
  for (let i = 0; i < chunks; i += 1) {
    writer.append(encodeAudioChunk({ sampleRate: STORAGE_SAMPLE_RATE, startFrame: i * CHUNK_FRAMES, channels: chunkAudio(i) }));
  }
  writer.finish();
  const durationMs = HOURS * 3600 * 1000;
  vault.updateRecording(record.id, durationMs, 'complete');
  const buildS = (performance.now() - buildStart) / 1000;
  const recordingId = record.id;

  // Seek latency: request to first samples in the renderer's hands (after the host's encoding).
  const windowAt = async (fromMs: number) => {
    const start = performance.now();
    const result = await dispatch('recordings.audioWindow', { recordingId, fromMs, toMs: Math.min(durationMs, fromMs + 8_000) });
    if (!result.ok) {
      throw new Error(result.error.message);
    }
    const frame = encodeReply(1, result);
    if (typeof frame === 'string') {
      throw new Error('expected a binary reply');
    }
    const headerLength = frame.readUInt32LE(0);
    const pcm = new Uint8Array(frame.subarray(4 + headerLength));
    decodeWindow({ ...(result.value as { fromMs: number; toMs: number; sampleRate: number }), pcm });
    return performance.now() - start;
  };
  let seed = 20261202;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const coldIndexMs = await windowAt(Math.floor(random() * (durationMs - 8_000)));
  const seeks: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    seeks.push(await windowAt(Math.floor(random() * (durationMs - 8_000))));
  }
  // Baseline: the former read, decrypting and decoding every chunk from the start up to the window.
  const linear = (fromMs: number) => {
    const start = performance.now();
    const toFrame = ((fromMs + 8_000) * STORAGE_SAMPLE_RATE) / 1000;
    for (const chunk of vault.streamRecording(recordingId)) {
      if (chunk.data.length > 0 && decodeAudioChunk(chunk.data).startFrame >= toFrame) {
        break;
      }
    }
    return performance.now() - start;
  };
  const baseline: number[] = [];
  for (let i = 0; i < 12; i += 1) {
    baseline.push(linear(Math.floor(random() * (durationMs - 8_000))));
  }
  report('playback-seek-3h', {
    recordingHours: HOURS,
    chunks,
    fileMiB: mib(fs.statSync(vault.recordingFile(recordingId)).size),
    buildSeconds: round(buildS, 1),
    seeks: seeks.length,
    p50Ms: round(median(seeks), 1),
    p95Ms: round(percentile(seeks, 95), 1),
    maxMs: round(Math.max(...seeks), 1),
    firstSeekWithChunkIndexMs: round(coldIndexMs, 1),
    goalP95Ms: 150,
    meetsGoal: percentile(seeks, 95) < 150,
    baselineLinearReadP50Ms: round(median(baseline), 1),
    baselineLinearReadP95Ms: round(percentile(baseline, 95), 1),
    ratioP95ToBaseline: round(percentile(seeks, 95) / percentile(baseline, 95), 4),
  });

  // Waveform peaks, once per recording, against streaming the same audio with nothing kept.
  const peaksStart = performance.now();
  const peaks = await computeAndStorePeaks(vault, recordingId);
  const peaksMs = performance.now() - peaksStart;
  const streamStart = performance.now();
  for (const chunk of vault.streamRecording(recordingId)) {
    if (chunk.data.length > 0) {
      decodeAudioChunk(chunk.data);
    }
  }
  const streamMs = performance.now() - streamStart;
  const overviewStart = performance.now();
  const overview = await dispatch('playback.overview', { recordingId, bins: 2000 });
  const overviewMs = performance.now() - overviewStart;
  report('playback-peaks', {
    recordingHours: HOURS,
    bins: peaks.peaks.length / 2,
    sealedBytes: vault.peaks.get(recordingId)?.sealed.length ?? 0,
    msPerHourOfAudio: round(peaksMs / HOURS, 0),
    baselineDecryptDecodeMsPerHour: round(streamMs / HOURS, 0),
    ratioToBaseline: round(peaksMs / streamMs, 3),
    storedOverviewMs: round(overviewMs, 1),
    storedOverviewOk: overview.ok,
  });

  // The player's memory: 200 seeks over the whole call, each fetching and decoding its window
  // (what a rep clicking around the waveform does); the engine keeps only a few windows.
  const cache = new AudioWindowCache(durationMs, async (fromMs, toMs) => {
    const result = await dispatch('recordings.audioWindow', { recordingId, fromMs, toMs });
    if (!result.ok) {
      throw new Error(result.error.message);
    }
    return result.value as { fromMs: number; toMs: number; sampleRate: number; pcm: Uint8Array };
  });
  global.gc?.();
  const before = process.memoryUsage();
  for (let i = 0; i < 200; i += 1) {
    await cache.windowAt(Math.floor(random() * (durationMs - WINDOW_MS)));
  }
  global.gc?.();
  const after = process.memoryUsage();
  const windowBytes = (WINDOW_MS / 1000) * STORAGE_SAMPLE_RATE * 2 * 4;
  report('playback-memory-3h', {
    seeks: 200,
    windowsHeld: cache.size,
    decodedSamplesHeldMiB: mib(cache.heldBytes),
    heapGrowthMiBAfterSeeks: mib(Math.max(0, after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers)),
    boundMiB: mib(KEPT_WINDOWS * windowBytes),
    baselineWholeCallDecodedMiB: mib((durationMs / 1000) * STORAGE_SAMPLE_RATE * 2 * 4),
  });
  cache.clear();
  session.lock();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
