/**
 * Generates a small random-weight Whisper model in the legacy ggml file format
 * ("ggml" magic) that whisper.cpp's `whisper_model_load` (src/whisper.cpp) reads.
 *
 * The weights are random, so what it "transcribes" is gibberish, but every code
 * path of the engine runs for real: file parsing, mel spectrogram, encoder,
 * decoder, sampling, timestamps, token probabilities. Tests and benchmarks use it
 * because no real model can be downloaded here (and none should ship in the repo).
 *
 * Usage:
 *   npx tsx tools/gen-ggml-model.ts --dims tiny --ftype f16 --seed 1 --out /tmp/ggml-tiny-random.bin
 *
 * Options:
 *   --dims tiny|base|tiny-small   tiny = tiny.en dimensions (384 state, 6 heads, 4+4 layers),
 *                                 base = base.en dimensions (512, 8, 6+6),
 *                                 tiny-small = 64 state, 2 heads, 1+1 layer (fast tests, ~8 MB as f16).
 *                                 Default: tiny-small.
 *   --ftype f32|f16|q8_0          Storage type of the big matrices. Default: f16.
 *                                 Note: whisper.cpp's CPU backend (1.9.1, and the 2024 (~1.7.x) copy in
 *                                 smart-whisper 0.8.1) abort()s on all-f32 files (im2col asserts F16
 *                                 conv kernels): an f32 file is a ready-made "engine crashes" fixture.
 *   --vocab en|multilingual       51864 tokens (like *.en models) or 51865 (multilingual). Default: en.
 *   --seed N                      uint32 seed of the PRNG; same seed + options = same bytes. Default: 1.
 *   --text-ctx N                  Decoder context (n_text_ctx). whisper.cpp decodes at most
 *                                 n_text_ctx/2 - 4 tokens per 30 s window, and a random model never
 *                                 says "end of text" by itself, so this caps the work per window:
 *                                 448 (the real value, ~220 tokens per window) or e.g. 64 in tests
 *                                 (~28 tokens per window). Default: 448.
 *   --out PATH                    Output file (required).
 *
 * File layout (all little-endian), as read by whisper_model_load:
 *   u32 magic 0x67676d6c
 *   i32 n_vocab, n_audio_ctx, n_audio_state, n_audio_head, n_audio_layer,
 *       n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype
 *   i32 n_mel, i32 n_fft, f32[n_mel * n_fft] mel filters
 *   i32 n_tokens, then per token: u32 len, bytes   (special tokens are added by the loader)
 *   tensors until EOF: i32 n_dims, i32 name_len, i32 ttype, i32 ne[n_dims], name, data
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export type Dims = 'tiny' | 'base' | 'tiny-small';
export type FType = 'f32' | 'f16' | 'q8_0';
export type Vocab = 'en' | 'multilingual';

export interface GenerateOptions {
  dims: Dims;
  ftype: FType;
  vocab: Vocab;
  seed: number;
  textCtx: number;
  out: string;
}

export interface GenerateResult {
  path: string;
  bytes: number;
  sha256: string;
  tensors: number;
  parameters: number;
  hparams: HParams;
}

export interface HParams {
  n_vocab: number;
  n_audio_ctx: number;
  n_audio_state: number;
  n_audio_head: number;
  n_audio_layer: number;
  n_text_ctx: number;
  n_text_state: number;
  n_text_head: number;
  n_text_layer: number;
  n_mels: number;
  ftype: number;
}

const GGML_FILE_MAGIC = 0x67676d6c;
const GGML_QNT_VERSION = 2;
const GGML_QNT_VERSION_FACTOR = 1000;

// ggml_type ids written per tensor
const GGML_TYPE_F32 = 0;
const GGML_TYPE_F16 = 1;
const GGML_TYPE_Q8_0 = 8;

// ggml_ftype ids written in the header
const FTYPE_ID: Record<FType, number> = { f32: 0, f16: 1, q8_0: 7 };

const QK8_0 = 32;

// whisper.cpp's whisper_vocab fixes the special token ids (eot = 50256, sot = 50257, ...,
// timestamps from 50364 for .en); the file holds only the text tokens below them.
const N_TEXT_TOKENS_EN = 50256; // ids 0..50255 are text tokens; the loader adds the special ones
const N_TEXT_TOKENS_MULTI = 50257;

const DIMS: Record<Dims, { state: number; audioHead: number; audioLayer: number; textHead: number; textLayer: number }> = {
  tiny: { state: 384, audioHead: 6, audioLayer: 4, textHead: 6, textLayer: 4 },
  base: { state: 512, audioHead: 8, audioLayer: 6, textHead: 8, textLayer: 6 },
  'tiny-small': { state: 64, audioHead: 2, audioLayer: 1, textHead: 2, textLayer: 1 },
};

export function hparamsFor(dims: Dims, ftype: FType, vocab: Vocab, textCtx = 448): HParams {
  const d = DIMS[dims];
  const ftypeId = FTYPE_ID[ftype];
  return {
    n_vocab: vocab === 'en' ? 51864 : 51865,
    n_audio_ctx: 1500,
    n_audio_state: d.state,
    n_audio_head: d.audioHead,
    n_audio_layer: d.audioLayer,
    n_text_ctx: textCtx,
    n_text_state: d.state,
    n_text_head: d.textHead,
    n_text_layer: d.textLayer,
    n_mels: 80,
    // quantized files carry the quantization version, as whisper.cpp's quantize tool writes it
    ftype: ftype === 'q8_0' ? ftypeId + GGML_QNT_VERSION * GGML_QNT_VERSION_FACTOR : ftypeId,
  };
}

// ---------------------------------------------------------------- PRNG

/** xoshiro128** seeded through splitmix32: small, fast, and identical on every platform. */
class Prng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    this.s3 >>>= 0;
    return result;
  }

  /** Uniform in [-1, 1). */
  nextSigned(): number {
    return this.nextU32() / 2147483648 - 1;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Uniform values with the given standard deviation (uniform(-a, a) has std a/sqrt(3)). */
function fillUniform(rng: Prng, n: number, std: number): Float32Array {
  const a = std * Math.sqrt(3);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = rng.nextSigned() * a;
  }
  return out;
}

