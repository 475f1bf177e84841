// Installs `window.callvault` when the page is served by the browser host instead of Electron.
// The object it installs has the same shape the Electron preload exposes: frozen, one async
// function per contract method and `on` for events, nothing else, so the rest of the renderer
// cannot tell them apart.
import {
  isEventName,
  methodNames,
  type CallVaultApi,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
} from '../../shared/contract';
import { forgetAccessToken, rememberSessionToken, reloadOnNewToken, takeAccessToken } from './access-token';
import { RpcConnection } from './rpc-connection';

export type BridgeOutcome = { installed: true } | { installed: false; reason: 'no-token' };

type Bound<M extends MethodName> = (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>;

function bindMethod<M extends MethodName>(connection: RpcConnection, method: M): Bound<M> {
  return async (input: MethodInput<M>) => connection.request(method, input);
}

function buildApi(connection: RpcConnection): CallVaultApi {
  const api: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const method of methodNames) {
    Object.defineProperty(api, method, {
      value: bindMethod(connection, method),
      enumerable: true,
      writable: false,
      configurable: false,
    });
  }
  const on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event) || typeof listener !== 'function') {
      throw new TypeError('callvault.on takes an event the contract lists and a function.');
    }
    return connection.listen(event, (payload) => { (listener as (payload: unknown) => void)(payload); });
  };
  Object.defineProperty(api, 'on', { value: on, enumerable: true, writable: false, configurable: false });
  // Every key of CallVaultApi was defined above from the contract's own method and event lists.
  return Object.freeze(api) as CallVaultApi;
}

export function installBrowserBridge(): BridgeOutcome {
  reloadOnNewToken();
  const token = takeAccessToken();
  if (token === null) {
    return { installed: false, reason: 'no-token' };
  }
  const connection = new RpcConnection(`ws://${location.host}/rpc`, token, {
    onRefused: forgetAccessToken,
    onSession: rememberSessionToken,
  });
  Object.defineProperty(window, 'callvault', {
    value: buildApi(connection),
    enumerable: true,
    writable: false,
    configurable: false,
  });
  return { installed: true };
}
