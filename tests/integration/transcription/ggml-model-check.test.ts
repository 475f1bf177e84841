// The model file checks on real generated models (tools/gen-ggml-model.ts) and damaged copies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModel } from '../../../tools/gen-ggml-model';
import { inspectModelFile, ModelFileError, sha256File, verifyModelFile } from '../../../src/platform/transcription/ggml-model-check';
import { testModel } from './whisper-fixtures';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-model-file-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function damaged(name: string, edit: (bytes: Buffer) => Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, edit(Buffer.from(fs.readFileSync(testModel()))));
  return file;
}

async function refusal(file: string): Promise<string> {
  const error = await inspectModelFile(file).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ModelFileError);
  return (error as Error).message;
}

describe('inspectModelFile', () => {
  it('reads the header and counts the tensors of f16, q8_0 and multilingual models', async () => {
    const f16 = await inspectModelFile(testModel());
    expect(f16).toMatchObject({ tensors: 50, multilingual: false, hparams: { nVocab: 51864, nAudioState: 64, nAudioLayer: 1, nTextLayer: 1, nTextCtx: 64, nMels: 80, ftype: 1 } });
    expect(f16.bytes).toBe(fs.statSync(testModel()).size);

    const q8 = generateModel({ dims: 'tiny-small', ftype: 'q8_0', vocab: 'multilingual', seed: 3, textCtx: 64, out: path.join(dir, 'q8.bin') });
    const info = await inspectModelFile(q8.path);
    expect(info).toMatchObject({ tensors: q8.tensors, multilingual: true, hparams: { ftype: 2007 } });
  });

  it('refuses truncated files wherever they were cut', async () => {
    const size = fs.statSync(testModel()).size;
    for (const cut of [2, 30, 1000, 200_000, size - 1]) {
      expect(await refusal(damaged(`cut-${cut}.bin`, (b) => b.subarray(0, cut)))).toMatch(/truncated|not a whisper model/);
    }
  });

  it('refuses extra bytes after the last tensor, a wrong magic, and impossible dimensions', async () => {
    expect(await refusal(damaged('tail.bin', (b) => Buffer.concat([b, Buffer.alloc(7)])))).toMatch(/truncated|corrupt/);
    expect(await refusal(damaged('magic.bin', (b) => { b.writeUInt32LE(0x46554747, 0); return b; }))).toMatch(/not a whisper model/);
    expect(await refusal(damaged('dims.bin', (b) => { b.writeInt32LE(-5, 4 + 4 * 4); return b; }))).toMatch(/n_audio_layer is -5/);
    expect(await refusal(damaged('type.bin', (b) => { b.writeInt32LE(77, headerBytes(b) + 8); return b; }))).toMatch(/tensor type 77/);
  });

  it('says at the throw site whether a file was cut off or is damaged', async () => {
    const problem = (file: string) => inspectModelFile(file).then(() => undefined, (e: unknown) => (e instanceof ModelFileError ? e.detail : e));
    const size = fs.statSync(testModel()).size;
    for (const cut of [30, 1000, 200_000, size - 1]) {
      expect(await problem(damaged(`cut-detail-${cut}.bin`, (b) => b.subarray(0, cut)))).toBe('truncated');
    }
    expect(await problem(damaged('magic-detail.bin', (b) => { b.writeUInt32LE(0x46554747, 0); return b; }))).toBe('corrupt');
    expect(await problem(damaged('dims-detail.bin', (b) => { b.writeInt32LE(-5, 4 + 4 * 4); return b; }))).toBe('corrupt');
    expect(await problem(path.join(dir, 'missing-detail.bin'))).toBe('corrupt');
  });

  it('says why an empty or missing file cannot be used', async () => {
    const empty = path.join(dir, 'empty.bin');
    fs.writeFileSync(empty, '');
    expect(await refusal(empty)).toMatch(/not a whisper model/);
    expect(await refusal(path.join(dir, 'missing.bin'))).toMatch(/cannot be opened \(ENOENT\)/);
  });
});

describe('checksums', () => {
  it('streams the same sha256 the generator computed, and verifies against it', async () => {
    const made = generateModel({ dims: 'tiny-small', ftype: 'f16', vocab: 'en', seed: 9, textCtx: 64, out: path.join(dir, 'seed9.bin') });
    expect(await sha256File(made.path)).toBe(made.sha256);
    await expect(verifyModelFile(made.path, { sha256: made.sha256.toUpperCase(), bytes: made.bytes })).resolves.toBeUndefined();
    await expect(verifyModelFile(made.path, { sha256: made.sha256, bytes: made.bytes + 1 })).rejects.toThrow(/bytes, not the/);
    await expect(verifyModelFile(made.path, { sha256: 'f'.repeat(64) })).rejects.toThrow(ModelFileError);
    await expect(verifyModelFile(made.path, { sha256: made.sha256, bytes: made.bytes + 1 })).rejects.toMatchObject({ detail: 'truncated' });
    await expect(verifyModelFile(made.path, { sha256: 'f'.repeat(64) })).rejects.toMatchObject({ detail: 'corrupt' });
  });

  it('stops hashing when aborted', async () => {
    await expect(sha256File(testModel(), AbortSignal.abort())).rejects.toThrow(/abort/i);
  });
});

/** Offset of the first tensor header in a model file. */
function headerBytes(b: Buffer): number {
  let at = 4 + 11 * 4;
  at += 8 + b.readInt32LE(at) * b.readInt32LE(at + 4) * 4;
  const n = b.readInt32LE(at);
  at += 4;
  for (let i = 0; i < n; i += 1) {
    at += 4 + b.readUInt32LE(at);
  }
  return at;
}
