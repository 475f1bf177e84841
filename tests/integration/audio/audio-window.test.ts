// recordings.audioWindow reads a window of a long call by seeking: it decrypts only the chunks
// the window needs (counted here through the injected Crypto port), returns exactly the samples a
// whole-file read gives, and refuses a window whose chunks were tampered with or removed.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import { readAudioWindow, readRecordingAudio } from '../../../src/app/recording/recording-audio';
import { OpenVault } from '../../../src/app/vault/open-vault';
import type { Crypto } from '../../../src/core/ports/crypto';
import { encodeWav } from '../../../src/platform/audio/wav';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { CallVaultError } from '../../../src/shared/callvault-error';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';

/** The real libsodium port, with every decryption (`open`) counted. */
function counting(crypto: Crypto): { crypto: Crypto; opens: () => number; reset: () => void } {
  let opens = 0;
  const counted = new Proxy(crypto, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) => {
        if (key === 'open') {
          opens += 1;
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { crypto: counted, opens: () => opens, reset: () => { opens = 0; } };
}

/** A vault holding one imported call of `seconds` at `rate` Hz: a ramp on the rep's side, another on the customer's. */
async function longCall(seconds: number, rate = 16_000) {
  const base = await vaultContext();
  const counter = counting(base.crypto);
  const profile = new ProfileStore(tempDir()).create('Test Rep');
  const { vault } = await OpenVault.create(profile, PASSPHRASE, { ...base, crypto: counter.crypto });
  const frames = seconds * rate;
  const wav = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(wav, encodeWav({ sampleRate: rate, channels: [Int16Array.from({ length: frames }, (_, i) => (i % 20_000) - 10_000), Int16Array.from({ length: frames }, (_, i) => 10_000 - (i % 15_000))] }));
  const { recordingId } = importWav(vault, wav, inspectImportFile(wav), { title: 'Long call', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
  const file = path.join(profile.vaultDir, 'recordings', `${recordingId}.cvaf`);
  return { vault, recordingId, counter, file };
}

/** The window as a whole-file read gives it, interleaved little-endian. */
function expectedWindow(vault: OpenVault, recordingId: string, fromMs: number, toMs: number): Buffer {
  const whole = readRecordingAudio(vault, recordingId);
  const from = (fromMs * 16_000) / 1000;
  const frames = ((toMs - fromMs) * 16_000) / 1000;
  const out = Buffer.alloc(frames * 4);
  for (let i = 0; i < frames; i += 1) {
    out.writeInt16LE(whole.channels[0]?.[from + i] ?? 0, i * 4);
    out.writeInt16LE(whole.channels[1]?.[from + i] ?? 0, i * 4 + 2);
  }
  return out;
}

/** Offsets and lengths of the records of a chunk file (24-byte file header, 16-byte record headers). */
function records(file: string): { offset: number; length: number }[] {
  const bytes = fs.readFileSync(file);
  const out: { offset: number; length: number }[] = [];
  for (let offset = 24; offset + 16 <= bytes.length; ) {
    const length = bytes.readUInt32LE(offset + 8);
    out.push({ offset, length });
    offset += 16 + length;
  }
  return out;
}

function integrityError(run: () => unknown): CallVaultError {
  try {
    run();
  } catch (error) {
    if (error instanceof CallVaultError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an INTEGRITY error');
}

describe('readAudioWindow (recordings.audioWindow)', () => {
  it('decrypts O(1) chunks for a window at the end of a long call, where reading from the start decrypts them all', async () => {
    const { vault, recordingId, counter } = await longCall(240);
    try {
      const chunkCount = records(path.join(vault.profile.vaultDir, 'recordings', `${recordingId}.cvaf`)).length;
      expect(chunkCount).toBeGreaterThanOrEqual(480);

      counter.reset();
      const tail = readAudioWindow(vault, recordingId, 238_500, 240_000);
      const tailOpens = counter.opens();
      // 1.5 s is three half-second chunks; the search may probe one or two more.
      expect(tailOpens).toBeLessThanOrEqual(6);

      counter.reset();
      const middle = readAudioWindow(vault, recordingId, 120_250, 150_250);
      expect(counter.opens()).toBeLessThanOrEqual(61 + 4);

      // What a whole-file read decrypts, for comparison (and the reference samples).
      counter.reset();
      const expectedTail = expectedWindow(vault, recordingId, 238_500, 240_000);
      expect(counter.opens()).toBeGreaterThanOrEqual(chunkCount);
      expect(Buffer.from(tail.pcm).equals(expectedTail)).toBe(true);
      expect(Buffer.from(middle.pcm).equals(expectedWindow(vault, recordingId, 120_250, 150_250))).toBe(true);
      expect(tail).toMatchObject({ fromMs: 238_500, toMs: 240_000, sampleRate: 16_000 });
    } finally {
      vault.close();
    }
  });

  it('finds the right chunks when chunk lengths vary (a 44.1 kHz import), at any offset', async () => {
    const { vault, recordingId, counter } = await longCall(30, 44_100);
    try {
      for (const [fromMs, toMs] of [[0, 700], [1, 2], [12_345, 13_999], [29_000, 30_000], [7_499, 7_501]] as const) {
        counter.reset();
        const window = readAudioWindow(vault, recordingId, fromMs, toMs);
        expect(counter.opens()).toBeLessThanOrEqual(Math.ceil((toMs - fromMs) / 500) + 8);
        expect(Buffer.from(window.pcm).equals(expectedWindow(vault, recordingId, fromMs, toMs))).toBe(true);
      }
    } finally {
      vault.close();
    }
  });

  it('refuses a window over a tampered chunk or over a removed one, and still plays windows that do not touch them', async () => {
    const { vault, recordingId, file } = await longCall(60);
    try {
      const all = records(file);
      const bytes = fs.readFileSync(file);
      // Tamper with the sealed body of the chunk holding 20.0-20.5 s (position 40).
      const tampered = all[40];
      if (tampered === undefined) {
        throw new Error('no record 40');
      }
      bytes[tampered.offset + 16 + 30] = (bytes[tampered.offset + 16 + 30] ?? 0) ^ 0x01;
      fs.writeFileSync(file, bytes);
      const flipped = integrityError(() => readAudioWindow(vault, recordingId, 19_000, 21_000));
      expect(flipped.code).toBe('INTEGRITY');
      expect(flipped.message).toMatch(/does not authenticate.*damaged or altered after it was recorded/);
      expect(Buffer.from(readAudioWindow(vault, recordingId, 40_000, 41_000).pcm).equals(expectedWindow(vault, recordingId, 40_000, 41_000))).toBe(true);

      // Remove the chunk holding 50.0-50.5 s altogether: the window over it has a hole, and says so.
      const removed = all[100];
      if (removed === undefined) {
        throw new Error('no record 100');
      }
      fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, removed.offset), bytes.subarray(removed.offset + 16 + removed.length)]));
      const missing = integrityError(() => readAudioWindow(vault, recordingId, 49_000, 51_000));
      expect(missing.code).toBe('INTEGRITY');
      expect(missing.message).toMatch(/audio is missing (after|before) (50\.0|50\.5) s/);
      expect(readAudioWindow(vault, recordingId, 30_000, 31_000).pcm.length).toBe(16_000 * 4);
    } finally {
      vault.close();
    }
  });
});
