import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Dispatcher } from '../app/dispatch';
import type { Logger } from '../app/logger';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { resolveStatic } from './static-files';

const PROTOCOL = 'callvault.v1';
const TOKEN_PREFIX = 'token.';
/** Audio arrives in frames of about a second; anything far larger is refused. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

export interface BrowserHostOptions {
  readonly rendererDir: string;
  readonly dispatch: Dispatcher;
  readonly logger: Logger;
  readonly port?: number;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer on 127.0.0.1 and carries the handler table over one WebSocket.
 * Defences: loopback bind; the Host header must name our own loopback origin (a DNS-rebinding
 * page's Host is its own domain); WebSocket Origin must be our own page; and a random token,
 * new every launch, must come with the upgrade.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = http.createServer((req, res) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request: CallVault answers only on its own loopback address.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const found = resolveStatic(options.rendererDir, req.url ?? '/');
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': found.type, 'Cache-Control': 'no-store' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(found.file).pipe(res);
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, reason: string) => {
      options.logger.warn(`refused a WebSocket upgrade: ${reason}`);
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!allowedHosts().has(req.headers.host ?? '')) {
      refuse(421, 'Misdirected Request');
      return;
    }
    if (!allowedOrigins().has(req.headers.origin ?? '')) {
      refuse(403, 'Forbidden');
      return;
    }
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/rpc') {
      refuse(404, 'Not Found');
      return;
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const presented = offered.find((p) => p.startsWith(TOKEN_PREFIX))?.slice(TOKEN_PREFIX.length) ?? '';
    const presentedBytes = Buffer.from(presented);
    if (!offered.includes(PROTOCOL) || presentedBytes.length !== tokenBytes.length || !timingSafeEqual(presentedBytes, tokenBytes)) {
      refuse(401, 'Unauthorized');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => { serveSocket(ws, options); });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => { resolve(); });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) {
        client.terminate();
      }
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}

function serveSocket(ws: WebSocket, options: BrowserHostOptions): void {
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    void (isBinary ? handleBinary(ws, bytes, options) : handleText(ws, bytes, options));
  });
}

async function handleText(ws: WebSocket, bytes: Buffer, options: BrowserHostOptions): Promise<void> {
  let message: { id?: unknown; method?: unknown; input?: unknown };
  try {
    message = JSON.parse(bytes.toString('utf8')) as typeof message;
  } catch {
    ws.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'BAD_REQUEST', message: 'Messages must be JSON.' } } }));
    return;
  }
  const id = typeof message.id === 'number' ? message.id : null;
  const result = await options.dispatch(message.method, message.input);
  ws.send(JSON.stringify({ id, result }));
}

/**
 * Binary frame: u32le header length, a JSON header `{id, method, input}`, then the raw payload,
 * which becomes `input.pcm`. It goes through the same dispatcher and contract validation as a
 * text frame; only the transport differs, so audio is never turned into JSON.
 */
async function handleBinary(ws: WebSocket, bytes: Buffer, options: BrowserHostOptions): Promise<void> {
  const fail = (id: unknown, message: string) => { ws.send(JSON.stringify({ id, result: { ok: false, error: { code: 'BAD_REQUEST', message } } })); };
  if (bytes.length < 4) {
    fail(null, 'A binary frame starts with its header length.');
    return;
  }
  const headerLength = bytes.readUInt32LE(0);
  if (headerLength > 4096 || 4 + headerLength > bytes.length) {
    fail(null, 'The binary frame header is malformed.');
    return;
  }
  let header: { id?: unknown; method?: unknown; input?: unknown };
  try {
    header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as typeof header;
  } catch {
    fail(null, 'The binary frame header is not JSON.');
    return;
  }
  const id = typeof header.id === 'number' ? header.id : null;
  const input = typeof header.input === 'object' && header.input !== null ? header.input : {};
  const pcm = new Uint8Array(bytes.subarray(4 + headerLength));
  const result = await options.dispatch(header.method, { ...input, pcm });
  ws.send(JSON.stringify({ id, result }));
}
