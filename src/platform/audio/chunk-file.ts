import fs from 'node:fs';
import type { Crypto, SymmetricKey } from '../../core/ports/crypto';
import { CallVaultError } from '../../shared/callvault-error';

/**
 * Append-only file of independently sealed chunks.
 *
 *   file   := "CVAF" u8 version u8[3] reserved, recordingId (16 bytes)
 *   record := "CVCK" u32le index u32le length u32le check(index, length), sealed envelope

 *
 * Each chunk's authenticated data binds the recording id, the chunk index and whether it is the
 * final chunk, so a chunk that was altered, moved, or spliced in from another recording fails to
 * open, and the others still do. The plaintext index and length only frame the records (the
 * check word tells a damaged length from a file cut short by a crash); the index is trusted
 * only once the envelope authenticates it.
 */
const FILE_MAGIC = Buffer.from('CVAF');
const RECORD_MAGIC = Buffer.from('CVCK');
const FORMAT_VERSION = 1;
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;
/** Far above a second of audio; a length beyond it is damage, not data. */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

export type ChunkStatus = 'ok' | 'corrupt' | 'truncated' | 'out-of-order';

export interface ChunkReport {
  /** Position of the record in the file (0-based). */
  readonly position: number;
  /** The index the record claims; authenticated when status is 'ok' or 'out-of-order'. */
  readonly index: number | undefined;
  readonly status: ChunkStatus;
  readonly final: boolean;
  readonly data: Uint8Array | undefined;
  readonly byteOffset: number;
}

export interface ChunkFileReport {
  /** Set when the file header is damaged; the chunks are still read and checked one by one. */
  readonly headerProblem: string | undefined;
  readonly chunks: readonly ChunkReport[];
  /** True when the last authentic chunk carries the final flag: the recording was closed cleanly. */
  readonly complete: boolean;
  readonly ok: boolean;
}

export class ChunkFileError extends CallVaultError {
  override readonly name = 'ChunkFileError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('INTEGRITY', message, options);
  }
}

export function recordingIdBytes(recordingId: string): Uint8Array {
  const hex = recordingId.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) {
    throw new ChunkFileError(`Recording id "${recordingId}" is not a UUID.`);
  }
  return Buffer.from(hex, 'hex');
}

function chunkAd(recordingId: Uint8Array, index: number, final: boolean): Uint8Array {
  const ad = Buffer.alloc(11 + 16 + 5);
  ad.write('cv-chunk-v1', 0, 'ascii');
  ad.set(recordingId, 11);
  ad.writeUInt32LE(index, 27);
  ad[31] = final ? 1 : 0;
  return ad;
}

/**
 * Writes chunks; each `append` returns only after the chunk is on stable storage (fdatasync),
 * so a crash or power cut loses at most the chunk being written.
 */
export class ChunkWriter {
  private nextIndex = 0;
  private closed = false;

  private constructor(
    private readonly fd: number,
    private readonly crypto: Crypto,
    private readonly key: SymmetricKey,
    private readonly recordingId: Uint8Array,
    private readonly durable: boolean,
    private readonly onFinished: ((chunkCount: number) => void) | undefined,
  ) {}

  /**
   * Creates a new chunk file; refuses to overwrite an existing one. `onFinished` hears the
   * number of chunks once the final one is on stable storage, so the vault can note how the
   * file must end.
   */
  static create(file: string, recordingId: string, crypto: Crypto, key: SymmetricKey, options: { durable?: boolean; onFinished?: (chunkCount: number) => void } = {}): ChunkWriter {
    const id = recordingIdBytes(recordingId);
    const fd = fs.openSync(file, 'wx', 0o600);
    const header = Buffer.alloc(FILE_HEADER_BYTES);
    FILE_MAGIC.copy(header, 0);
    header[4] = FORMAT_VERSION;
    header.set(id, 8);
    fs.writeSync(fd, header);
    const writer = new ChunkWriter(fd, crypto, key, id, options.durable ?? true, options.onFinished);
    writer.sync();
    return writer;
  }

  get chunksWritten(): number {
    return this.nextIndex;
  }

  append(data: Uint8Array): void {
    this.write(data, false);
  }

  /** Seals the last chunk with the final flag and closes the file. */
  finish(data: Uint8Array = new Uint8Array(0)): void {
    this.write(data, true);
    this.close();
    this.onFinished?.(this.nextIndex);
  }

  /** Closes without a final chunk: the file reads back as an incomplete recording. */
  close(): void {
    if (!this.closed) {
      this.closed = true;
      fs.closeSync(this.fd);
    }
  }

