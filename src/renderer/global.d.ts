import type { CallVaultApi } from '../shared/contract';

declare global {
  interface Window {
    /**
     * Exactly one async function per contract method, installed by the Electron preload or by
     * `bridge/browser-bridge.ts`. Only `client/callvault-client.ts` may call it.
     */
    readonly callvault: CallVaultApi;
  }
}

export {};
