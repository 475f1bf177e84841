// Capture benchmarks (issue #3): on-disk size of a two-channel call per hour, against 16-bit PCM
// at the same rate, and how fast the capture path (resample, encode, seal, fsync) runs compared
// with real time.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CaptureSession } from '../src/app/recording/capture-session';
import { ChunkWriter } from '../src/platform/audio/chunk-file';
import { decodeWavData, parseWavHeader } from '../src/platform/audio/wav';
import { createCrypto } from '../src/platform/crypto/sodium-crypto';
import { report, round } from './bench-util';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-capture-bench-'));
const crypto = await createCrypto();

function speech48k(text: string, voice: string): Int16Array {
  const raw = path.join(work, `${voice}-raw.wav`);
  const out = path.join(work, `${voice}.wav`);
  execFileSync('espeak-ng', ['-v', voice, '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', out]);
  const bytes = fs.readFileSync(out);
  const info = parseWavHeader(bytes, bytes.length);
  return decodeWavData(info, bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes))[0]!;
}

try {
  const seconds = 120;
  const rep = speech48k('Thanks for making the time today. I wanted to walk through the renewal, the seat count and the onboarding plan for the new team.', 'en-us');
  const customer = speech48k('Sure. Our main concern is the security review and whether the pricing holds if we add another region next quarter.', 'en-gb');
  const frames = seconds * 48000;
  const interleaved = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i += 1) {
    interleaved[i * 2] = rep[i % rep.length] ?? 0;
    interleaved[i * 2 + 1] = customer[i % customer.length] ?? 0;
  }
  const id = randomUUID();
  const file = path.join(work, `${id}.cvaf`);
  const writer = ChunkWriter.create(file, id, crypto, crypto.randomKey());
  const session = new CaptureSession(id, writer, 48000, () => undefined);
  const block = 48000 / 4; // the renderer sends quarter-second blocks
  const start = process.hrtime.bigint();
  for (let f = 0; f < frames; f += block) {
    session.append(interleaved.subarray(f * 2, Math.min(frames, f + block) * 2));
  }
  session.stop();
  const elapsedS = Number(process.hrtime.bigint() - start) / 1e9;
  const bytes = fs.statSync(file).size;
  const mbPerHour = (bytes / seconds) * 3600 / 1e6;
  const pcmMbPerHour = (16000 * 2 * 2 * 3600) / 1e6;
  report('capture-storage', {
    secondsCaptured: seconds,
    fileBytes: bytes,
    mbPerHourTwoChannels: round(mbPerHour, 1),
    baselinePcm16MbPerHour: round(pcmMbPerHour, 1),
    ratioToBaseline: round(mbPerHour / pcmMbPerHour, 3),
    budgetMbPerHour: 60,
    meetsBudget: mbPerHour <= 60,
  });
  report('capture-speed', { realTimeFactor: round(elapsedS / seconds, 4), secondsOfAudioPerSecond: round(seconds / elapsedS, 1) });
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