function fillConst(n: number, value: number): Float32Array {
  return new Float32Array(n).fill(value);
}

// ---------------------------------------------------------------- number formats

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);

/** IEEE 754 binary32 -> binary16, round to nearest even (like ggml's GGML_FP32_TO_FP16). */
export function f32ToF16(value: number): number {
  f32Scratch[0] = value;
  const x = u32Scratch[0] ?? 0;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) {
    return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  }
  const e = exp - 127 + 15;
  if (e >= 0x1f) {
    return sign | 0x7c00;
  }
  if (e <= 0) {
    if (e < -10) {
      return sign;
    }
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let h = mant >>> shift;
    if (rest > half || (rest === half && (h & 1) === 1)) {
      h += 1;
    }
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) {
    h += 1; // may carry into the exponent, which is still correct rounding
  }
  return sign | h;
}

function encodeF32(data: Float32Array): Buffer {
  const buf = Buffer.alloc(data.length * 4);
  for (let i = 0; i < data.length; i++) {
    buf.writeFloatLE(data[i] ?? 0, i * 4);
  }
  return buf;
}

function encodeF16(data: Float32Array): Buffer {
  const buf = Buffer.alloc(data.length * 2);
  for (let i = 0; i < data.length; i++) {
    buf.writeUInt16LE(f32ToF16(data[i] ?? 0), i * 2);
  }
  return buf;
}

