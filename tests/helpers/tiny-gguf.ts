/**
 * Writes a tiny random-weight GGUF language model that llama.cpp (through node-llama-cpp's real
 * loader) accepts: the llama architecture (2 blocks, 64-wide, 4 heads, F32 tensors) and a
 * SentencePiece-style vocabulary (control tokens, all 256 byte tokens, every printable ASCII
 * character and the word-boundary mark), so any text tokenizes and any JSON can be generated.
 * Its output is noise; under a grammar it is noise of the right shape, which is what the tests
 * of the drafter's plumbing need (as the whisper tests use random-weight whisper models).
 */
import fs from 'node:fs';

export interface TinyModelOptions {
  readonly seed?: number;
  readonly embedding?: number;
  readonly layers?: number;
  readonly heads?: number;
  readonly feedForward?: number;
  readonly contextLength?: number;
}

const T = { UINT32: 4, INT32: 5, FLOAT32: 6, STRING: 8, ARRAY: 9, UINT64: 10 } as const;
const ALIGN = 32;

class Writer {
  private readonly parts: Buffer[] = [];
  length = 0;
  push(buffer: Buffer): void {
    this.parts.push(buffer);
    this.length += buffer.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  pad(): void {
    const extra = (ALIGN - (this.length % ALIGN)) % ALIGN;
    if (extra > 0) {
      this.push(Buffer.alloc(extra));
    }
  }
  buffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

type Value = { t: 'u32'; v: number } | { t: 'f32'; v: number } | { t: 'str'; v: string } | { t: 'strs'; v: string[] } | { t: 'f32s'; v: number[] } | { t: 'i32s'; v: number[] };

function writeValue(w: Writer, value: Value): void {
  switch (value.t) {
    case 'u32':
      w.u32(T.UINT32);
      w.u32(value.v);
      break;
    case 'f32':
      w.u32(T.FLOAT32);
      w.f32(value.v);
      break;
    case 'str':
      w.u32(T.STRING);
      w.str(value.v);
      break;
    case 'strs':
      w.u32(T.ARRAY);
      w.u32(T.STRING);
      w.u64(value.v.length);
      value.v.forEach((s) => { w.str(s); });
      break;
    case 'f32s':
      w.u32(T.ARRAY);
      w.u32(T.FLOAT32);
      w.u64(value.v.length);
      value.v.forEach((f) => { w.f32(f); });
      break;
    case 'i32s':
      w.u32(T.ARRAY);
      w.u32(T.INT32);
      w.u64(value.v.length);
      value.v.forEach((i) => { w.i32(i); });
      break;
  }
}

/** The vocabulary: <unk> <s> </s>, 256 byte tokens, then the word mark and printable ASCII. */
function vocabulary(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [2, 3, 3];
  for (let b = 0; b < 256; b += 1) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  tokens.push('\u2581');
  types.push(1);
  for (let c = 0x21; c <= 0x7e; c += 1) {
    tokens.push(String.fromCharCode(c));
    types.push(1);
  }
  return { tokens, scores: tokens.map(() => 0), types };
}

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 0xffffffff) * 2 - 1;
  };
}

/** Builds the model file's bytes. */
export function tinyGguf(options: TinyModelOptions = {}): Buffer {
  const n = options.embedding ?? 64;
  const layers = options.layers ?? 2;
  const heads = options.heads ?? 4;
  const ff = options.feedForward ?? 128;
  const ctx = options.contextLength ?? 4096;
  const vocab = vocabulary();
  const nv = vocab.tokens.length;
  const rand = random(options.seed ?? 7);

  const tensors: { name: string; dims: number[]; data: Float32Array }[] = [];
  const matrix = (name: string, cols: number, rows: number) => {
    const data = new Float32Array(cols * rows);
    for (let i = 0; i < data.length; i += 1) {
      data[i] = rand() * 0.08;
    }
    tensors.push({ name, dims: [cols, rows], data });
  };
  const ones = (name: string) => { tensors.push({ name, dims: [n], data: new Float32Array(n).fill(1) }); };
  matrix('token_embd.weight', n, nv);
  ones('output_norm.weight');
  matrix('output.weight', n, nv);
  for (let i = 0; i < layers; i += 1) {
    ones(`blk.${i}.attn_norm.weight`);
    matrix(`blk.${i}.attn_q.weight`, n, n);
    matrix(`blk.${i}.attn_k.weight`, n, n);
    matrix(`blk.${i}.attn_v.weight`, n, n);
    matrix(`blk.${i}.attn_output.weight`, n, n);
    ones(`blk.${i}.ffn_norm.weight`);
    matrix(`blk.${i}.ffn_gate.weight`, n, ff);
    matrix(`blk.${i}.ffn_up.weight`, n, ff);
    matrix(`blk.${i}.ffn_down.weight`, ff, n);
  }

  const kv: [string, Value][] = [
    ['general.architecture', { t: 'str', v: 'llama' }],
    ['general.name', { t: 'str', v: 'callvault-tiny-random' }],
    ['general.alignment', { t: 'u32', v: ALIGN }],
    ['llama.context_length', { t: 'u32', v: ctx }],
    ['llama.embedding_length', { t: 'u32', v: n }],
    ['llama.block_count', { t: 'u32', v: layers }],
    ['llama.feed_forward_length', { t: 'u32', v: ff }],
    ['llama.attention.head_count', { t: 'u32', v: heads }],
    ['llama.attention.head_count_kv', { t: 'u32', v: heads }],
    ['llama.rope.dimension_count', { t: 'u32', v: n / heads }],
    ['llama.attention.layer_norm_rms_epsilon', { t: 'f32', v: 1e-5 }],
    ['general.file_type', { t: 'u32', v: 0 }],
    ['tokenizer.ggml.model', { t: 'str', v: 'llama' }],
    ['tokenizer.ggml.tokens', { t: 'strs', v: vocab.tokens }],
    ['tokenizer.ggml.scores', { t: 'f32s', v: vocab.scores }],
    ['tokenizer.ggml.token_type', { t: 'i32s', v: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { t: 'u32', v: 0 }],
    ['tokenizer.ggml.bos_token_id', { t: 'u32', v: 1 }],
    ['tokenizer.ggml.eos_token_id', { t: 'u32', v: 2 }],
  ];

  const w = new Writer();
  w.push(Buffer.from('GGUF', 'latin1'));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(kv.length);
  for (const [key, value] of kv) {
    w.str(key);
    writeValue(w, value);
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const tensor of tensors) {
    w.str(tensor.name);
    w.u32(tensor.dims.length);
    tensor.dims.forEach((d) => { w.u64(d); });
    w.u32(0); // F32
    w.u64(offset);
    offsets.push(offset);
    offset += Math.ceil((tensor.data.byteLength) / ALIGN) * ALIGN;
  }
  w.pad();
  for (const tensor of tensors) {
    w.push(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    w.pad();
  }
  return w.buffer();
}

export function writeTinyGguf(file: string, options: TinyModelOptions = {}): string {
  fs.writeFileSync(file, tinyGguf(options));
  return file;
}
