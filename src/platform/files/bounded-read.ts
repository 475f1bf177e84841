import fs from 'node:fs';
import { CallVaultError } from '../../shared/callvault-error';

/**
 * Reading a file named by a user (a policy, a details file, a transcript, a WAV) without
 * trusting it: only a regular file, and never more than `maxBytes`.
 *
 * The file is opened non-blocking (so a FIFO with no writer cannot hang the open) and then
 * checked with fstat on the open descriptor, not stat-then-open, so a file swapped in between
 * cannot slip past. Reading stops at `maxBytes + 1` bytes whatever the size fstat reported, so
 * a file that grows while it is read, or a size that lies, still cannot make us buffer more.
 */

export type BoundedReadProblem =
  /** ENOENT or ENOTDIR. */
  | 'missing'
  /** EACCES or EPERM. */
  | 'denied'
  /** A directory, FIFO, socket or device (/dev/zero, /dev/stdin ...). */
  | 'not-a-file'
  /** More than the limit. */
  | 'too-large'
  /** Any other I/O error; `code` says which. */
  | 'io';

/** A file the user named cannot be used as input (BAD_REQUEST); `problem` says why, `errno` the OS code. */
export class BoundedReadError extends CallVaultError {
  constructor(
    readonly problem: BoundedReadProblem,
    readonly file: string,
    message: string,
    readonly errno?: string,
  ) {
    super('BAD_REQUEST', message, { detail: problem });
  }
  override readonly name = 'BoundedReadError';
}

/** "256 KiB", "1 MiB", "2 GiB": the limit as a person reads it. */
export function formatLimit(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) {
      return `${bytes / size} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) {
    return 'a directory';
  }
  if (stat.isFIFO()) {
    return 'a pipe (FIFO)';
  }
  if (stat.isSocket()) {
    return 'a socket';
  }
  if (stat.isCharacterDevice() || stat.isBlockDevice()) {
    return 'a device';
  }
  return 'not a regular file';
}

function openError(file: string, error: unknown): BoundedReadError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new BoundedReadError('missing', file, `${file} does not exist`, code);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new BoundedReadError('denied', file, `${file} cannot be read: permission denied`, code);
  }
  if (code === 'EISDIR') {
    return new BoundedReadError('not-a-file', file, `${file} is a directory, not a file`, code);
  }
  return new BoundedReadError('io', file, `${file} cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`, code);
}

/**
 * Opens `file` for reading and proves it is a regular file of at most `maxBytes` (as fstat
 * says; readers still bound what they read). Returns the open descriptor: the caller closes it.
 */
export function openRegularFile(file: string, maxBytes: number): { fd: number; size: number } {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw openError(file, error);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new BoundedReadError('not-a-file', file, `${file} is ${kindOf(stat)}, not a regular file; give the path of a file`);
    }
    if (stat.size > maxBytes) {
      throw new BoundedReadError('too-large', file, `${file} is ${stat.size} bytes; the limit is ${formatLimit(maxBytes)}`);
    }
    return { fd, size: stat.size };
  } catch (error) {
    fs.closeSync(fd);
    throw error instanceof BoundedReadError ? error : openError(file, error);
  }
}

/** The whole of a regular file of at most `maxBytes`; throws BoundedReadError otherwise. */
export function readBoundedFile(file: string, maxBytes: number): Buffer {
  const { fd } = openRegularFile(file, maxBytes);
  try {
    // One byte over the limit is enough to know the file is too large.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, 64 * 1024));
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, maxBytes + 1 - total), null);
      if (n === 0) {
        break;
      }
      total += n;
      if (total > maxBytes) {
        throw new BoundedReadError('too-large', file, `${file} is larger than the limit of ${formatLimit(maxBytes)}`);
      }
      parts.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(parts, total);
  } catch (error) {
    throw error instanceof BoundedReadError ? error : openError(file, error);
  } finally {
    fs.closeSync(fd);
  }
}

/** Standard input, up to `maxBytes`; anything longer is refused without being kept. */
export async function readBoundedStream(stream: AsyncIterable<unknown>, maxBytes: number, what: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.from(String(chunk));
    total += bytes.length;
    if (total > maxBytes) {
      throw new BoundedReadError('too-large', what, `${what} is larger than the limit of ${formatLimit(maxBytes)}`);
    }
    parts.push(bytes);
  }
  return Buffer.concat(parts, total);
}
