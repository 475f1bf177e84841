import { systemClock } from '../platform/clock/system-clock';
import { createCrypto } from '../platform/crypto/sodium-crypto';
import { resolveAppHome } from '../platform/vault/app-home';
import { ProfileStore } from '../platform/vault/profile-store';
import { AppEvents, type AppEventSource } from './app-events';
import { createDispatcher, type Dispatcher } from './dispatch';
import { createHandlerTable, type AppInfo, type AppServices } from './handlers';
import type { Logger } from './logger';
import type { Clock } from '../core/ports/clock';
import type { Keychain } from '../core/ports/keychain';
import { DeviceUnlock } from './vault/device-unlock';
import { VaultSession } from './vault/vault-session';
import { createServices } from './services';
import type { SummaryEngineTuning } from './summary/summary-model-service';
import { useSqliteBinding } from '../platform/db/native-binding';

export interface App {
  readonly session: VaultSession;
  readonly services: AppServices;
  readonly dispatch: Dispatcher;
  /** What the app announces to the UI; each host carries it to its window or sockets. */
  readonly events: AppEventSource;
  readonly appHome: string;
  close(): void;
}

/** The composition root: builds the services for one app instance and the table the hosts and the CLI carry. */
export interface ComposeOptions {
  readonly host: AppInfo['host'];
  readonly version: string;
  readonly logger: Logger;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The OS keychain, where the host has one (Electron's safeStorage); enables device unlock. */
  readonly keychain?: Keychain;
  /** Where the shipped resources live in a packaged app (the default policy among them). */
  readonly resourcesDir?: string;
  /**
   * The SQLite addon to load instead of the package's own Node build: an unpackaged Electron run
   * passes the Electron build (src/platform/db/native-binding.ts).
   */
  readonly sqliteBinding?: string | undefined;
  /** The one clock (default: the system's). Tests hand in one they move, to run simulated days and years. */
  readonly clock?: Clock;
  /** The summary worker to run and how (the Electron build: its bundled worker as a utility process). */
  readonly summaryEngine?: Pick<SummaryEngineTuning, 'worker' | 'launch'>;
}

export async function composeApp(options: ComposeOptions): Promise<App> {
  useSqliteBinding(options.sqliteBinding);
  const crypto = await createCrypto();
  const appHome = resolveAppHome(options.env ?? process.env);
  // The one clock: the session, the vault and every service read the time through it.
  const clock = options.clock ?? systemClock;
  const now = (): Date => clock.now();
  const deviceUnlock = options.keychain ? new DeviceUnlock(options.keychain, crypto, now) : undefined;
  const session = new VaultSession(new ProfileStore(appHome), { crypto, now }, undefined, deviceUnlock, options.host === 'cli' ? 'cli' : undefined);
  const env = options.env ?? process.env;
  const events = new AppEvents(options.logger);
  // The command line runs one command per process: no background work starts at its unlock.
  const services = await createServices(session, { env, resourcesDir: options.resourcesDir, logger: options.logger, events, resumeOnUnlock: options.host !== 'cli', summaryEngine: options.summaryEngine });
  const table = createHandlerTable(services, { version: options.version, host: options.host, platform: process.platform });
  return {
    session,
    services,
    events,
    appHome,
    dispatch: createDispatcher(table, options.logger, () => { session.touch(); }),
    close: () => {
      session.lock();
      services.engine.close();
    },
  };
}
