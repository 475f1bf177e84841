import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decodeWavData, parseWavHeader } from '../../src/platform/audio/wav';

/** Real speech from espeak-ng, converted by sox to the given rate, mono 16-bit. */
export function speechWav(dir: string, text: string, rate = 16000, name = 'speech'): string {
  const raw = path.join(dir, `${name}-raw.wav`);
  const out = path.join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-w', raw, text]);
  execFileSync('sox', [raw, '-r', String(rate), '-c', '1', '-b', '16', out]);
  return out;
}

export function readWavFile(file: string): { sampleRate: number; channels: Int16Array[] } {
  const bytes = fs.readFileSync(file);
  const info = parseWavHeader(bytes, bytes.length);
  return { sampleRate: info.sampleRate, channels: decodeWavData(info, bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes)) };
}

/** Pearson correlation of two equally long signals. */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i += 1) {
    ma += a[i] ?? 0;
    mb += b[i] ?? 0;
  }
  ma /= n;
  mb /= n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i += 1) {
    const x = (a[i] ?? 0) - ma;
    const y = (b[i] ?? 0) - mb;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return num / Math.sqrt(da * db);
}
