import type { VaultSession } from '../vault/vault-session';
import type { HandlerTable } from './handler-types';
import { recordingHandlers } from './recording-handlers';
import { vaultHandlers } from './vault-handlers';

export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'browser';
  readonly platform: string;
}

/** The one implementation of the contract; both hosts carry exactly this table. */
export function createHandlerTable(session: VaultSession, info: AppInfo): HandlerTable {
  return {
    'app.info': () => info,
    ...vaultHandlers(session),
    ...recordingHandlers(session),
  };
}
