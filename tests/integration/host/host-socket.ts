import WebSocket from 'ws';

export interface Reply {
  readonly id: unknown;
  readonly result: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/**
 * A test client for the browser host's socket: plays the page (our Origin, the callvault.v1
 * subprotocol, a credential) and queues what the host sends. A `{session}` frame, the host's
 * answer to a launch token, is kept apart from replies.
 */
export class HostSocket {
  readonly ws: WebSocket;
  readonly closed: Promise<Closed>;
  session: string | null = null;
  readonly #replies: Reply[] = [];
  readonly #waiting: ((reply: Reply | null) => void)[] = [];
  #isClosed = false;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('error', () => undefined);
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as Reply & { session?: unknown };
      if (typeof frame.session === 'string') {
        this.session = frame.session;
        return;
      }
      const waiter = this.#waiting.shift();
      if (waiter) {
        waiter(frame);
      } else {
        this.#replies.push(frame);
      }
    });
    this.closed = new Promise((resolve) => {
      ws.once('close', (code: number, reason: Buffer) => {
        this.#isClosed = true;
        for (const waiter of this.#waiting.splice(0)) {
          waiter(null);
        }
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  /** Opens a socket to the host on `port` presenting `credential`; rejects with `HTTP <status>` when refused. */
  static open(port: number, credential: string, origin = `http://127.0.0.1:${port}`): Promise<HostSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, ['callvault.v1', `token.${credential}`], { origin });
    const socket = new HostSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => { resolve(socket); });
      ws.once('unexpected-response', (_req, res) => { reject(new Error(`HTTP ${String(res.statusCode)}`)); });
      ws.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** The next reply, or null when the socket closes first. */
  next(timeoutMs = 10_000): Promise<Reply | null> {
    const queued = this.#replies.shift();
    if (queued) {
      return Promise.resolve(queued);
    }
    if (this.#isClosed) {
      return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { reject(new Error('no reply from the host')); }, timeoutMs);
      this.#waiting.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  send(payload: string | Buffer, binary = typeof payload !== 'string'): void {
    this.ws.send(payload, { binary });
  }

  call(payload: string | Buffer, binary?: boolean): Promise<Reply | null> {
    this.send(payload, binary);
    return this.next();
  }

  close(): void {
    this.ws.terminate();
  }
}

/** A binary frame: u32le header length, the header bytes, then the payload. */
export function binaryFrame(header: string | Buffer, payload: Buffer = Buffer.alloc(0), declaredLength?: number): Buffer {
  const headerBytes = typeof header === 'string' ? Buffer.from(header) : header;
  const length = Buffer.alloc(4);
  length.writeUInt32LE(declaredLength ?? headerBytes.length);
  return Buffer.concat([length, headerBytes, payload]);
}

export const APP_INFO = JSON.stringify({ id: 1, method: 'app.info', input: {} });