  private write(data: Uint8Array, final: boolean): void {
    if (this.closed) {
      throw new ChunkFileError('This recording file is already closed.');
    }
    if (data.length > MAX_CHUNK_BYTES) {
      throw new ChunkFileError(`A chunk may hold at most ${MAX_CHUNK_BYTES} bytes.`);
    }
    const index = this.nextIndex;
    const sealed = this.crypto.seal(this.key, data, chunkAd(this.recordingId, index, final));
    const record = Buffer.alloc(RECORD_HEADER_BYTES + sealed.length);
    RECORD_MAGIC.copy(record, 0);
    record.writeUInt32LE(index, 4);
    record.writeUInt32LE(sealed.length, 8);
    record.writeUInt32LE(headerCheck(index, sealed.length), 12);
    record.set(sealed, RECORD_HEADER_BYTES);
    fs.writeSync(this.fd, record);
    this.sync();
    this.nextIndex = index + 1;
  }

  private sync(): void {
    if (this.durable) {
      fs.fdatasyncSync(this.fd);
    }
  }
}

/** Reads every chunk it can, naming each damaged one instead of giving up on the file. */
export function readChunkFile(file: string, recordingId: string, crypto: Crypto, key: SymmetricKey): ChunkFileReport {
  const id = recordingIdBytes(recordingId);
  const bytes = fs.readFileSync(file);
  const headerProblem = checkFileHeader(bytes, id);

  const chunks: ChunkReport[] = [];
  const push = (report: Omit<ChunkReport, 'position'>) => chunks.push({ position: chunks.length, ...report });
  let offset = FILE_HEADER_BYTES;

  while (offset < bytes.length) {
    const record = parseRecordHeader(bytes, offset);
    if (record.kind === 'truncated') {
      push({ index: record.index, status: 'truncated', final: false, data: undefined, byteOffset: offset });
      break;
    }
    if (record.kind === 'damaged') {
      push({ index: record.index, status: 'corrupt', final: false, data: undefined, byteOffset: offset });
      if (record.resumeAt < 0) {
        break;
      }
      offset = record.resumeAt;
      continue;
    }
    const opened = tryOpen(crypto, key, bytes.subarray(offset + RECORD_HEADER_BYTES, record.end), id, record.index);
    if (opened === undefined) {
      push({ index: record.index, status: 'corrupt', final: false, data: undefined, byteOffset: offset });
    } else {
      // Records are written in index order, so a chunk's index must equal its position.
      const status: ChunkStatus = record.index === chunks.length ? 'ok' : 'out-of-order';
      push({ index: record.index, status, final: opened.final, data: opened.data, byteOffset: offset });
    }
    offset = record.end;
  }

  const last = chunks.at(-1);
  const complete = last !== undefined && last.status === 'ok' && last.final;
  return { headerProblem, chunks, complete, ok: headerProblem === undefined && complete && chunks.every((c) => c.status === 'ok') };
}

function checkFileHeader(bytes: Buffer, id: Uint8Array): string | undefined {
  if (bytes.length < FILE_HEADER_BYTES || !bytes.subarray(0, 4).equals(FILE_MAGIC)) {
    return 'the file header is damaged or this is not a CallVault recording file';
  }
  if (bytes[4] !== FORMAT_VERSION || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    return `the file header names format ${String(bytes[4])}, which this version cannot verify`;
  }
  if (!bytes.subarray(8, FILE_HEADER_BYTES).equals(Buffer.from(id))) {
    return 'the file header names a different recording';
  }
  return undefined;
}

type RecordHeader =
  | { readonly kind: 'whole'; readonly index: number; readonly end: number }
  | { readonly kind: 'truncated'; readonly index: number | undefined }
  | { readonly kind: 'damaged'; readonly index: number | undefined; readonly resumeAt: number };

/**
 * A record's framing is trusted when its marker and check word are intact. One that runs past
 * the end with no marker after it was cut short by a crash; anything else is damage, and
 * reading resumes at the next record marker.
 */
function parseRecordHeader(bytes: Buffer, offset: number): RecordHeader {
  const resumeAt = offset + 1 >= bytes.length ? -1 : bytes.indexOf(RECORD_MAGIC, offset + 1);
  const magicOk = bytes.subarray(offset, offset + 4).equals(RECORD_MAGIC.subarray(0, Math.min(4, bytes.length - offset)));
  if (offset + RECORD_HEADER_BYTES > bytes.length) {
    return magicOk && resumeAt < 0 ? { kind: 'truncated', index: undefined } : { kind: 'damaged', index: undefined, resumeAt };
  }
  const index = bytes.readUInt32LE(offset + 4);
  const length = bytes.readUInt32LE(offset + 8);
  if (!magicOk || bytes.readUInt32LE(offset + 12) !== headerCheck(index, length)) {
    return { kind: 'damaged', index: undefined, resumeAt };
  }
  const end = offset + RECORD_HEADER_BYTES + length;
  if (length > MAX_CHUNK_BYTES + 64) {
    return { kind: 'damaged', index, resumeAt };
  }
  if (end > bytes.length) {
    return resumeAt < 0 ? { kind: 'truncated', index } : { kind: 'damaged', index, resumeAt };
  }
  return { kind: 'whole', index, end };
}