/** ggml block_q8_0: fp16 scale d followed by 32 int8 quants; d = amax/127, q = round(x/d). */
function encodeQ8_0(data: Float32Array): Buffer {
  if (data.length % QK8_0 !== 0) {
    throw new Error(`q8_0 needs a multiple of ${QK8_0} values, got ${data.length}`);
  }
  const nBlocks = data.length / QK8_0;
  const buf = Buffer.alloc(nBlocks * (2 + QK8_0));
  for (let b = 0; b < nBlocks; b++) {
    let amax = 0;
    for (let j = 0; j < QK8_0; j++) {
      amax = Math.max(amax, Math.abs(data[b * QK8_0 + j] ?? 0));
    }
    const d = amax / 127;
    const id = d !== 0 ? 1 / d : 0;
    const off = b * (2 + QK8_0);
    buf.writeUInt16LE(f32ToF16(d), off);
    for (let j = 0; j < QK8_0; j++) {
      const v = (data[b * QK8_0 + j] ?? 0) * id;
      // C roundf: halves away from zero
      buf.writeInt8(Math.max(-128, Math.min(127, Math.sign(v) * Math.round(Math.abs(v)))), off + 2 + j);
    }
  }
  return buf;
}

// ---------------------------------------------------------------- mel filters

/** librosa.filters.mel(sr=16000, n_fft=400, n_mels, htk=False, norm='slaney'): what OpenAI ships in mel_filters.npz. */
export function melFilters(nMels: number, sampleRate = 16000, nFft = 400): { nFftBins: number; data: Float32Array } {
  const fSp = 200 / 3;
  const minLogHz = 1000;
  const minLogMel = minLogHz / fSp;
  const logStep = Math.log(6.4) / 27;
  const hzToMel = (f: number): number => (f >= minLogHz ? minLogMel + Math.log(f / minLogHz) / logStep : f / fSp);
  const melToHz = (m: number): number => (m >= minLogMel ? minLogHz * Math.exp(logStep * (m - minLogMel)) : fSp * m);

  const nBins = 1 + Math.floor(nFft / 2);
  const fftFreqs = Array.from({ length: nBins }, (_, i) => (i * sampleRate) / nFft);
  const melMax = hzToMel(sampleRate / 2);
  const melPts = Array.from({ length: nMels + 2 }, (_, i) => melToHz((melMax * i) / (nMels + 1)));

  const data = new Float32Array(nMels * nBins);
  for (let m = 0; m < nMels; m++) {
    const lo = melPts[m] ?? 0;
    const ce = melPts[m + 1] ?? 0;
    const hi = melPts[m + 2] ?? 0;
    const enorm = 2 / (hi - lo);
    for (let k = 0; k < nBins; k++) {
      const f = fftFreqs[k] ?? 0;
      const lower = (f - lo) / (ce - lo);
      const upper = (hi - f) / (hi - ce);
      data[m * nBins + k] = Math.max(0, Math.min(lower, upper)) * enorm;
    }
  }
  return { nFftBins: nBins, data };
}

// ---------------------------------------------------------------- vocabulary

const CONSONANTS = 'bdfghklmnprstvwz';
const VOWELS = 'aeiou';

/** Bijective base-80 numbering into consonant+vowel syllables: every index gives a distinct word. */
function syllables(index: number): string {
  const base = CONSONANTS.length * VOWELS.length;
  let n = index + 1;
  let word = '';
  while (n > 0) {
    n -= 1;
    const s = n % base;
    word = (CONSONANTS[Math.floor(s / VOWELS.length)] ?? '') + (VOWELS[s % VOWELS.length] ?? '') + word;
    n = Math.floor(n / base);
  }
  return word;
}

/**
 * Printable, distinct token strings: ids 0..93 are the printable ASCII characters '!'..'~'
 * (as in GPT-2's byte-level BPE), then the pieces whisper.cpp looks up by text (" " is
 * required: the blank suppression does token_to_id.at(" ") and throws without it), then
 * alternating " word" / "word" pieces. Any ASCII text can be tokenized with this vocabulary.
 */
