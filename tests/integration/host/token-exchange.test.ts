// The launch token in the printed link is exchanged once for a session token: a leaked link
// (shell history, logs) opens nothing afterwards, while the page that used it can reconnect.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/app/dispatch';
import type { HandlerTable } from '../../../src/app/handlers/handler-types';
import { silentLogger } from '../../../src/app/logger';
import { startBrowserHost, type BrowserHost } from '../../../src/host/browser-host';
import { tempDir } from '../../helpers/temp-dir';
import { APP_INFO, HostSocket } from './host-socket';

const hosts: BrowserHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) {
    await h.close();
  }
});

async function start(): Promise<BrowserHost> {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CallVault</title>');
  const table = { 'app.info': () => ({ version: '1', host: 'browser', platform: 'linux' }) } as unknown as HandlerTable;
  const host = await startBrowserHost({ rendererDir, dispatch: createDispatcher(table, silentLogger), logger: silentLogger });
  hosts.push(host);
  return host;
}

/** Opens with the launch token and waits for the session token, which comes before any reply. */
async function exchange(host: BrowserHost): Promise<{ socket: HostSocket; session: string }> {
  const socket = await HostSocket.open(host.port, host.token);
  expect(await socket.call(APP_INFO)).toMatchObject({ id: 1, result: { ok: true } });
  expect(socket.session).toMatch(/^[\w-]{40,}$/);
  return { socket, session: socket.session ?? '' };
}

describe('launch token exchange', () => {
  it('takes the launch token once; a second use, even while the first socket is open, is refused with 401', async () => {
    const host = await start();
    const { socket, session } = await exchange(host);
    expect(session).not.toBe(host.token);
    await expect(HostSocket.open(host.port, host.token)).rejects.toThrow(/HTTP 401/);
    socket.close();
    await socket.closed;
    await expect(HostSocket.open(host.port, host.token)).rejects.toThrow(/HTTP 401/);
  });

  it('lets the session token reconnect as often as the page reloads, without a new exchange', async () => {
    const host = await start();
    const { socket, session } = await exchange(host);
    socket.close();
    for (let reload = 0; reload < 3; reload += 1) {
      const again = await HostSocket.open(host.port, session);
      expect(await again.call(APP_INFO)).toMatchObject({ id: 1, result: { ok: true } });
      expect(again.session).toBeNull();
      again.close();
    }
  });

  it('refuses a missing, wrong or near-miss credential, before and after the exchange', async () => {
    const host = await start();
    const flip = (token: string) => token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    for (const wrong of ['', 'x', flip(host.token), `${host.token}x`]) {
      await expect(HostSocket.open(host.port, wrong)).rejects.toThrow(/HTTP 401/);
    }
    // Wrong guesses do not use up the launch token.
    const { session } = await exchange(host);
    for (const wrong of ['', flip(session), session.slice(1), host.token]) {
      await expect(HostSocket.open(host.port, wrong)).rejects.toThrow(/HTTP 401/);
    }
  });

  it('issues a new link for another tab: it works once, revokes an unused older link, and leaves sessions valid', async () => {
    const host = await start();
    const { session } = await exchange(host);
    const second = host.issueLink();
    expect(second.url).toBe(`http://127.0.0.1:${String(host.port)}/#token=${second.token}`);
    const third = host.issueLink();
    await expect(HostSocket.open(host.port, second.token)).rejects.toThrow(/HTTP 401/);
    const tab = await HostSocket.open(host.port, third.token);
    expect(await tab.call(APP_INFO)).toMatchObject({ result: { ok: true } });
    expect(tab.session).not.toBeNull();
    expect(tab.session).not.toBe(session);
    await expect(HostSocket.open(host.port, third.token)).rejects.toThrow(/HTTP 401/);
    for (const credential of [session, tab.session ?? '']) {
      const again = await HostSocket.open(host.port, credential);
      expect(await again.call(APP_INFO)).toMatchObject({ result: { ok: true } });
      again.close();
    }
  });

  it('still checks the Origin for a session token', async () => {
    const host = await start();
    const { session } = await exchange(host);
    await expect(HostSocket.open(host.port, session, 'http://evil.example')).rejects.toThrow(/HTTP 403/);
  });
});
