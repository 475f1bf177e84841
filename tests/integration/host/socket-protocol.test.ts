// Messages the host cannot use get a BAD_REQUEST reply (with the caller's id where it had one),
// a dispatcher that fails becomes an error reply, and a socket cannot keep unbounded calls open.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../src/app/dispatch';
import { silentLogger } from '../../../src/app/logger';
import { startBrowserHost, type BrowserHost } from '../../../src/host/browser-host';
import { MAX_IN_FLIGHT } from '../../../src/host/socket-protocol';
import type { Result } from '../../../src/shared/contract';
import { tempDir } from '../../helpers/temp-dir';
import { binaryFrame, HostSocket } from './host-socket';

const hosts: BrowserHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) {
    await h.close();
  }
});

async function open(dispatch: Dispatcher): Promise<HostSocket> {
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CallVault</title>');
  const host = await startBrowserHost({ rendererDir, dispatch, logger: silentLogger });
  hosts.push(host);
  return HostSocket.open(host.port, host.token);
}

const echo: Dispatcher = (method, input) => Promise.resolve({ ok: true, value: { method, input } });

describe('browser host socket protocol', () => {
  it.each(['null', '[]', '[{"id":1,"method":"app.info"}]', '42', '"app.info"', 'true'])(
    'answers the text message %s with BAD_REQUEST instead of dispatching it',
    async (message) => {
      const ws = await open(echo);
      expect(await ws.call(message)).toMatchObject({ id: null, result: { ok: false, error: { code: 'BAD_REQUEST' } } });
    },
  );

  it.each(['null', '[1,2]', '7', '"x"', 'false'])('answers a binary frame whose header is %s with BAD_REQUEST', async (header) => {
    const ws = await open(echo);
    expect(await ws.call(binaryFrame(header, Buffer.alloc(8)))).toMatchObject({ id: null, result: { ok: false, error: { code: 'BAD_REQUEST' } } });
  });

  it('refuses a binary header whose input is not an object, or is not UTF-8, answering to its id where it has one', async () => {
    const ws = await open(echo);
    const arrayInput = await ws.call(binaryFrame(JSON.stringify({ id: 3, method: 'capture.append', input: [1, 2] }), Buffer.alloc(8)));
    expect(arrayInput).toMatchObject({ id: 3, result: { ok: false, error: { code: 'BAD_REQUEST' } } });
    const notUtf8 = await ws.call(binaryFrame(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), Buffer.alloc(8)));
    expect(notUtf8).toMatchObject({ id: null, result: { ok: false, error: { code: 'BAD_REQUEST' } } });
  });

  it('turns a dispatcher that throws or rejects into an INTERNAL error reply', async () => {
    let calls = 0;
    const failing: Dispatcher = (method) => {
      calls += 1;
      if (method === 'throws') {
        throw new Error('boom');
      }
      return Promise.reject(new Error('boom'));
    };
    const ws = await open(failing);
    expect(await ws.call(JSON.stringify({ id: 1, method: 'throws' }))).toMatchObject({ id: 1, result: { ok: false, error: { code: 'INTERNAL' } } });
    expect(await ws.call(JSON.stringify({ id: 2, method: 'rejects' }))).toMatchObject({ id: 2, result: { ok: false, error: { code: 'INTERNAL' } } });
    expect(calls).toBe(2);
  });

  it(`keeps at most ${String(MAX_IN_FLIGHT)} calls of one socket in flight and refuses the rest by id`, async () => {
    const release: (() => void)[] = [];
    const slow: Dispatcher = () =>
      new Promise<Result<unknown>>((resolve) => { release.push(() => { resolve({ ok: true, value: 'done' }); }); });
    const ws = await open(slow);
    const total = MAX_IN_FLIGHT + 36;
    for (let id = 1; id <= total; id += 1) {
      ws.send(JSON.stringify({ id, method: 'app.info', input: {} }));
    }
    const refused = [];
    for (let i = 0; i < total - MAX_IN_FLIGHT; i += 1) {
      refused.push(await ws.next());
    }
    expect(refused.map((r) => r?.id)).toEqual(Array.from({ length: total - MAX_IN_FLIGHT }, (_, i) => MAX_IN_FLIGHT + 1 + i));
    expect(refused.every((r) => r?.result.error?.code === 'BAD_REQUEST' && /too many calls/i.test(r.result.error.message))).toBe(true);
    expect(release).toHaveLength(MAX_IN_FLIGHT);
    for (const done of release.splice(0)) {
      done();
    }
    for (let i = 0; i < MAX_IN_FLIGHT; i += 1) {
      expect((await ws.next())?.result).toEqual({ ok: true, value: 'done' });
    }
    // With the calls answered, the socket takes new ones again.
    ws.send(JSON.stringify({ id: 999, method: 'app.info', input: {} }));
    await expect.poll(() => release.length).toBe(1);
    release[0]?.();
    expect(await ws.next()).toEqual({ id: 999, result: { ok: true, value: 'done' } });
  });
});
