import { describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../src/shared/contract';

// The preload's only world: contextBridge and ipcRenderer, played by the test.
const { exposed, invoke } = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn((channel: string, input: unknown) => Promise.resolve({ ok: true, value: { channel, input } })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => { exposed.set(key, api); } },
  ipcRenderer: { invoke },
}));

describe('preload', () => {
  it('exposes window.callvault only: one function per contract method, nothing else', async () => {
    await import('../../../electron/preload/index');
    expect([...exposed.keys()]).toEqual(['callvault']);
    const api = exposed.get('callvault') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...methodNames].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    for (const leak of ['ipcRenderer', 'invoke', 'send', 'on', 'channel']) {
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
});
