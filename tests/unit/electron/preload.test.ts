import { describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../src/shared/contract';

// The preload's only world: contextBridge and ipcRenderer, played by the test.
type IpcListener = (event: unknown, payload: unknown) => void;
const { exposed, invoke, listeners } = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn((channel: string, input: unknown) => Promise.resolve({ ok: true, value: { channel, input } })),
  listeners: new Map<string, IpcListener[]>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => { exposed.set(key, api); } },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: IpcListener) => { listeners.set(channel, [...(listeners.get(channel) ?? []), listener]); },
    removeListener: (channel: string, listener: IpcListener) => { listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener)); },
  },
}));

/** What the main process would send on a channel: every listener the preload left there hears it. */
function deliver(channel: string, payload: unknown): void {
  for (const listener of listeners.get(channel) ?? []) {
    listener({ sender: 'ipc event object' }, payload);
  }
}

type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

describe('preload', () => {
  it('exposes window.callvault only: one function per contract method and `on`, nothing else', async () => {
    await import('../../../electron/preload/index');
    expect([...exposed.keys()]).toEqual(['callvault']);
    const api = exposed.get('callvault') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'on'].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    for (const leak of ['ipcRenderer', 'invoke', 'send', 'removeListener', 'channel']) {
      expect(api).not.toHaveProperty(leak);
    }
  });

  it("sends each method on its own channel and returns the main process's result", async () => {
    await import('../../../electron/preload/index');
    const api = exposed.get('callvault') as Record<string, (input: unknown) => Promise<unknown>>;
    await expect(api['vault.lock']!({})).resolves.toEqual({ ok: true, value: { channel: 'callvault:vault.lock', input: {} } });
    await api['profiles.create']!({ displayName: 'Ann' });
    expect(invoke).toHaveBeenLastCalledWith('callvault:profiles.create', { displayName: 'Ann' });
  });

  it('`on` hears one event on its own channel with the payload only, and the returned function removes that listener', async () => {
    await import('../../../electron/preload/index');
    const on = (exposed.get('callvault') as { on: Subscribe }).on;
    const heard: unknown[] = [];
    const other: unknown[] = [];
    const stop = on('transcription.progress', (payload) => { heard.push(payload); });
    const stopOther = on('transcription.progress', (payload) => { other.push(payload); });
    const payload = { recordingId: 'r', state: 'running', fraction: 0.5, error: null };
    deliver('callvault:event:transcription.progress', payload);
    deliver('callvault:event:models.progress', { name: 'x' });
    expect(heard).toEqual([payload]);

    stop();
    expect(listeners.get('callvault:event:transcription.progress')).toHaveLength(1);
    deliver('callvault:event:transcription.progress', payload);
    expect(heard).toHaveLength(1);
    expect(other).toHaveLength(2);
    stopOther();
    expect(listeners.get('callvault:event:transcription.progress')).toHaveLength(0);
  });

  it('`on` refuses an event the contract does not list, so the page cannot choose a channel', async () => {
    await import('../../../electron/preload/index');
    const on = (exposed.get('callvault') as { on: Subscribe }).on;
    const before = [...listeners.keys()];
    expect(() => on('callvault:vault.unlock', () => undefined)).toThrow(TypeError);
    expect(() => on('../anything', () => undefined)).toThrow(TypeError);
    expect(() => { (on as unknown as (e: string, l: unknown) => void)('notice', 'not a function'); }).toThrow(TypeError);
    expect([...listeners.keys()]).toEqual(before);
  });
});