export function vocabTokens(count: number): string[] {
  const tokens: string[] = [];
  for (let c = 33; c <= 126; c++) {
    tokens.push(String.fromCharCode(c));
  }
  tokens.push(' ', ' -', " '", '\n');
  for (let j = 0; tokens.length < count; j++) {
    tokens.push((j % 2 === 0 ? ' ' : '') + syllables(Math.floor(j / 2)));
  }
  return tokens.slice(0, count);
}

// ---------------------------------------------------------------- writer

class ModelWriter {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  bytes = 0;
  tensors = 0;
  parameters = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(buf: Buffer): void {
    let off = 0;
    while (off < buf.length) {
      off += writeSync(this.fd, buf, off, buf.length - off);
    }
    this.hash.update(buf);
    this.bytes += buf.length;
  }

  i32(...values: number[]): void {
    const buf = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => buf.writeInt32LE(v, i * 4));
    this.write(buf);
  }

  u32(value: number): void {
    const buf = Buffer.alloc(4);
    buf.writeUInt32LE(value >>> 0, 0);
    this.write(buf);
  }

  /** ne is in ggml order: ne[0] is the fastest-varying (innermost) dimension. */
  tensor(name: string, ne: number[], type: number, data: Float32Array): void {
    const count = ne.reduce((a, b) => a * b, 1);
    if (count !== data.length) {
      throw new Error(`tensor ${name}: ${data.length} values for shape [${ne.join(', ')}]`);
    }
    const nameBytes = Buffer.from(name, 'utf8');
    this.i32(ne.length, nameBytes.length, type, ...ne);
    this.write(nameBytes);
    if (type === GGML_TYPE_F32) {
      this.write(encodeF32(data));
    } else if (type === GGML_TYPE_F16) {
      this.write(encodeF16(data));
    } else {
      this.write(encodeQ8_0(data));
    }
    this.tensors += 1;
    this.parameters += count;
  }

  close(): string {
    closeSync(this.fd);
    return this.hash.digest('hex');
  }
}

/** Whisper's encoder positional embedding: sin/cos with timescales up to 10000. */
function sinusoids(length: number, channels: number): Float32Array {
  const half = channels / 2;
  const inc = Math.log(10000) / (half - 1);
  const out = new Float32Array(length * channels);
  for (let t = 0; t < length; t++) {
    for (let c = 0; c < half; c++) {
      const v = t * Math.exp(-inc * c);
      out[t * channels + c] = Math.sin(v);
      out[t * channels + half + c] = Math.cos(v);
    }
  }
  return out;
}

export function generateModel(opts: GenerateOptions): GenerateResult {
  const hp = hparamsFor(opts.dims, opts.ftype, opts.vocab, opts.textCtx);
  const n = hp.n_audio_state;
  if (n % hp.n_audio_head !== 0 || n % hp.n_text_head !== 0) {
    throw new Error('state size must divide by the head count');
  }
  if (opts.ftype === 'q8_0' && n % QK8_0 !== 0) {
    throw new Error(`q8_0 needs a state size that is a multiple of ${QK8_0}`);
  }

  const outPath = resolve(opts.out);
  mkdirSync(dirname(outPath), { recursive: true });
  const tmpPath = `${outPath}.tmp-${process.pid}`;
  const w = new ModelWriter(tmpPath);
  try {
    writeModel(w, hp, opts);
  } catch (err: unknown) {
    w.close();
    rmSync(tmpPath, { force: true });
    throw err;
  }
  const sha256 = w.close();
  renameSync(tmpPath, outPath);
  return { path: outPath, bytes: w.bytes, sha256, tensors: w.tensors, parameters: w.parameters, hparams: hp };
}

