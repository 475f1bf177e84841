// One WebSocket to the browser host carrying contract calls as JSON text frames:
//   request  {"id": number, "method": string, "input": unknown}
//   reply    {"id": number, "result": Result}
// An input carrying audio (a `pcm` Uint8Array) goes as one binary frame instead, so audio is never
// turned into JSON: u32le header length, the JSON header {"id", "method", "input" without pcm},
// then the raw bytes. Replies are always text. Every call settles exactly once: with the host's
// reply, or with an INTERNAL error when the socket closes first. When the page presented the
// launch token, the host's first frame is {"session": string}, the credential for reconnecting.
import {
  contract,
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

  #receive(data: string): void {
    const first = !this.#heardFromHost;
    this.#heardFromHost = true;
    const session = first ? readSession(data) : null;
    if (session !== null) {
      this.#hooks.onSession(session);
      return;
    }
    const reply = readReply(data);
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
