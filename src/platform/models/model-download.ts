/**
 * Fetches one model file into a `.part` file: resumes with an HTTP Range request from whatever
 * the part already holds, hashes the whole file, and leaves the part in place on a network
 * failure so the next attempt continues. It never installs anything: the store renames the part
 * into place only after this returns (size, sha256 and structure all checked).
 *
 * Network rules: the only peer is the manifest's URL (or a mirror the caller names), reached over
 * https; redirects are followed only to https. Plain http is accepted only for a loopback
 * address, which is this machine (tests play the server there).
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspectModelFile } from '../transcription/ggml-model-check';
import { asModelError, ModelError } from './model-error';
import { formatBytes } from './model-resources';
import { CallVaultError } from '../../shared/callvault-error';

export interface DownloadProgress {
  /** Bytes in the part file so far, resumed bytes included. */
  readonly receivedBytes: number;
  readonly totalBytes: number;
  /** Where this attempt resumed (0 for a fresh start). */
  readonly resumedFromBytes: number;
}

export interface DownloadOptions {
  readonly onProgress?: (progress: DownloadProgress) => void;
  readonly signal?: AbortSignal;
  /** Fetch `<baseUrl>/<file>` instead of the manifest URL: a company mirror, or a test server. */
  readonly baseUrl?: string;
  /** Give up on an attempt when nothing arrives for this long. Default 30 s. */
  readonly idleTimeoutMs?: number;
  /** Further attempts (each resuming) after a dropped or stalled connection. Default 3. */
  readonly retries?: number;
  /** Pause before the n-th retry: n × this. Default 2 s. */
  readonly retryDelayMs?: number;
  /** The structure check of the finished file; default the ggml walk (whisper). Summary models check GGUF. */
  readonly inspect?: (file: string) => Promise<unknown>;
}

export interface DownloadTarget {
  readonly name: string;
  readonly file: string;
  readonly url: string;
  readonly bytes: number;
  readonly sha256: string;
}

const MAX_REDIRECTS = 5;

/** A failure worth another attempt from where the part file ends; it never leaves this module. */
class Retryable extends CallVaultError {
  constructor(reason: string, options?: { readonly cause?: unknown }) {
    super('MODEL_UNAVAILABLE', reason, { ...options, detail: 'download-failed' });
  }
}

function isLoopback(hostname: string): boolean {
  return /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

function checkUrl(url: URL, name: string): void {
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) {
    return;
  }
  throw new ModelError('download-failed', `Refusing to download the model ${name} from ${url.origin}: models are fetched over https only. Check the mirror address.`);
}

export function sourceUrl(target: DownloadTarget, baseUrl: string | undefined): URL {
  let url: URL;
  try {
    url = baseUrl === undefined ? new URL(target.url) : new URL(target.file, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch (error) {
    throw new ModelError('download-failed', `The download address for ${target.name} is not a valid URL (${baseUrl ?? target.url}).`, { cause: error });
  }
  checkUrl(url, target.name);
  return url;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return 0;
    }
    throw error;
  }
}

async function hashOf(file: string, signal: AbortSignal | undefined): Promise<Hash> {
  const hash = createHash('sha256');
  if ((await sizeOf(file)) > 0) {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, ...(signal && { signal }) })) {
      hash.update(chunk as Buffer);
    }
  }
  return hash;
}

interface Exchange {
  readonly request: ClientRequest;
  readonly response: IncomingMessage;
  readonly stalled: () => boolean;
}

function send(url: URL, offset: number, options: DownloadOptions): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    let stalled = false;
    const headers: Record<string, string> = { 'user-agent': 'CallVault model download', 'accept-encoding': 'identity' };
    if (offset > 0) {
      headers.range = `bytes=${offset}-`;
    }
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, { method: 'GET', headers, ...(options.signal && { signal: options.signal }) }, (response) => {
      resolve({ request, response, stalled: () => stalled });
    });
    request.setTimeout(options.idleTimeoutMs ?? 30_000, () => {
      stalled = true;
      request.destroy(new Retryable('the connection stalled'));
    });
    // Stays attached for the whole exchange: a late socket error must not become an unhandled event.
    request.on('error', reject);
    request.end();
  });
}

/** Follows redirects (https only) to the response that carries the file. */
async function exchange(start: URL, offset: number, target: DownloadTarget, options: DownloadOptions): Promise<Exchange> {
  let url = start;
  for (let hop = 0; ; hop += 1) {
    const ex = await send(url, offset, options);
    const { statusCode = 0, headers } = ex.response;
    if (statusCode < 300 || statusCode >= 400 || statusCode === 304) {
      return ex;
    }
    discard(ex.response);
    ex.request.destroy();
    if (headers.location === undefined || hop >= MAX_REDIRECTS) {
      throw new ModelError('download-failed', `The server for ${target.name} redirected ${hop >= MAX_REDIRECTS ? 'too many times' : 'without saying where'} (HTTP ${statusCode}). Try again later.`);
    }
    url = new URL(headers.location, url);
    checkUrl(url, target.name);
  }
}

/** Drops a response we will not read; a late socket error on it must not go unhandled. */
function discard(response: IncomingMessage): void {
  response.on('error', () => undefined);
  response.resume();
}

function parseContentRange(value: string | undefined): { start: number; total: number | undefined } | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(value ?? '');
  if (!match) {
    return undefined;
  }
  return { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) };
}

function wrongFile(target: DownloadTarget, detail: string): ModelError {
  return new ModelError('download-failed', `The server did not send the published model ${target.name}: ${detail}. Nothing was installed; check the mirror or try again later.`);
}