function writeModel(w: ModelWriter, hp: HParams, opts: GenerateOptions): void {
  const n = hp.n_audio_state;
  // matrix type: f32 | f16 | q8_0; conv kernels are f16 unless the whole file is f32 (whisper.cpp's "vtype")
  const wtype = opts.ftype === 'f32' ? GGML_TYPE_F32 : opts.ftype === 'f16' ? GGML_TYPE_F16 : GGML_TYPE_Q8_0;
  const vtype = opts.ftype === 'f32' ? GGML_TYPE_F32 : GGML_TYPE_F16;
  const f32 = GGML_TYPE_F32;

  const rng = new Prng(opts.seed);
  const linStd = (fanIn: number): number => 1 / Math.sqrt(fanIn);
  const biasStd = 0.01;

  // header
  w.u32(GGML_FILE_MAGIC);
  w.i32(
    hp.n_vocab, hp.n_audio_ctx, hp.n_audio_state, hp.n_audio_head, hp.n_audio_layer,
    hp.n_text_ctx, hp.n_text_state, hp.n_text_head, hp.n_text_layer, hp.n_mels, hp.ftype,
  );

  // mel filters
  const mel = melFilters(hp.n_mels);
  w.i32(hp.n_mels, mel.nFftBins);
  w.write(encodeF32(mel.data));

  // vocabulary (text tokens only; whisper.cpp names the special and timestamp tokens itself)
  const tokens = vocabTokens(opts.vocab === 'en' ? N_TEXT_TOKENS_EN : N_TEXT_TOKENS_MULTI);
  w.i32(tokens.length);
  for (const t of tokens) {
    const b = Buffer.from(t, 'utf8');
    w.u32(b.length);
    w.write(b);
  }

  // ---- encoder
  w.tensor('encoder.positional_embedding', [n, hp.n_audio_ctx], f32, sinusoids(hp.n_audio_ctx, n));
  w.tensor('encoder.conv1.weight', [3, hp.n_mels, n], vtype, fillUniform(rng, 3 * hp.n_mels * n, linStd(3 * hp.n_mels)));
  w.tensor('encoder.conv1.bias', [1, n], f32, fillUniform(rng, n, biasStd));
  w.tensor('encoder.conv2.weight', [3, n, n], vtype, fillUniform(rng, 3 * n * n, linStd(3 * n)));
  w.tensor('encoder.conv2.bias', [1, n], f32, fillUniform(rng, n, biasStd));

  // Residual-branch output scale. In the decoder it is large so the layers (which see the audio
  // through cross-attention) outweigh the input token's own embedding in the residual stream;
  // with tied input/output embeddings a small scale makes greedy decoding repeat one token forever.
  const outScale = (prefix: string): number => (prefix.startsWith('decoder') ? 4 : 0.5);

  const block = (prefix: string, attn: string): void => {
    w.tensor(`${prefix}.${attn}_ln.weight`, [n], f32, fillConst(n, 1));
    w.tensor(`${prefix}.${attn}_ln.bias`, [n], f32, fillConst(n, 0));
    w.tensor(`${prefix}.${attn}.query.weight`, [n, n], wtype, fillUniform(rng, n * n, linStd(n)));
    w.tensor(`${prefix}.${attn}.query.bias`, [n], f32, fillUniform(rng, n, biasStd));
    w.tensor(`${prefix}.${attn}.key.weight`, [n, n], wtype, fillUniform(rng, n * n, linStd(n)));
    w.tensor(`${prefix}.${attn}.value.weight`, [n, n], wtype, fillUniform(rng, n * n, linStd(n)));
    w.tensor(`${prefix}.${attn}.value.bias`, [n], f32, fillUniform(rng, n, biasStd));
    w.tensor(`${prefix}.${attn}.out.weight`, [n, n], wtype, fillUniform(rng, n * n, linStd(n) * outScale(prefix)));
    w.tensor(`${prefix}.${attn}.out.bias`, [n], f32, fillUniform(rng, n, biasStd));
  };
  const mlp = (prefix: string): void => {
    w.tensor(`${prefix}.mlp_ln.weight`, [n], f32, fillConst(n, 1));
    w.tensor(`${prefix}.mlp_ln.bias`, [n], f32, fillConst(n, 0));
    w.tensor(`${prefix}.mlp.0.weight`, [n, 4 * n], wtype, fillUniform(rng, 4 * n * n, linStd(n)));
    w.tensor(`${prefix}.mlp.0.bias`, [4 * n], f32, fillUniform(rng, 4 * n, biasStd));
    w.tensor(`${prefix}.mlp.2.weight`, [4 * n, n], wtype, fillUniform(rng, 4 * n * n, linStd(4 * n) * outScale(prefix)));
    w.tensor(`${prefix}.mlp.2.bias`, [n], f32, fillUniform(rng, n, biasStd));
  };

  for (let i = 0; i < hp.n_audio_layer; i++) {
    mlp(`encoder.blocks.${i}`);
    block(`encoder.blocks.${i}`, 'attn');
  }
  w.tensor('encoder.ln_post.weight', [n], f32, fillConst(n, 1));
  w.tensor('encoder.ln_post.bias', [n], f32, fillConst(n, 0));

  // ---- decoder
  // Token embeddings double as the output projection (logits = ln(x) . te).
  const te = fillUniform(rng, hp.n_vocab * n, 0.5);
  const pe = fillUniform(rng, hp.n_text_ctx * n, 0.02);
  w.tensor('decoder.positional_embedding', [n, hp.n_text_ctx], f32, pe);
  w.tensor('decoder.token_embedding.weight', [n, hp.n_vocab], wtype, te);
  for (let i = 0; i < hp.n_text_layer; i++) {
    mlp(`decoder.blocks.${i}`);
    block(`decoder.blocks.${i}`, 'attn');
    block(`decoder.blocks.${i}`, 'cross_attn');
  }
  w.tensor('decoder.ln.weight', [n], f32, fillConst(n, 1));
  w.tensor('decoder.ln.bias', [n], f32, fillConst(n, 0));
}

