import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { AppEventSource } from '../app/app-events';
import type { Dispatcher } from '../app/dispatch';
import type { Logger } from '../app/logger';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { HostCredentials } from './host-credentials';
import { MAX_FRAME_BYTES, serveSocket } from './socket-protocol';
import { resolveStatic } from './static-files';

const PROTOCOL = 'callvault.v1';
const TOKEN_PREFIX = 'token.';

export interface BrowserHostOptions {
  readonly rendererDir: string;
  readonly dispatch: Dispatcher;
  readonly logger: Logger;
  /** The app's events, pushed to every authenticated socket. */
  readonly events?: AppEventSource;
  readonly port?: number;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  /** The launch token in `url`: good for one exchange for a session token (see HostCredentials). */
  readonly token: string;
  /** A new link with a new launch token, for another tab; the previous link, if unused, stops working. */
  issueLink(): { url: string; token: string };
  close(): Promise<void>;
}

/**
 * Serves the renderer on 127.0.0.1 and carries the handler table over one WebSocket.
 * Defences: loopback bind; the Host header must name our own loopback origin (a DNS-rebinding
 * page's Host is its own domain); WebSocket Origin must be our own page; and a credential must
 * come with the upgrade: the launch token once, then the session token it was exchanged for.
 * A malformed message gets an error reply or a closed socket, never the process's end.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const credentials = new HostCredentials();
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
  wss.on('error', (error) => { options.logger.error('WebSocket server error', error); });

  server.on('upgrade', (req, socket, head) => {
    // Node hands an upgrade's socket over without its own error handler; a reset must not crash us.
    socket.on('error', (error) => { options.logger.warn(`an upgrade's connection failed: ${error.message}`); });
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
    if (!offered.includes(PROTOCOL)) {
      refuse(401, 'Unauthorized');
      return;
    }
    const admission = credentials.admit(presented);
    if (admission.kind === 'refused') {
      refuse(401, 'Unauthorized');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (admission.kind === 'launch') {
        // The first frame of the exchange; the page keeps it and presents it from then on.
        ws.send(JSON.stringify({ session: admission.session }));
      }
      serveSocket(ws, options.dispatch, options.logger, options.events);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => { resolve(); });
  });
  port = (server.address() as AddressInfo).port;
  server.on('error', (error) => { options.logger.error('browser host server error', error); });

  const issueLink = () => {
    const token = credentials.issueLaunchToken();
    return { url: `http://127.0.0.1:${port}/#token=${token}`, token };
  };
  const first = issueLink();

  return {
    url: first.url,
    port,
    token: first.token,
    issueLink,
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
