import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDispatcher, type Dispatcher } from '../../../src/app/dispatch';
import { silentLogger } from '../../../src/app/logger';
import type { HandlerTable } from '../../../src/app/handlers/handler-types';
import { startBrowserHost, type BrowserHost } from '../../../src/host/browser-host';
import { tempDir } from '../../helpers/temp-dir';
import { HostSocket } from './host-socket';

const hosts: BrowserHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) {
    await h.close();
  }
});

async function start(dispatch?: Dispatcher) {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CallVault</title>');
  fs.writeFileSync(path.join(path.dirname(rendererDir), `${path.basename(rendererDir)}-secret.txt`), 'outside');
  let calls = 0;
  const audio: number[] = [];
  // The test plays the app: a table with two methods of the real contract.
  const table = {
    'app.info': () => { calls += 1; return { version: '1', host: 'browser', platform: 'linux' }; },
    'capture.append': ({ pcm, recordingId }: { pcm: Uint8Array; recordingId: string }) => {
      audio.push(pcm.length);
      return { accepted: true, status: { callId: 'c', recordingId, state: 'capturing', pauseReason: null, recordedMs: 0, chunksWritten: 0 } };
    },
  } as unknown as HandlerTable;
  const host = await startBrowserHost({ rendererDir, dispatch: dispatch ?? createDispatcher(table, silentLogger), logger: silentLogger });
  hosts.push(host);
  return { host, rendererDir, calls: () => calls, received: () => audio };
}

function get(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body, headers: res.headers }); });
    }).on('error', reject);
  });
}

function connect(host: BrowserHost, opts: { token?: string; origin?: string; hostHeader?: string } = {}): Promise<WebSocket> {
  const protocols = ['callvault.v1', `token.${opts.token ?? host.token}`];
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, protocols, {
    origin: opts.origin ?? `http://127.0.0.1:${host.port}`,
    headers: opts.hostHeader ? { host: opts.hostHeader } : {},
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => { resolve(ws); });
    ws.once('unexpected-response', (_req, res) => { reject(new Error(`HTTP ${res.statusCode}`)); });
    ws.once('error', reject);
  });
}

describe('browser host', () => {
  it('binds to loopback only and serves the renderer with a strict CSP', async () => {
    const { host } = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{40,}$/);
    const res = await get(host.port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'.*object-src 'none'/);
    expect(res.body).toContain('CallVault');
  });

  it('refuses a foreign Host header (DNS rebinding) and paths outside the renderer', async () => {
    const { host } = await start();
    expect((await get(host.port, '/', { host: `evil.example:${host.port}` })).status).toBe(421);
    expect((await get(host.port, '/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await get(host.port, `/../${path.basename('x')}-secret.txt`)).status).toBe(404);
  });

  it('carries contract calls for a client with the token and our Origin', async () => {
    const { host, calls } = await start();
    const ws = await HostSocket.open(host.port, host.token);
    const reply = await ws.call(JSON.stringify({ id: 7, method: 'app.info', input: {} }));
    expect(reply).toEqual({ id: 7, result: { ok: true, value: { version: '1', host: 'browser', platform: 'linux' } } });
    expect(calls()).toBe(1);
    const unknown = await ws.call(JSON.stringify({ id: 8, method: 'constructor', input: {} }));
    expect(unknown?.result.error?.code).toBe('UNKNOWN_METHOD');
    const garbage = await ws.call('{not json');
    expect(garbage?.result.error?.code).toBe('BAD_REQUEST');
    ws.close();
  });

  it('rejects an upgrade without the token, with a wrong token, a foreign Origin or a foreign Host', async () => {
    const { host, calls } = await start();
    await expect(connect(host, { token: '' })).rejects.toThrow(/401/);
    await expect(connect(host, { token: host.token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) })).rejects.toThrow(/401/);
    await expect(connect(host, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(connect(host, { origin: 'null' })).rejects.toThrow(/403/);
    await expect(connect(host, { hostHeader: `attacker.example:${host.port}` })).rejects.toThrow(/421/);
    expect(calls()).toBe(0);
  });

  it('carries audio as binary frames through the same dispatcher, and refuses malformed ones', async () => {
    const { host, received } = await start();
    const ws = await HostSocket.open(host.port, host.token);
    const header = Buffer.from(JSON.stringify({ id: 1, method: 'capture.append', input: { recordingId: '5b0e7f54-8f7a-4c55-9a2e-0b7b8f0c2f11' } }));
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    const ok = await ws.call(Buffer.concat([len, header, Buffer.alloc(1000, 7)]));
    expect(ok).toMatchObject({ id: 1, result: { ok: true, value: { accepted: true } } });
    expect(received()).toEqual([1000]);
    const bad = Buffer.alloc(8);
    bad.writeUInt32LE(9999);
    expect((await ws.call(bad))?.result.error?.code).toBe('BAD_REQUEST');
    ws.close();
  });
});