// ---------------------------------------------------------------- CLI

function parseArgs(argv: string[]): GenerateOptions {
  const opts: GenerateOptions = { dims: 'tiny-small', ftype: 'f16', vocab: 'en', seed: 1, textCtx: 448, out: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) {
        throw new Error(`${arg} needs a value`);
      }
      return v;
    };
    switch (arg) {
      case '--dims': {
        const v = value();
        if (v !== 'tiny' && v !== 'base' && v !== 'tiny-small') {
          throw new Error(`--dims must be tiny, base or tiny-small, got ${v}`);
        }
        opts.dims = v;
        break;
      }
      case '--ftype': {
        const v = value();
        if (v !== 'f32' && v !== 'f16' && v !== 'q8_0') {
          throw new Error(`--ftype must be f32, f16 or q8_0, got ${v}`);
        }
        opts.ftype = v;
        break;
      }
      case '--vocab': {
        const v = value();
        if (v !== 'en' && v !== 'multilingual') {
          throw new Error(`--vocab must be en or multilingual, got ${v}`);
        }
        opts.vocab = v;
        break;
      }
      case '--seed': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
          throw new Error('--seed must be an integer in [0, 2^32)');
        }
        opts.seed = v;
        break;
      }
      case '--text-ctx': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 16 || v > 448) {
          throw new Error('--text-ctx must be an integer in [16, 448]');
        }
        opts.textCtx = v;
        break;
      }
      case '--out':
        opts.out = value();
        break;
      case '-h':
      case '--help':
        console.log('usage: npx tsx tools/gen-ggml-model.ts [--dims tiny|base|tiny-small] [--ftype f32|f16|q8_0] [--vocab en|multilingual] [--seed N] [--text-ctx N] --out PATH');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  if (opts.out === '') {
    throw new Error('--out PATH is required');
  }
  return opts;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(resolve(entry)).href) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const started = Date.now();
    const r = generateModel(opts);
    console.log(JSON.stringify({ ...r, options: opts, ms: Date.now() - started }, null, 2));
  } catch (err: unknown) {
    console.error(`gen-ggml-model: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
