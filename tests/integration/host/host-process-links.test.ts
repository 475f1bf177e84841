// The real `npm start` host process: its printed link opens CallVault once, and Enter in its
// terminal prints a new link for another tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostProcess, type RunningHost } from '../../helpers/browser-host-process';
import { tempDir } from '../../helpers/temp-dir';
import { APP_INFO, HostSocket } from './host-socket';

let host: RunningHost;
beforeAll(async () => {
  host = await startHostProcess(tempDir('callvault-host-'));
});
afterAll(async () => {
  await host.stop();
});

const port = () => Number(new URL(host.url).port);

describe('browser host process links', () => {
  it('opens once with the printed link; Enter prints a new link that also opens once', async () => {
    const tab = await HostSocket.open(port(), host.token);
    expect(await tab.call(APP_INFO)).toMatchObject({ result: { ok: true } });
    await expect(HostSocket.open(port(), host.token)).rejects.toThrow(/HTTP 401/);

    const link = new URL(await host.newLink());
    expect(link.origin).toBe(new URL(host.url).origin);
    const token = link.hash.replace('#token=', '');
    expect(token).not.toBe(host.token);
    const second = await HostSocket.open(port(), token);
    expect(await second.call(APP_INFO)).toMatchObject({ result: { ok: true } });
    await expect(HostSocket.open(port(), token)).rejects.toThrow(/HTTP 401/);

    // Both tabs can reconnect (a reload) with their own session token.
    for (const session of [tab.session, second.session]) {
      const again = await HostSocket.open(port(), session ?? '');
      expect(await again.call(APP_INFO)).toMatchObject({ result: { ok: true } });
      again.close();
    }
  });
});
