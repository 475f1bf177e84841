// The sandboxed preload: installs `window.callvault`, one function per contract method and `on`
// for the contract's events, nothing else. The page never sees ipcRenderer, an event object, or a
// channel it can choose.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName, methodNames, type CallVaultApi } from '../../src/shared/contract';
import { channelFor, eventChannelFor } from './ipc-channel';

/**
 * `on(event, listener)`: the listener hears that event's payloads (the client module validates
 * them) and the returned function removes exactly the IPC listener this call added, so nothing is
 * left behind. An event the contract does not list is refused, so no channel can be chosen.
 */
function subscribe(event: unknown, listener: unknown): () => void {
  if (!isEventName(event) || typeof listener !== 'function') {
    throw new TypeError('callvault.on takes an event the contract lists and a function.');
  }
  const channel = eventChannelFor(event);
  const forward = (_event: IpcRendererEvent, payload: unknown): void => {
    (listener as (payload: unknown) => void)(payload);
  };
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

function buildApi(): CallVaultApi {
  const entries = methodNames.map((method) => {
    const channel = channelFor(method);
    const call = (input: unknown): Promise<unknown> => ipcRenderer.invoke(channel, input) as Promise<unknown>;
    return [method, call] as const;
  });
  // The mapped type cannot be built key by key; every key is a method name with its own channel.
  const api: Record<string, unknown> = { ...Object.fromEntries(entries), on: subscribe };
  return Object.freeze(api) as unknown as CallVaultApi;
}

contextBridge.exposeInMainWorld('callvault', buildApi());
