// The real browser host in its own process, sent messages it cannot use. Each must get an error
// reply or a closed socket with a close code; the process must stay up (a crash here would also
// end any recording in progress). The host runs as a child process so a crash shows as its exit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHostProcess, type RunningHost } from '../../helpers/browser-host-process';
import { tempDir } from '../../helpers/temp-dir';
import { APP_INFO, binaryFrame, HostSocket } from './host-socket';

let host: RunningHost;
let exited: Promise<string>;

beforeEach(async () => {
  host = await startHostProcess(tempDir('callvault-host-'));
  exited = new Promise((resolve) => {
    host.child.once('exit', (code, signal) => { resolve(`the host exited (code ${String(code)}, signal ${String(signal)})`); });
  });
});

afterEach(async () => {
  await host.stop();
});

const port = () => Number(new URL(host.url).port);

/** Fails with the host's exit if it dies before `promise` settles. */
function unlessHostDies<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, exited.then((why) => { throw new Error(why); })]);
}

/** The host is still up and serves a normal call on a new connection (with the page's session credential). */
async function expectServing(first: HostSocket): Promise<void> {
  const again = await unlessHostDies(HostSocket.open(port(), first.session ?? host.token));
  const reply = await unlessHostDies(again.call(APP_INFO));
  expect(reply).toMatchObject({ id: 1, result: { ok: true, value: { host: 'browser' } } });
  again.close();
  expect(host.child.exitCode).toBeNull();
}

describe('browser host process under malformed messages', () => {
  it('answers a text message `null` with BAD_REQUEST and keeps serving', async () => {
    const ws = await HostSocket.open(port(), host.token);
    const reply = await unlessHostDies(ws.call('null'));
    expect(reply).toEqual({ id: null, result: { ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) as string } } });
    expect(await unlessHostDies(ws.call(APP_INFO))).toMatchObject({ id: 1, result: { ok: true } });
    await expectServing(ws);
  });

  it('answers a binary frame whose header is `null` with BAD_REQUEST and keeps serving', async () => {
    const ws = await HostSocket.open(port(), host.token);
    const reply = await unlessHostDies(ws.call(binaryFrame('null', Buffer.alloc(16))));
    expect(reply).toMatchObject({ id: null, result: { ok: false, error: { code: 'BAD_REQUEST' } } });
    await expectServing(ws);
  });

  it('closes a socket that sends a frame over 4 MiB with 1009 (message too big) and keeps serving', async () => {
    const ws = await HostSocket.open(port(), host.token);
    ws.send(Buffer.alloc(4 * 1024 * 1024 + 1));
    expect((await unlessHostDies(ws.closed)).code).toBe(1009);
    await expectServing(ws);
  });

  it('closes a socket that sends a text frame of invalid UTF-8 with 1007 and keeps serving', async () => {
    const ws = await HostSocket.open(port(), host.token);
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false);
    expect((await unlessHostDies(ws.closed)).code).toBe(1007);
    await expectServing(ws);
  });
});