/** FNV-1a over the record header, so a damaged length is told apart from a file cut short. */
function headerCheck(index: number, length: number): number {
  let h = 0x811c9dc5;
  for (const value of [index, length]) {
    for (let shift = 0; shift < 32; shift += 8) {
      h ^= (value >>> shift) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h;
}

function tryOpen(crypto: Crypto, key: SymmetricKey, sealed: Uint8Array, id: Uint8Array, index: number) {
  for (const final of [false, true]) {
    try {
      return { data: crypto.open(key, sealed, chunkAd(id, index, final)), final };
    } catch {
      // Try the other flag; both failing means the chunk is not authentic here.
    }
  }
  return undefined;
}


/**
 * The authentic chunks of a recording file, one at a time, in order, without reading the whole
 * file: a three-hour call is streamed, not loaded. Damaged, truncated and out-of-order records are
 * skipped (readChunkFile is the one that names them); reading resumes at the next record marker.
 */
export function* streamChunkFile(file: string, recordingId: string, crypto: Crypto, key: SymmetricKey): Generator<{ index: number; data: Uint8Array }> {
  const id = recordingIdBytes(recordingId);
  const fd = fs.openSync(file, 'r');
  try {
    let expected = 0;
    for (const { index, offset, length } of framedRecords(fd)) {
      const body = Buffer.alloc(length);
      fs.readSync(fd, body, 0, length, offset + RECORD_HEADER_BYTES);
      const opened = tryOpen(crypto, key, body, id, index);
      if (opened !== undefined && index >= expected) {
        expected = index + 1;
        yield { index, data: opened.data };
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The well-framed records of an open chunk file, in file order, from their 16-byte headers alone
 * (nothing is decrypted). A damaged framing is skipped to the next record marker.
 */
function* framedRecords(fd: number): Generator<ChunkRecordPosition> {
  const size = fs.fstatSync(fd).size;
  const header = Buffer.alloc(RECORD_HEADER_BYTES);
  let offset = FILE_HEADER_BYTES;
  while (offset + RECORD_HEADER_BYTES <= size) {
    fs.readSync(fd, header, 0, RECORD_HEADER_BYTES, offset);
    const index = header.readUInt32LE(4);
    const length = header.readUInt32LE(8);
    const framed =
      header.subarray(0, 4).equals(RECORD_MAGIC) &&
      header.readUInt32LE(12) === headerCheck(index, length) &&
      length <= MAX_CHUNK_BYTES + 64 &&
      offset + RECORD_HEADER_BYTES + length <= size;
    if (!framed) {
      offset = nextRecordMarker(fd, offset + 1, size);
      if (offset < 0) {
        return;
      }
      continue;
    }
    yield { index, offset, length };
    offset += RECORD_HEADER_BYTES + length;
  }
}

function nextRecordMarker(fd: number, from: number, size: number): number {
  const block = Buffer.alloc(1024 * 1024);
  for (let at = from; at < size; at += block.length - RECORD_MAGIC.length) {
    const read = fs.readSync(fd, block, 0, block.length, at);
    const hit = block.subarray(0, read).indexOf(RECORD_MAGIC);
    if (hit >= 0) {
      return at + hit;
    }
    if (read < block.length) {
      break;
    }
  }
  return -1;
}

/** Where one well-framed record sits in a chunk file (its framing only; nothing is decrypted). */
export interface ChunkRecordPosition {
  /** The index the record's framing claims; trusted only once its envelope opens. */
  readonly index: number;
  readonly offset: number;
  readonly length: number;
}

/**
 * The positions of a chunk file's well-framed records, read from their 16-byte headers alone (no
 * decryption), so playback can start reading at any chunk instead of decrypting everything before
 * it. A damaged framing is skipped to the next record marker, as `streamChunkFile` does. The
 * positions reveal nothing the file's own framing does not.
 */
export function indexChunkFile(file: string): ChunkRecordPosition[] {
  const fd = fs.openSync(file, 'r');
  try {
    return [...framedRecords(fd)];
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens single records of a chunk file at positions from `indexChunkFile`, in any order, for
 * playback from any point of a long call. A record that does not authenticate here (altered,
 * moved, spliced in from another recording) opens as undefined, as `streamChunkFile` skips it.
 * The caller closes it and owns (and wipes) the key.
 */
export class ChunkFileReader {
  private readonly fd: number;
  private readonly id: Uint8Array;

  constructor(
    file: string,
    recordingId: string,
    private readonly crypto: Crypto,
    private readonly key: SymmetricKey,
  ) {
    this.id = recordingIdBytes(recordingId);
    this.fd = fs.openSync(file, 'r');
  }

  open(position: ChunkRecordPosition): Uint8Array | undefined {
    const body = Buffer.alloc(position.length);
    const read = fs.readSync(this.fd, body, 0, position.length, position.offset + RECORD_HEADER_BYTES);
    if (read !== position.length) {
      return undefined;
    }
    return tryOpen(this.crypto, this.key, body, this.id, position.index)?.data;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}
