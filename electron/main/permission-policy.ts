/**
 * Which web permissions the app's page may have: the microphone (the rep's channel) and the
 * display-capture request that carries the system audio (the customer's channel). Nothing else —
 * no camera, notifications, geolocation, clipboard, HID/USB/serial, or anything added later —
 * and nothing for any page but the app's own top frame.
 */
export interface PermissionAsk {
  readonly permission: string;
  /** The requesting frame's URL or serialised origin. */
  readonly requestingUrl: string | undefined;
  readonly isMainFrame: boolean;
  /** For `media`: the devices asked for (`audio`, `video`; a check may say `unknown`). */
  readonly mediaTypes: readonly string[];
}

export function mayGrantPermission(ask: PermissionAsk, isAppUrl: (url: string | undefined) => boolean): boolean {
  if (!ask.isMainFrame || !isAppUrl(ask.requestingUrl)) {
    return false;
  }
  switch (ask.permission) {
    case 'media':
      return ask.mediaTypes.length > 0 && ask.mediaTypes.every((type) => type === 'audio');
    case 'display-capture':
      // Allowing the request only lets it reach the display-media handler, which itself picks
      // the source (screen + loopback audio); the page never chooses a window or tab.
      return true;
    default:
      return false;
  }
}