/** A local write error is not a network problem: say what it is, and keep the part. */
function writeFailure(error: unknown, part: string, target: DownloadTarget): ModelError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new ModelError('no-space', `The disk filled up while downloading the model ${target.name}. Free some space and run the download again; it resumes from ${part}.`, { cause: error });
  }
  return new ModelError('download-failed', `Could not write ${part} while downloading the model ${target.name} (${code ?? String(error)}). Check the permissions of the models folder.`, { cause: error });
}

/** One attempt: continues the part file from its current end. */
async function attempt(url: URL, part: string, target: DownloadTarget, options: DownloadOptions): Promise<Hash> {
  let offset = await sizeOf(part);
  if (offset > target.bytes) {
    await rm(part, { force: true });
    offset = 0;
  }
  const hash = await hashOf(part, options.signal);
  if (offset === target.bytes) {
    return hash;
  }
  const { response, stalled } = await exchange(url, offset, target, options);
  const status = response.statusCode ?? 0;
  let append = offset > 0;
  let received = offset;
  if (status === 206) {
    const range = parseContentRange(response.headers['content-range']);
    if (range?.start !== offset || (range.total !== undefined && range.total !== target.bytes)) {
      discard(response);
      await rm(part, { force: true });
      throw wrongFile(target, `it answered the resume request with ${response.headers['content-range'] ?? 'no Content-Range'}`);
    }
  } else if (status === 200) {
    // The server ignored the Range header: start over rather than append a second copy.
    append = false;
    received = 0;
    const length = Number(response.headers['content-length'] ?? target.bytes);
    if (length !== target.bytes) {
      discard(response);
      throw wrongFile(target, `it offers ${length} bytes instead of ${target.bytes}`);
    }
  } else if (status === 416 && offset > 0) {
    discard(response);
    await rm(part, { force: true });
    throw new Retryable('the server cannot resume this partial download');
  } else {
    discard(response);
    if (status >= 500 || status === 429) {
      throw new Retryable(`the server answered HTTP ${status}`);
    }
    throw new ModelError('download-failed', `Downloading the model ${target.name} failed: the server answered HTTP ${status}. Check the mirror address, or that this model is still published.`);
  }
  const fileHash = append ? hash : createHash('sha256');
  const handle = await open(part, append ? 'a' : 'w', 0o600);
  try {
    const resumedFromBytes = received;
    try {
      for await (const chunk of response) {
        const bytes = chunk as Buffer;
        received += bytes.length;
        if (received > target.bytes) {
          await handle.close().catch(() => undefined);
          await rm(part, { force: true });
          throw wrongFile(target, `it sent more than the ${target.bytes} bytes of the published file`);
        }
        fileHash.update(bytes);
        await handle.write(bytes).catch((error: unknown) => {
          throw writeFailure(error, part, target);
        });
        options.onProgress?.({ receivedBytes: received, totalBytes: target.bytes, resumedFromBytes });
      }
    } catch (error) {
      if (error instanceof ModelError || options.signal?.aborted === true) {
        throw error;
      }
      const idle = options.idleTimeoutMs ?? 30_000;
      const why = stalled() ? `nothing arrived for ${idle >= 1000 ? `${Math.round(idle / 1000)} s` : `${idle} ms`}` : 'the connection was lost';
      throw new Retryable(why, { cause: error });
    }
    await handle.sync();
  } finally {
    await handle.close().catch(() => undefined);
  }
  if (received < target.bytes) {
    throw new Retryable('the connection ended early');
  }
  return fileHash;
}

/**
 * Downloads `target` into `part` (resuming it), then checks size, sha256 and the ggml structure.
 * On a network failure the part is kept for the next call; on a wrong file it is removed.
 */
export async function downloadToPart(target: DownloadTarget, part: string, options: DownloadOptions = {}): Promise<void> {
  const url = sourceUrl(target, options.baseUrl);
  const retries = options.retries ?? 3;
  let hash: Hash | undefined;
  for (let n = 0; hash === undefined; n += 1) {
    try {
      hash = await attempt(url, part, target, options);
    } catch (error) {
      if (options.signal?.aborted === true) {
        throw new ModelError('aborted', `The download of ${target.name} was cancelled. The ${formatBytes(await sizeOf(part))} downloaded so far are kept; run the download again to resume.`, { cause: error });
      }
      if (error instanceof ModelError) {
        throw error;
      }
      if (n >= retries) {
        const have = await sizeOf(part);
        const reason = error instanceof Retryable ? error.message : error instanceof Error ? error.message : String(error);
        throw new ModelError(
          'download-failed',
          `Downloading the model ${target.name} failed (${reason}) after ${formatBytes(have)} of ${formatBytes(target.bytes)}. ${have > 0 ? 'The part downloaded so far is kept; run the download again to resume.' : 'Check the network connection and try again.'}`,
          { cause: error },
        );
      }
      // An abort during the pause ends the wait; the next attempt then reports the cancellation.
      await sleep((n + 1) * (options.retryDelayMs ?? 2000), undefined, options.signal && { signal: options.signal }).catch(() => undefined);
    }
  }
  if (hash.digest('hex') !== target.sha256) {
    await rm(part, { force: true });
    throw new ModelError('checksum-mismatch', `The downloaded file for ${target.name} does not match its published checksum (sha256): it was damaged on the way or the server sent a different file. Nothing was installed; run the download again.`);
  }
  try {
    await asModelError(target.name, () => (options.inspect ?? inspectModelFile)(part));
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
}
