import { createCrypto } from '../platform/crypto/sodium-crypto';
import { resolveAppHome } from '../platform/vault/app-home';
import { ProfileStore } from '../platform/vault/profile-store';
import { createDispatcher, type Dispatcher } from './dispatch';
import { createHandlerTable, type AppInfo } from './handlers';
import type { Logger } from './logger';
import { VaultSession } from './vault/vault-session';

export interface App {
  readonly session: VaultSession;
  readonly dispatch: Dispatcher;
  readonly appHome: string;
  close(): void;
}

/** The composition root: builds the services for one app instance and the table both hosts carry. */
export async function composeApp(options: { host: AppInfo['host']; version: string; logger: Logger; env?: Readonly<Record<string, string | undefined>> }): Promise<App> {
  const crypto = await createCrypto();
  const appHome = resolveAppHome(options.env);
  const session = new VaultSession(new ProfileStore(appHome), { crypto, now: () => new Date() });
  const table = createHandlerTable(session, { version: options.version, host: options.host, platform: process.platform });
  return {
    session,
    appHome,
    dispatch: createDispatcher(table, options.logger, () => { session.touch(); }),
    close: () => { session.lock(); },
  };
}
