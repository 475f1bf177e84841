import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bundledAppOrigin } from '../../../electron/main/app-origin';
import { isTrustedSender, registerContractIpc } from '../../../electron/main/ipc';
import { silentLogger } from '../../../src/app/logger';
import { methodNames } from '../../../src/shared/contract';

type IpcMainInvokeEvent = Parameters<typeof isTrustedSender>[0];
type BrowserWindow = NonNullable<Parameters<typeof isTrustedSender>[1]>;

// The Electron binary cannot run here: ipcMain is played by the test.
const { handlers } = vi.hoisted(() => ({ handlers: new Map<string, (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>) => { handlers.set(channel, handler); },
    removeHandler: (channel: string) => { handlers.delete(channel); },
  },
}));

const mainFrame = { processId: 4, routingId: 1 };
const window = { isDestroyed: () => false, webContents: { id: 10, mainFrame } } as unknown as BrowserWindow;

function event(over: { senderId?: number; frame?: Record<string, unknown> | null } = {}): IpcMainInvokeEvent {
  const frame = over.frame === null ? null : { isDestroyed: () => false, detached: false, parent: null, processId: 4, routingId: 1, url: 'callvault://app/index.html', ...over.frame };
  return { sender: { id: over.senderId ?? 10 }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('contract IPC', () => {
  const dispatch = vi.fn((method: unknown, input: unknown) => Promise.resolve({ ok: true as const, value: { method, input } }));
  let currentWindow: BrowserWindow | undefined;
  let unregister: () => void;

  beforeEach(() => {
    handlers.clear();
    dispatch.mockClear();
    currentWindow = window;
    unregister = registerContractIpc({ dispatch, window: () => currentWindow, origin: bundledAppOrigin(), logger: silentLogger });
  });

  it('registers exactly one channel per contract method, and removes them all', () => {
    expect([...handlers.keys()].sort()).toEqual(methodNames.map((m) => `callvault:${m}`).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it("hands a call from the app window's main frame to the dispatcher", async () => {
    const result = await handlers.get('callvault:vault.unlock')!(event(), { secret: { kind: 'passphrase', passphrase: 'x' } });
    expect(dispatch).toHaveBeenCalledWith('vault.unlock', { secret: { kind: 'passphrase', passphrase: 'x' } });
    expect(result).toMatchObject({ ok: true });
  });

  it.each([
    ['a subframe', event({ frame: { parent: { url: 'callvault://app/index.html' } } })],
    ['another web contents', event({ senderId: 11 })],
    ['a frame of another process', event({ frame: { processId: 5 } })],
    ['another frame of the same process', event({ frame: { routingId: 2 } })],
    ['a page from elsewhere', event({ frame: { url: 'https://evil.example/' } })],
    ['a file:// page', event({ frame: { url: 'file:///tmp/index.html' } })],
    ['a destroyed frame', event({ frame: { isDestroyed: () => true } })],
    ['a detached frame', event({ frame: { detached: true } })],
    ['no frame at all', event({ frame: null })],
  ])('refuses %s before any handler runs', async (_what, ev) => {
    const result = await handlers.get('callvault:vault.unlock')!(ev, {});
    expect(result).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) as string } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses every call once the window is gone', async () => {
    currentWindow = undefined;
    expect(await handlers.get('callvault:app.info')!(event(), {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    currentWindow = { isDestroyed: () => true, webContents: { id: 10, mainFrame } } as unknown as BrowserWindow;
    expect(await handlers.get('callvault:app.info')!(event(), {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});
