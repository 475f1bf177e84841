import type { EventName, MethodName } from '../../src/shared/contract';

/**
 * The IPC channel of one contract method. The preload and the main process both derive channels
 * from the contract's method names, so no channel exists that the contract does not list.
 */
export function channelFor(method: MethodName): `callvault:${MethodName}` {
  return `callvault:${method}`;
}

/** The IPC channel one event travels on, from the main process to the app's window only. */
export function eventChannelFor(event: EventName): `callvault:event:${EventName}` {
  return `callvault:event:${event}`;
}
