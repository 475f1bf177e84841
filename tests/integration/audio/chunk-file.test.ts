import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Crypto, SymmetricKey } from '../../../src/core/ports/crypto';
import { ChunkWriter, readChunkFile } from '../../../src/platform/audio/chunk-file';
import { createCrypto } from '../../../src/platform/crypto/sodium-crypto';
import { tempDir } from '../../helpers/temp-dir';

let crypto: Crypto;
beforeAll(async () => {
  crypto = await createCrypto();
});

const chunkData = (i: number) => new Uint8Array(200 + i * 7).fill(i + 1);

function writeFile(count: number, options: { final?: boolean } = {}) {
  const dir = tempDir();
  const id = randomUUID();
  const key = crypto.randomKey();
  const file = path.join(dir, `${id}.cvaf`);
  const writer = ChunkWriter.create(file, id, crypto, key, { durable: false });
  for (let i = 0; i < count - 1; i += 1) {
    writer.append(chunkData(i));
  }
  if (options.final === false) {
    writer.append(chunkData(count - 1));
    writer.close();
  } else {
    writer.finish(chunkData(count - 1));
  }
  return { dir, id, key, file };
}

const statuses = (file: string, id: string, key: SymmetricKey) => readChunkFile(file, id, crypto, key).chunks.map((c) => c.status);

describe('sealed chunk files', () => {
  it('round-trips every chunk and marks the file complete', () => {
    const { file, id, key } = writeFile(5);
    const report = readChunkFile(file, id, crypto, key);
    expect(report.ok).toBe(true);
    expect(report.complete).toBe(true);
    expect(report.chunks.map((c) => c.data)).toEqual([0, 1, 2, 3, 4].map(chunkData));
  });

  it('detects any single flipped byte, names the chunk, and still decrypts the others', () => {
    const { file, id, key } = writeFile(4);
    const original = fs.readFileSync(file);
    const clean = readChunkFile(file, id, crypto, key);
    const recordStarts = clean.chunks.map((c) => c.byteOffset);
    for (let offset = 0; offset < original.length; offset += 1) {
      const damaged = Buffer.from(original);
      damaged[offset] = (damaged[offset] ?? 0) ^ 0x01;
      fs.writeFileSync(file, damaged);
      const report = readChunkFile(file, id, crypto, key);
      expect(report.ok, `flip at byte ${offset} went unnoticed`).toBe(false);
      if (offset < 24) {
        expect(report.headerProblem).toBeDefined();
        expect(report.chunks.every((c) => c.status === 'ok')).toBe(true);
        continue;
      }
      const hit = recordStarts.filter((start) => start <= offset).length - 1;
      const bad = report.chunks.filter((c) => c.status !== 'ok');
      expect(bad, `flip at byte ${offset}`).toHaveLength(1);
      expect(bad[0]?.status).toBe('corrupt');
      expect(bad[0]?.byteOffset).toBe(recordStarts[hit]);
      const good = report.chunks.filter((c) => c.status === 'ok').map((c) => c.data);
      expect(good).toEqual([0, 1, 2, 3].filter((i) => i !== hit).map(chunkData));
    }
  });

  it('recovers every complete chunk of a truncated file, with status "truncated" rather than "corrupt"', () => {
    const { file, id, key } = writeFile(3, { final: false });
    const full = fs.readFileSync(file);
    const starts = readChunkFile(file, id, crypto, key).chunks.map((c) => c.byteOffset);
    const lastStart = starts[2]!;
    for (const cut of [lastStart + 3, lastStart + 10, lastStart + 40, full.length - 1]) {
      fs.writeFileSync(file, full.subarray(0, cut));
      const report = readChunkFile(file, id, crypto, key);
      expect(report.chunks.map((c) => c.status)).toEqual(['ok', 'ok', 'truncated']);
      expect(report.chunks.slice(0, 2).map((c) => c.data)).toEqual([chunkData(0), chunkData(1)]);
      expect(report.complete).toBe(false);
    }
    fs.writeFileSync(file, full.subarray(0, lastStart));
    const clean = readChunkFile(file, id, crypto, key);
    expect(clean.chunks.map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(clean.complete).toBe(false);
  });

  it('detects reordered chunks', () => {
    const { file, id, key } = writeFile(3);
    const bytes = fs.readFileSync(file);
    const [a, b, c] = readChunkFile(file, id, crypto, key).chunks.map((ch) => ch.byteOffset) as [number, number, number];
    const swapped = Buffer.concat([bytes.subarray(0, a), bytes.subarray(b, c), bytes.subarray(a, b), bytes.subarray(c)]);
    fs.writeFileSync(file, swapped);
    expect(statuses(file, id, key)).toEqual(['out-of-order', 'out-of-order', 'ok']);
    expect(readChunkFile(file, id, crypto, key).ok).toBe(false);
  });

  it('detects a chunk spliced in from another recording, even one sealed with the same key', () => {
    const first = writeFile(3);
    const dir = tempDir();
    const otherId = randomUUID();
    const otherFile = path.join(dir, 'other.cvaf');
    const writer = ChunkWriter.create(otherFile, otherId, crypto, first.key, { durable: false });
    writer.append(chunkData(9));
    writer.append(chunkData(9));
    writer.close();
    const mine = fs.readFileSync(first.file);
    const theirs = fs.readFileSync(otherFile);
    const myStarts = readChunkFile(first.file, first.id, crypto, first.key).chunks.map((c) => c.byteOffset);
    const theirStarts = readChunkFile(otherFile, otherId, crypto, first.key).chunks.map((c) => c.byteOffset);
    // Replace my chunk 1 with their chunk 1 (same index, same key, other recording id).
    const spliced = Buffer.concat([mine.subarray(0, myStarts[1]), theirs.subarray(theirStarts[1]), mine.subarray(myStarts[2])]);
    fs.writeFileSync(first.file, spliced);
    expect(statuses(first.file, first.id, first.key)).toEqual(['ok', 'corrupt', 'ok']);
  });

  it('detects a dropped final chunk and a wrong key', () => {
    const { file, id, key } = writeFile(3);
    const starts = readChunkFile(file, id, crypto, key).chunks.map((c) => c.byteOffset);
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, starts[2]));
    const report = readChunkFile(file, id, crypto, key);
    expect(report.chunks.map((c) => c.status)).toEqual(['ok', 'ok']);
    expect(report.complete).toBe(false);
    expect(statuses(file, id, crypto.randomKey())).toEqual(['corrupt', 'corrupt']);
  });
});
