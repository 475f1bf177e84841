// The sandboxed preload: installs `window.callvault`, one function per contract method and
// nothing else. The page never sees ipcRenderer, an event object, or a channel it can choose.
import { contextBridge, ipcRenderer } from 'electron';
import { methodNames, type CallVaultApi } from '../../src/shared/contract';
import { channelFor } from './ipc-channel';

function buildApi(): CallVaultApi {
  const entries = methodNames.map((method) => {
    const channel = channelFor(method);
    const call = (input: unknown): Promise<unknown> => ipcRenderer.invoke(channel, input) as Promise<unknown>;
    return [method, call] as const;
  });
  // The mapped type cannot be built key by key; every key is a method name with its own channel.
  return Object.freeze(Object.fromEntries(entries)) as unknown as CallVaultApi;
}

contextBridge.exposeInMainWorld('callvault', buildApi());
