import { desktopCapturer, type Session, type WebFrameMain } from 'electron';
import type { Logger } from '../../src/app/logger';
import type { AppOrigin } from './app-origin';
import { mayGrantPermission } from './permission-policy';

const CSP_HEADER = 'content-security-policy';

/** Replaces any CSP a response carries with ours, on every response the session receives. */
export function enforceContentSecurityPolicy(session: Session, contentSecurityPolicy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== CSP_HEADER));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
}

/**
 * Permission requests and checks both go through the one policy (microphone and display capture
 * for the app's own top frame, nothing else). Device pickers (HID, USB, serial) are cancelled.
 */
export function restrictPermissions(session: Session, options: { origin: AppOrigin; isAppContents: (id: number) => boolean; logger: Logger }): void {
  const isApp = (url: string | undefined) => options.origin.contains(url);

  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const granted =
      options.isAppContents(contents.id) &&
      mayGrantPermission({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes: 'mediaTypes' in details ? (details.mediaTypes ?? []) : [] }, isApp);
    if (!granted) {
      options.logger.warn(`denied the "${permission}" permission`);
    }
    callback(granted);
  });

  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    return (
      contents !== null &&
      options.isAppContents(contents.id) &&
      isApp(requestingOrigin) &&
      mayGrantPermission({ permission, requestingUrl: details.requestingUrl ?? details.securityOrigin ?? requestingOrigin, isMainFrame: details.isMainFrame, mediaTypes: details.mediaType ? [details.mediaType] : [] }, isApp)
    );
  });

  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
}

/**
 * `getDisplayMedia` from the app's top frame gets the first screen (video is mandatory in the
 * API; the page stops that track at once) plus loopback system audio, the customer's channel.
 * Anything else is refused. `captureRequested` is where the recording flow will arm a one-shot
 * grant through a contract call; until that call exists the app's own main frame suffices.
 */
export function grantSystemAudioCapture(session: Session, options: {
  isAppMainFrame: (frame: WebFrameMain | null) => boolean;
  origin: AppOrigin;
  captureRequested: () => boolean;
  logger: Logger;
}): void {
  session.setDisplayMediaRequestHandler((request, callback) => {
    if (!request.audioRequested || !options.isAppMainFrame(request.frame) || !options.origin.contains(request.securityOrigin) || !options.captureRequested()) {
      options.logger.warn('refused a display-media request that did not come from the app window');
      callback(null);
      return;
    }
    desktopCapturer
      .getSources({ types: ['screen'], thumbnailSize: { width: 0, height: 0 } })
      .then((sources) => {
        const screen = sources[0];
        if (!screen) {
          options.logger.warn('no screen source to attach system audio to');
          callback(null);
          return;
        }
        callback({ video: screen, audio: 'loopback' });
      })
      .catch((error: unknown) => {
        options.logger.error('could not list capture sources', error);
        callback(null);
      });
  });
}
