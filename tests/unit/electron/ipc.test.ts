import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bundledAppOrigin } from '../../../electron/main/app-origin';
import { forwardContractEvents, isTrustedSender, registerContractIpc } from '../../../electron/main/ipc';
import { AppEvents } from '../../../src/app/app-events';
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

describe('contract events', () => {
  function windowAt(url: string, sent: [string, unknown][], destroyed = false): BrowserWindow {
    return {
      isDestroyed: () => destroyed,
      webContents: { id: 10, isDestroyed: () => destroyed, mainFrame: { ...mainFrame, url }, send: (channel: string, payload: unknown) => { sent.push([channel, payload]); } },
    } as unknown as BrowserWindow;
  }

  it("sends each event to the app's window on that event's own channel, validated, until stopped", () => {
    const events = new AppEvents(silentLogger);
    const sent: [string, unknown][] = [];
    const stop = forwardContractEvents({ events, window: () => windowAt('callvault://app/index.html', sent), origin: bundledAppOrigin() });
    events.emit('transcription.progress', { recordingId: 'r1', state: 'running', fraction: 0.25, error: null });
    // A key the schema does not list is stripped before anything leaves the app.
    events.emit('library.changed', { change: 'created', recordingIds: ['r2'], title: 'Acme renewal' } as never);
    // A payload that does not fit the contract is dropped.
    events.emit('models.progress', { name: 'x', state: 'sideways', receivedBytes: 1, totalBytes: 2 } as never);
    expect(sent).toEqual([
      ['callvault:event:transcription.progress', { recordingId: 'r1', state: 'running', fraction: 0.25, error: null }],
      ['callvault:event:library.changed', { change: 'created', recordingIds: ['r2'] }],
    ]);
    stop();
    events.emit('notice', { code: 'model-downloaded', message: 'done' });
    expect(sent).toHaveLength(2);
    expect(events.listenerCount).toBe(0);
  });

  it('sends nothing to a window that navigated away, is gone, or was destroyed', () => {
    const events = new AppEvents(silentLogger);
    const sent: [string, unknown][] = [];
    let current: BrowserWindow | undefined = windowAt('https://evil.example/', sent);
    forwardContractEvents({ events, window: () => current, origin: bundledAppOrigin() });
    const emit = () => { events.emit('notice', { code: 'vault-locked-idle', message: 'locked' }); };
    emit();
    current = windowAt('file:///tmp/index.html', sent);
    emit();
    current = undefined;
    emit();
    current = windowAt('callvault://app/index.html', sent, true);
    emit();
    expect(sent).toEqual([]);
    current = windowAt('callvault://app/index.html', sent);
    emit();
    expect(sent).toHaveLength(1);
  });
});
