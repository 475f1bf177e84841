// One WebSocket to the browser host carrying contract calls as JSON text frames:
//   request  {"id": number, "method": string, "input": unknown}
//   reply    {"id": number, "result": Result}
// An input carrying audio (a `pcm` Uint8Array) goes as one binary frame instead, so audio is never
// turned into JSON: u32le header length, the JSON header {"id", "method", "input" without pcm},
// then the raw bytes. A reply whose value carries bytes comes back the same way: u32le header
// length, the JSON header {"id", "result" without the bytes, "bytes": the field they go in}, then
// the bytes; every other reply is text. Every call settles exactly once: with the host's reply, or
// with an INTERNAL error when the socket closes first. When the page presented the launch token,
// the host's first frame is {"session": string}, the credential for reconnecting. The app's events
// arrive as text frames {"event": string, "payload": unknown}, never carrying an id.
import {
  contract,
  isEventName,
  type EventName,
  resultSchema,
  type AppError,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
} from '../../shared/contract';

const PROTOCOL = 'callvault.v1';

const CLOSED: AppError = {
  code: 'INTERNAL',
  message: 'The connection to CallVault closed. Reload the page to reconnect.',
};

const REFUSED: AppError = {
  code: 'INTERNAL',
  message:
    'CallVault refused this page’s access token. The link printed by npm start opens CallVault once, in one tab: go back to that tab, or press Enter in the terminal where CallVault runs for a new link.',
};

export interface ConnectionHooks {
  /** Runs when the socket closes before it ever opened (a bad, spent or stale token). */
  readonly onRefused: () => void;
  /** Runs with the session token the host sends in exchange for the launch token. */
  readonly onSession: (session: string) => void;
}

type Pending = {
  deliver: (raw: unknown) => void;
  fail: (error: AppError) => void;
};

function readReply(data: string): { id: number; result: unknown } | null {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null || !('id' in frame) || !('result' in frame)) {
    return null;
  }
  return typeof frame.id === 'number' ? { id: frame.id, result: frame.result } : null;
}

function readEvent(data: string): { event: EventName; payload: unknown } | null {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof frame !== 'object' || frame === null || 'id' in frame || !('event' in frame) || !('payload' in frame)) {
    return null;
  }
  return isEventName(frame.event) ? { event: frame.event, payload: frame.payload } : null;
}

/** A binary reply: the header's result with the bytes put back in the field the header names. */
function readBinaryReply(data: ArrayBuffer): { id: number; result: unknown } | null {
  if (data.byteLength < 4) {
    return null;
  }
  const headerLength = new DataView(data).getUint32(0, true);
  if (4 + headerLength > data.byteLength) {
    return null;
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(data, 4, headerLength)));
  } catch {
    return null;
  }
  if (typeof header !== 'object' || header === null || !('id' in header) || typeof header.id !== 'number' || !('bytes' in header) || typeof header.bytes !== 'string' || !('result' in header)) {
    return null;
  }
  const { result } = header;
  if (typeof result !== 'object' || result === null || !('value' in result) || typeof result.value !== 'object' || result.value === null) {
    return null;
  }
  const bytes = new Uint8Array(data.slice(4 + headerLength));
  return { id: header.id, result: { ...result, value: { ...result.value, [header.bytes]: bytes } } };
}

function readSession(data: string): string | null {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  return typeof frame === 'object' && frame !== null && 'session' in frame && typeof frame.session === 'string' ? frame.session : null;
}

function encodeFrame(id: number, method: string, input: unknown): string | ArrayBuffer {
  if (typeof input !== 'object' || input === null || !('pcm' in input) || !(input.pcm instanceof Uint8Array)) {
    return JSON.stringify({ id, method, input });
  }
  const { pcm, ...rest } = input as { pcm: Uint8Array } & Record<string, unknown>;
  const header = new TextEncoder().encode(JSON.stringify({ id, method, input: rest }));
  const frame = new Uint8Array(4 + header.length + pcm.length);
  new DataView(frame.buffer).setUint32(0, header.length, true);
  frame.set(header, 4);
  frame.set(pcm, 4 + header.length);
  return frame.buffer;
}

export class RpcConnection {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, Pending>();
  readonly #waitingForOpen: (string | ArrayBuffer)[] = [];
  readonly #hooks: ConnectionHooks;
  readonly #eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  #nextId = 1;
  #opened = false;
  #heardFromHost = false;
  #closedWith: AppError | null = null;

  constructor(url: string, token: string, hooks: ConnectionHooks) {
    this.#hooks = hooks;
    this.#socket = new WebSocket(url, [PROTOCOL, `token.${token}`]);
    this.#socket.binaryType = 'arraybuffer';
    this.#socket.addEventListener('open', () => {
      this.#opened = true;
      for (const frame of this.#waitingForOpen.splice(0)) {
        this.#socket.send(frame);
      }
    });
    this.#socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'string') {
        this.#receive(event.data);
      } else if (event.data instanceof ArrayBuffer) {
        this.#settle(readBinaryReply(event.data));
      }
    });
    this.#socket.addEventListener('close', () => {
      this.#close(this.#opened ? CLOSED : REFUSED);
    });
  }

  request<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    const schema = resultSchema(contract[method].output);
    return new Promise((resolve) => {
      if (this.#closedWith !== null) {
        resolve({ ok: false, error: this.#closedWith });
        return;
      }
      const id = this.#nextId++;
      this.#pending.set(id, {
        deliver: (raw) => {
          const parsed = schema.safeParse(raw);
          resolve(
            parsed.success
              ? (parsed.data as Result<MethodOutput<M>>)
              : {
                  ok: false,
                  error: {
                    code: 'INTERNAL',
                    message: `CallVault sent an answer to ${method} that this page doesn't understand. Reload the page; if it persists, restart CallVault.`,
                  },
                },
          );
        },
        fail: (error) => {
          resolve({ ok: false, error });
        },
      });
      const frame = encodeFrame(id, method, input);
      if (this.#opened) {
        this.#socket.send(frame);
      } else {
        this.#waitingForOpen.push(frame);
      }
    });
  }

  /**
   * Runs `listener` with the payload of every `event` frame (the client module validates it) until
   * the returned function is called.
   */
  listen(event: EventName, listener: (payload: unknown) => void): () => void {
    const listeners = this.#eventListeners.get(event) ?? new Set();
    this.#eventListeners.set(event, listeners);
    // A wrapper of its own, so the same function subscribed twice is removed once per call.
    const entry = (payload: unknown) => { listener(payload); };
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
    };
  }

  #receive(data: string): void {
    const first = !this.#heardFromHost;
    this.#heardFromHost = true;
    const session = first ? readSession(data) : null;
    if (session !== null) {
      this.#hooks.onSession(session);
      return;
    }
    const event = readEvent(data);
    if (event !== null) {
      for (const listener of [...(this.#eventListeners.get(event.event) ?? [])]) {
        listener(event.payload);
      }
      return;
    }
    this.#settle(readReply(data));
  }

  #settle(reply: { id: number; result: unknown } | null): void {
    if (reply === null) {
      return;
    }
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) {
      return;
    }
    this.#pending.delete(reply.id);
    pending.deliver(reply.result);
  }

  #close(error: AppError): void {
    if (this.#closedWith !== null) {
      return;
    }
    this.#closedWith = error;
    this.#waitingForOpen.length = 0;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const call of pending) {
      call.fail(error);
    }
    if (error === REFUSED) {
      this.#hooks.onRefused();
    }
  }
}
