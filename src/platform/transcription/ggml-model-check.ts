/**
 * Checks a whisper model file (legacy ggml format, as whisper_model_load in whisper.cpp reads it)
 * before the engine is started with it. whisper.cpp 1.9.1 happily "loads" a file cut off before
 * its first tensor (as an empty test model) or inside its last one, and then produces garbage;
 * this walks the whole structure and refuses such files with a reason a person can act on. The
 * runner repeats the walk (native/whisper-runner/model-check.cpp) for when it runs on its own.
 *
 * Layout (little-endian): u32 magic 'ggml'; 11 × i32 hparams; i32 n_mel, i32 n_fft and the mel
 * filters as f32; i32 token count and per token u32 length + bytes; then tensors until the end,
 * each i32 n_dims, i32 name length, i32 type, i32 ne[n_dims], the name, and the data.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { CallVaultError } from '../../shared/callvault-error';

/** Whether a refused file was cut off (a partial copy or download) or is damaged or foreign. */
export type ModelFileProblem = 'truncated' | 'corrupt';

/** A structural verdict on a model file; `detail` is set where the problem is found. */
export class ModelFileError extends CallVaultError {
  override readonly name = 'ModelFileError';
  declare readonly detail: ModelFileProblem;

  constructor(detail: ModelFileProblem, message: string, options?: { readonly cause?: unknown }) {
    super('MODEL_UNAVAILABLE', message, { ...options, detail });
  }
}

export interface WhisperHParams {
  readonly nVocab: number;
  readonly nAudioCtx: number;
  readonly nAudioState: number;
  readonly nAudioHead: number;
  readonly nAudioLayer: number;
  readonly nTextCtx: number;
  readonly nTextState: number;
  readonly nTextHead: number;
  readonly nTextLayer: number;
  readonly nMels: number;
  readonly ftype: number;
}

export interface WhisperModelInfo {
  readonly bytes: number;
  readonly hparams: WhisperHParams;
  readonly tensors: number;
  /** Multilingual models have one more token than the English-only ones (51865 vs 51864). */
  readonly multilingual: boolean;
}

const GGML_MAGIC = 0x67676d6c;

/** ggml type id -> [elements per block, bytes per block], for the types whisper models use. */
const TENSOR_TYPES: ReadonlyMap<number, readonly [number, number]> = new Map([
  [0, [1, 4]], // f32
  [1, [1, 2]], // f16
  [2, [32, 18]], // q4_0
  [3, [32, 20]], // q4_1
  [6, [32, 22]], // q5_0
  [7, [32, 24]], // q5_1
  [8, [32, 34]], // q8_0
  [10, [256, 84]], // q2_K
  [11, [256, 110]], // q3_K
  [12, [256, 144]], // q4_K
  [13, [256, 176]], // q5_K
  [14, [256, 210]], // q6_K
  [30, [1, 2]], // bf16
]);

/** Reads the file front to back through one buffer, skipping tensor data without reading it. */
class Cursor {
  private buf = Buffer.alloc(64 * 1024);
  private bufStart = 0;
  private bufLength = 0;
  pos = 0;

  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  async bytes(n: number, what: string): Promise<Buffer> {
    if (this.pos + n > this.size) {
      throw new ModelFileError('truncated', `The model file is truncated (it ends inside ${what}).`);
    }
    if (this.pos < this.bufStart || this.pos + n > this.bufStart + this.bufLength) {
      if (n > this.buf.length) {
        this.buf = Buffer.alloc(n);
      }
      const { bytesRead } = await this.file.read(this.buf, 0, this.buf.length, this.pos);
      this.bufStart = this.pos;
      this.bufLength = bytesRead;
    }
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  async i32(what: string): Promise<number> {
    return (await this.bytes(4, what)).readInt32LE(0);
  }

  skip(n: number, what: string): void {
    if (this.pos + n > this.size) {
      throw new ModelFileError('truncated', `The model file is truncated (it ends inside ${what}).`);
    }
    this.pos += n;
  }
}

function expectRange(value: number, lo: number, hi: number, what: string): number {
  if (!Number.isInteger(value) || value < lo || value > hi) {
    throw new ModelFileError('corrupt', `The model file is corrupt: ${what} is ${value}, expected ${lo}..${hi}.`);
  }
  return value;
}

/** Throws a ModelFileError unless `path` is a complete, well-formed ggml whisper model. */
export async function inspectModelFile(path: string): Promise<WhisperModelInfo> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error: unknown) {
    throw new ModelFileError('corrupt', `The model file cannot be opened (${error instanceof Error && 'code' in error ? String(error.code) : 'unknown error'}).`, { cause: error });
  }
  try {
    const { size } = await file.stat();
    const c = new Cursor(file, size);
    if (size < 4 || (await c.bytes(4, 'its header')).readUInt32LE(0) !== GGML_MAGIC) {
      throw new ModelFileError('corrupt', 'This is not a whisper model in ggml format (wrong magic number).');
    }
    const hparams = await readHParams(c);
    const nMel = expectRange(await c.i32('the mel filters'), 1, 1024, 'the mel filter count');
    const nFft = expectRange(await c.i32('the mel filters'), 1, 1 << 16, 'the FFT size');
    c.skip(nMel * nFft * 4, 'the mel filters');
    const nTokens = expectRange(await c.i32('the vocabulary'), 1, 1 << 20, 'the vocabulary size');
    for (let i = 0; i < nTokens; i += 1) {
      const len = (await c.bytes(4, 'the vocabulary')).readUInt32LE(0);
      c.skip(expectRange(len, 0, 4096, 'a token length'), 'the vocabulary');
    }
    const tensors = await walkTensors(c);
    // whisper.cpp creates exactly this many tensors (7 + 4 model-wide, 15 per encoder block, 24 per
    // decoder block) and needs every one of them.
    const expected = 11 + 15 * hparams.nAudioLayer + 24 * hparams.nTextLayer;
    if (tensors !== expected) {
      throw new ModelFileError('truncated', `The model file is truncated or incomplete: it holds ${tensors} of the ${expected} tensors its header announces.`);
    }
    return { bytes: size, hparams, tensors, multilingual: hparams.nVocab >= 51865 };
  } finally {
    await file.close();
  }
}

