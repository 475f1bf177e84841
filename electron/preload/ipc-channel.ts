import type { MethodName } from '../../src/shared/contract';

/**
 * The IPC channel of one contract method. The preload and the main process both derive channels
 * from the contract's method names, so no channel exists that the contract does not list.
 */
export function channelFor(method: MethodName): `callvault:${MethodName}` {
  return `callvault:${method}`;
}
