import type { RawData, WebSocket } from 'ws';
import type { AppEventSource } from '../app/app-events';
import type { Dispatcher } from '../app/dispatch';
import type { Logger } from '../app/logger';
import type { AppError, Result } from '../shared/contract';

/** Audio arrives in frames of about a second; anything far larger is refused (ws closes with 1009). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** The page keeps a handful of calls open; a socket with more is flooding, and its extra calls are refused. */
export const MAX_IN_FLIGHT = 64;
const MAX_HEADER_BYTES = 4096;

interface Request {
  readonly id: number | null;
  readonly method: unknown;
  readonly input: unknown;
}

type Parsed = { ok: true; request: Request } | { ok: false; id: number | null; message: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(message: Record<string, unknown>): number | null {
  return typeof message.id === 'number' && Number.isSafeInteger(message.id) ? message.id : null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** A text frame is one JSON object `{id, method, input}` (ws has already checked it is UTF-8). */
export function parseTextFrame(bytes: Buffer): Parsed {
  const json = parseJson(bytes.toString('utf8'));
  if (!json.ok) {
    return { ok: false, id: null, message: 'Messages must be JSON.' };
  }
  if (!isRecord(json.value)) {
    return { ok: false, id: null, message: 'A message must be a JSON object {id, method, input}.' };
  }
  return { ok: true, request: { id: idOf(json.value), method: json.value.method, input: json.value.input } };
}

/**
 * Binary frame: u32le header length, a JSON header `{id, method, input}`, then the raw payload,
 * which becomes `input.pcm`. It goes through the same dispatcher and contract validation as a
 * text frame; only the transport differs, so audio is never turned into JSON.
 */
export function parseBinaryFrame(bytes: Buffer): Parsed {
  if (bytes.length < 4) {
    return { ok: false, id: null, message: 'A binary frame starts with its header length.' };
  }
  const headerLength = bytes.readUInt32LE(0);
  if (headerLength > MAX_HEADER_BYTES || 4 + headerLength > bytes.length) {
    return { ok: false, id: null, message: 'The binary frame header is malformed.' };
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes.subarray(4, 4 + headerLength));
  } catch {
    return { ok: false, id: null, message: 'The binary frame header is not UTF-8.' };
  }
  const json = parseJson(text);
  if (!json.ok) {
    return { ok: false, id: null, message: 'The binary frame header is not JSON.' };
  }
  const header = json.value;
  if (!isRecord(header)) {
    return { ok: false, id: null, message: 'The binary frame header must be a JSON object {id, method, input}.' };
  }
  const id = idOf(header);
  const input = header.input ?? {};
  if (!isRecord(input)) {
    return { ok: false, id, message: 'The binary frame header\'s input must be an object.' };
  }
  const pcm = new Uint8Array(bytes.subarray(4 + headerLength));
  return { ok: true, request: { id, method: header.method, input: { ...input, pcm } } };
}

function toBuffer(data: RawData): Buffer {
  return Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function badRequest(message: string): Result<never> {
  return { ok: false, error: { code: 'BAD_REQUEST', message } };
}

const TOO_MANY: Result<never> = badRequest(
  `Too many calls at once on this connection (more than ${String(MAX_IN_FLIGHT)} unanswered); this one was not run. Wait for answers before sending more.`,
);

const INTERNAL: AppError = {
  code: 'INTERNAL',
  message: 'Something went wrong inside CallVault while handling this call. Nothing was changed; try again.',
};

/** The one top-level field of a successful value that holds bytes, if any (e.g. `pcm`). */
function bytesField(result: Result<unknown>): { key: string; bytes: Uint8Array; rest: Record<string, unknown> } | undefined {
  if (!result.ok || !isRecord(result.value)) {
    return undefined;
  }
  const entries = Object.entries(result.value);
  const found = entries.find(([, value]) => value instanceof Uint8Array);
  if (found === undefined || !(found[1] instanceof Uint8Array)) {
    return undefined;
  }
  const [key, bytes] = found;
  return { key, bytes, rest: Object.fromEntries(entries.filter(([k]) => k !== key)) };
}

/**
 * A reply whose value carries bytes goes as one binary frame, like audio coming in: u32le header
 * length, the JSON header `{id, result, bytes}` with the bytes left out of `result.value` and
 * `bytes` naming the field they belong to, then the raw bytes. Everything else is a text frame.
 */
export function encodeReply(id: number | null, result: Result<unknown>): string | Buffer {
  const binary = bytesField(result);
  if (binary === undefined) {
    return JSON.stringify({ id, result });
  }
  const header = Buffer.from(JSON.stringify({ id, result: { ok: true, value: binary.rest }, bytes: binary.key }));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return Buffer.concat([length, header, Buffer.from(binary.bytes.buffer, binary.bytes.byteOffset, binary.bytes.byteLength)]);
}

/** Sends a reply if the socket is still open; a page that went away simply gets none. */
function reply(ws: WebSocket, id: number | null, result: Result<unknown>, logger: Logger): void {
  if (ws.readyState !== ws.OPEN) {
    return;
  }
  let frame: string | Buffer;
  try {
    frame = encodeReply(id, result);
  } catch (error) {
    logger.error('could not encode a reply', error);
    frame = JSON.stringify({ id, result: { ok: false, error: INTERNAL } });
  }
  ws.send(frame, { binary: typeof frame !== 'string' }, (error) => {
    if (error) {
      logger.warn(`could not send a reply: ${error.message}`);
    }
  });
}

/**
 * Pushes every app event to this socket as a text frame `{event, payload}` (a reply always has
 * `id` and `result`, an event never does) until the socket closes. Only `serveSocket` calls it,
 * and only the host's upgrade handler calls that, after the socket presented a good credential.
 */
function pushEvents(ws: WebSocket, events: AppEventSource, logger: Logger): void {
  const stop = events.subscribe(({ name, payload }) => {
    if (ws.readyState !== ws.OPEN) {
      return;
    }
    ws.send(JSON.stringify({ event: name, payload }), (error) => {
      if (error) {
        logger.warn(`could not send an event: ${error.message}`);
      }
    });
  });
  ws.once('close', stop);
}

/** The dispatcher returns a Result for every outcome; should it ever throw, that is an error reply too. */
async function run(dispatch: Dispatcher, request: Request, logger: Logger): Promise<Result<unknown>> {
  try {
    return await dispatch(request.method, request.input);
  } catch (error) {
    logger.error('a call failed outside its handler', error);
    return { ok: false, error: INTERNAL };
  }
}

/**
 * Carries contract calls, and the app's events, on one authenticated socket. Every frame gets
 * exactly one reply, or the socket is closed with a close code (ws does that for oversize frames,
 * 1009, and text that is not UTF-8, 1007); nothing a client sends can end the process.
 */
export function serveSocket(ws: WebSocket, dispatch: Dispatcher, logger: Logger, events?: AppEventSource): void {
  let inFlight = 0;
  if (events !== undefined) {
    pushEvents(ws, events, logger);
  }
  ws.on('error', (error) => {
    logger.warn(`closed a WebSocket after a protocol error: ${error.message}`);
  });
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const parsed = isBinary ? parseBinaryFrame(toBuffer(data)) : parseTextFrame(toBuffer(data));
    if (!parsed.ok) {
      reply(ws, parsed.id, badRequest(parsed.message), logger);
      return;
    }
    const { request } = parsed;
    if (inFlight >= MAX_IN_FLIGHT) {
      reply(ws, request.id, TOO_MANY, logger);
      return;
    }
    inFlight += 1;
    void run(dispatch, request, logger)
      .then((result) => {
        inFlight -= 1;
        reply(ws, request.id, result, logger);
      })
      .catch((error: unknown) => { logger.error('could not answer a call', error); });
  });
}
