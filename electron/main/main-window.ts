import { BrowserWindow } from 'electron';
import type { Logger } from '../../src/app/logger';
import type { AppOrigin } from './app-origin';

/**
 * The one app window. Every web preference that matters for security is spelled out, even where
 * it is Electron's default, so a future default change cannot loosen it silently.
 */
export function createMainWindow(options: { preloadPath: string; origin: AppOrigin; devTools: boolean; logger: Logger }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'CallVault',
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Spell-checking dictionaries are downloaded from the network; a local-first app does not.
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  window.once('ready-to-show', () => { window.show(); });
  window.webContents.on('render-process-gone', (_event, details) => {
    options.logger.error(`the window's renderer stopped (${details.reason})`);
  });
  window.loadURL(options.origin.entryUrl).catch((error: unknown) => {
    options.logger.error('the window could not load the app', error);
  });
  return window;
}
