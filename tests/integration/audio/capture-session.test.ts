import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crypto } from '../../../src/core/ports/crypto';
import { CaptureSession } from '../../../src/app/recording/capture-session';
import { ChunkWriter, readChunkFile } from '../../../src/platform/audio/chunk-file';
import { createCrypto } from '../../../src/platform/crypto/sodium-crypto';
import { stereoTone } from '../../helpers/call-fixture';
import { tempDir } from '../../helpers/temp-dir';

let crypto: Crypto;
beforeAll(async () => {
  crypto = await createCrypto();
});

function session() {
  const id = randomUUID();
  const key = crypto.randomKey();
  const file = path.join(tempDir(), `${id}.cvaf`);
  const progress: number[] = [];
  const capture = new CaptureSession(id, ChunkWriter.create(file, id, crypto, key, { durable: false }), 48000, (ms) => progress.push(ms));
  const pcm = (seconds: number) => new Int16Array(stereoTone(seconds).buffer);
  return { id, key, file, capture, progress, pcm };
}

describe('capture session', () => {
  it('seals a chunk every half second, so at most that much is ever unsealed', () => {
    const { capture, progress, pcm } = session();
    capture.append(pcm(0.49));
    expect(progress).toEqual([]);
    capture.append(pcm(0.02));
    expect(progress).toEqual([500]);
    capture.append(pcm(1.0));
    expect(progress.at(-1)).toBeGreaterThanOrEqual(1000);
  });

  it('stores a two-channel hour in at most 60 MB (measured on 20 s: the codec has a fixed rate)', () => {
    const { capture, file, pcm } = session();
    for (let i = 0; i < 20; i += 1) {
      capture.append(pcm(1));
    }
    capture.stop();
    const perHour = (fs.statSync(file).size / 20) * 3600;
    expect(perHour).toBeLessThanOrEqual(60e6);
    expect(perHour).toBeGreaterThan(50e6);
  });

  it('drops audio while paused and seals the rest with the final flag on stop', () => {
    const { capture, file, id, key, pcm } = session();
    capture.append(pcm(1));
    capture.pause('waiting for consent');
    expect(capture.append(pcm(2))).toEqual({ accepted: false });
    capture.resume();
    capture.append(pcm(0.3));
    const recordedMs = capture.stop();
    expect(recordedMs).toBeGreaterThan(1250);
    expect(recordedMs).toBeLessThan(1350);
    const report = readChunkFile(file, id, crypto, key);
    expect(report.ok).toBe(true);
    expect(report.complete).toBe(true);
  });
});