async function readHParams(c: Cursor): Promise<WhisperHParams> {
  const v: number[] = [];
  for (let i = 0; i < 11; i += 1) {
    v.push(await c.i32('its header'));
  }
  const [nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer, nTextCtx, nTextState, nTextHead, nTextLayer, nMels, ftype] = v;
  const h: WhisperHParams = {
    nVocab: expectRange(nVocab ?? 0, 1, 1 << 20, 'n_vocab'),
    nAudioCtx: expectRange(nAudioCtx ?? 0, 1, 1 << 16, 'n_audio_ctx'),
    nAudioState: expectRange(nAudioState ?? 0, 1, 1 << 16, 'n_audio_state'),
    nAudioHead: expectRange(nAudioHead ?? 0, 1, 1024, 'n_audio_head'),
    nAudioLayer: expectRange(nAudioLayer ?? 0, 1, 1024, 'n_audio_layer'),
    nTextCtx: expectRange(nTextCtx ?? 0, 1, 1 << 16, 'n_text_ctx'),
    nTextState: expectRange(nTextState ?? 0, 1, 1 << 16, 'n_text_state'),
    nTextHead: expectRange(nTextHead ?? 0, 1, 1024, 'n_text_head'),
    nTextLayer: expectRange(nTextLayer ?? 0, 1, 1024, 'n_text_layer'),
    nMels: expectRange(nMels ?? 0, 1, 1024, 'n_mels'),
    ftype: expectRange(ftype ?? -1, 0, 1 << 20, 'ftype'),
  };
  if (h.nAudioState % h.nAudioHead !== 0 || h.nTextState % h.nTextHead !== 0) {
    throw new ModelFileError('corrupt', 'The model file is corrupt: its state size does not divide by its head count.');
  }
  return h;
}

async function walkTensors(c: Cursor): Promise<number> {
  let count = 0;
  while (c.pos < c.size) {
    const what = `tensor ${count + 1}`;
    const nDims = expectRange(await c.i32(what), 1, 4, `the dimension count of ${what}`);
    const nameLength = expectRange(await c.i32(what), 1, 512, `the name length of ${what}`);
    const type = await c.i32(what);
    const layout = TENSOR_TYPES.get(type);
    if (layout === undefined) {
      throw new ModelFileError('corrupt', `The model file uses tensor type ${type}, which this engine does not support (or the file is corrupt).`);
    }
    let elements = 1;
    for (let d = 0; d < nDims; d += 1) {
      elements *= expectRange(await c.i32(what), 1, 1 << 24, `a dimension of ${what}`);
    }
    const [block, blockBytes] = layout;
    if (elements % block !== 0) {
      throw new ModelFileError('corrupt', `The model file is corrupt: ${what} has ${elements} values, not a whole number of blocks.`);
    }
    c.skip(nameLength, what);
    c.skip((elements / block) * blockBytes, `the data of ${what}`);
    count += 1;
  }
  return count;
}

/** sha256 of a file, streamed (models are hundreds of MB), as lowercase hex. */
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: 1 << 20, ...(signal && { signal }) });
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** Throws a ModelFileError unless the file's sha256 (and size, when given) match the manifest. */
export async function verifyModelFile(path: string, expected: { readonly sha256: string; readonly bytes?: number }, signal?: AbortSignal): Promise<void> {
  if (expected.bytes !== undefined) {
    const file = await open(path, 'r');
    const { size } = await file.stat().finally(() => file.close());
    if (size !== expected.bytes) {
      throw new ModelFileError('truncated', `The model file has ${size} bytes, not the ${expected.bytes} of the published model: it is incomplete or a different file.`);
    }
  }
  const actual = await sha256File(path, signal);
  if (actual !== expected.sha256.toLowerCase()) {
    throw new ModelFileError('corrupt', 'The model file does not match its published checksum (sha256): it is damaged or a different file. Download it again.');
  }
}
