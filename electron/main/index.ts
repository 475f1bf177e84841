import path from 'node:path';
// The Electron main process: lifecycle only. Each guard lives in its own file; this one decides
// the order they are installed in — all of them before the window loads anything.
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session, type WebFrameMain } from 'electron';
import { composeApp, type App } from '../../src/app/compose';
import { createSafeStorageKeychain } from './safe-storage-keychain';
import { createStderrLogger } from '../../src/app/logger';
import { CONTENT_SECURITY_POLICY, ELECTRON_CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { resolveAppOrigin } from './app-origin';
import { forwardContractEvents, registerContractIpc } from './ipc';
import { createMainWindow } from './main-window';
import { registerAppScheme, serveRenderer } from './renderer-protocol';
import { enforceContentSecurityPolicy, grantSystemAudioCapture, restrictPermissions } from './session-security';
import { guardWebContents } from './web-contents-guards';
import { sqliteBindingFor } from '../../src/platform/db/native-binding';
import { launchUtilityWorker, summaryWorker } from './summary-worker-process';

const logger = createStderrLogger();
const origin = resolveAppOrigin({ packaged: app.isPackaged, rendererUrl: process.env.ELECTRON_RENDERER_URL });
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
/** The checkout an unpackaged run was built from (the bundle is out/main/index.js). */
const checkoutRoot = fileURLToPath(new URL('../..', import.meta.url));

let mainWindow: BrowserWindow | undefined;
let callvault: App | undefined;

const isAppContents = (id: number) => mainWindow !== undefined && !mainWindow.isDestroyed() && mainWindow.webContents.id === id;
const isAppMainFrame = (frame: WebFrameMain | null) => {
  if (!frame || !mainWindow || mainWindow.isDestroyed()) {
    return false;
  }
  const main = mainWindow.webContents.mainFrame;
  return frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId && origin.contains(frame.url);
};

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath, origin, devTools: !app.isPackaged, logger });
  mainWindow.on('closed', () => { mainWindow = undefined; });
}

function focusWindow(): void {
  if (!mainWindow) {
    openWindow();
    return;
  }
  if (mainWindow.isMinimized()) {
    mainWindow.restore();
  }
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  const ses = session.defaultSession;
  enforceContentSecurityPolicy(ses, origin.kind === 'dev-server' ? CONTENT_SECURITY_POLICY : ELECTRON_CONTENT_SECURITY_POLICY);
  restrictPermissions(ses, { origin, isAppContents, logger });
  grantSystemAudioCapture(ses, { origin, isAppMainFrame, captureRequested: () => callvault?.services.capture.current() !== undefined, logger });
  serveRenderer(ses, rendererDir, ELECTRON_CONTENT_SECURITY_POLICY);

  callvault = await composeApp({
    host: 'electron',
    version: app.getVersion(),
    logger,
    env: { ...process.env, CALLVAULT_HOME: process.env.CALLVAULT_HOME ?? app.getPath('userData') },
    keychain: createSafeStorageKeychain(),
    // Packaged, the default policy sits in extraResources; from a checkout it is found from the sources.
    ...(app.isPackaged ? { resourcesDir: path.join(process.resourcesPath, 'resources') } : {}),
    // Packaged, electron-builder rebuilt node_modules for Electron. From a checkout, node_modules
    // holds Node's build (the tests and the CLI use it): load the Electron build kept beside it.
    ...(app.isPackaged ? {} : { sqliteBinding: sqliteBindingFor(checkoutRoot, { electron: process.versions.electron, platform: process.platform, arch: process.arch }) }),
    // The summary engine's worker as built beside this bundle, run as a utility process.
    summaryEngine: { worker: summaryWorker, launch: launchUtilityWorker },
  });
  registerContractIpc({ dispatch: callvault.dispatch, window: () => mainWindow, origin, logger });
  forwardContractEvents({ events: callvault.events, window: () => mainWindow, origin });
  openWindow();
}

// Before ready: the privileged scheme and the sandbox for every renderer, whatever creates it.
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another CallVault owns the vault files; it is focused through 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (app.isReady() && callvault) {
      focusWindow();
    }
  });
  app.on('web-contents-created', (_event, contents) => { guardWebContents(contents, origin, logger); });
  app.on('window-all-closed', () => {
    // No window, no unlocked vault: keys leave memory even where the app keeps running (macOS).
    callvault?.session.lock();
    if (process.platform !== 'darwin') {
      app.quit();
    }
  });
  app.on('activate', () => {
    if (app.isReady() && callvault && BrowserWindow.getAllWindows().length === 0) {
      openWindow();
    }
  });
  app.on('will-quit', () => {
    callvault?.close();
    callvault = undefined;
  });
  start().catch((error: unknown) => {
    logger.error('CallVault could not start', error);
    app.exit(1);
  });
}
