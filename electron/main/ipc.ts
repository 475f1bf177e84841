import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { AppEventSource } from '../../src/app/app-events';
import type { Dispatcher } from '../../src/app/dispatch';
import type { Logger } from '../../src/app/logger';
import { methodNames, type Result } from '../../src/shared/contract';
import { channelFor, eventChannelFor } from '../preload/ipc-channel';
import type { AppOrigin } from './app-origin';

const UNAUTHORIZED: Result<never> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'This request did not come from the CallVault window, so it was refused.' },
};

/**
 * Only the top frame of the app's own window, showing an app page, may call the contract. A
 * subframe, another window, a navigated-away or destroyed frame is refused before any handler runs.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined, origin: AppOrigin): boolean {
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || frame === null || frame.isDestroyed() || frame.detached) {
    return false;
  }
  const main = window.webContents.mainFrame;
  return (
    event.sender.id === window.webContents.id &&
    frame.parent === null &&
    frame.processId === main.processId &&
    frame.routingId === main.routingId &&
    origin.contains(frame.url)
  );
}

/**
 * Registers one `ipcMain.handle` per contract method, each checking its sender and then handing
 * the call to the dispatcher, which validates the input. Returns the unregister function.
 */
export function registerContractIpc(options: {
  readonly dispatch: Dispatcher;
  readonly window: () => BrowserWindow | undefined;
  readonly origin: AppOrigin;
  readonly logger: Logger;
}): () => void {
  const channels = methodNames.map((method) => {
    const channel = channelFor(method);
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, options.window(), options.origin)) {
        options.logger.warn(`refused ${method} from a sender that is not the app's main frame`);
        return UNAUTHORIZED;
      }
      return options.dispatch(method, input);
    });
    return channel;
  });
  return () => {
    for (const channel of channels) {
      ipcMain.removeHandler(channel);
    }
  };
}

/**
 * Sends each app event to the app's own window, on that event's channel, and only while its top
 * frame shows an app page (a window that navigated elsewhere, or is gone, hears nothing). Returns
 * the function that stops forwarding.
 */
export function forwardContractEvents(options: {
  readonly events: AppEventSource;
  readonly window: () => BrowserWindow | undefined;
  readonly origin: AppOrigin;
}): () => void {
  return options.events.subscribe(({ name, payload }) => {
    const window = options.window();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) {
      return;
    }
    if (!options.origin.contains(window.webContents.mainFrame.url)) {
      return;
    }
    window.webContents.send(eventChannelFor(name), payload);
  });
}
