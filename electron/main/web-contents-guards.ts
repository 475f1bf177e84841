import { shell, type WebContents } from 'electron';
import type { Logger } from '../../src/app/logger';
import { externalLinkToOpen, type AppOrigin } from './app-origin';

function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Applied to every web contents the app creates: no navigation or redirect away from the app's
 * own pages, no new windows (https links go to the system browser instead), no <webview>.
 */
export function guardWebContents(contents: WebContents, origin: AppOrigin, logger: Logger): void {
  const stayHome = (event: { url: string; preventDefault: () => void }, what: string) => {
    if (!origin.contains(event.url)) {
      event.preventDefault();
      // Only the origin is logged: a URL's path or query may carry something private.
      logger.warn(`blocked a ${what} to ${originOf(event.url)}`);
    }
  };
  contents.on('will-navigate', (event) => { stayHome(event, 'navigation'); });
  contents.on('will-redirect', (event) => { stayHome(event, 'redirect'); });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalLinkToOpen(url);
    if (external === undefined) {
      logger.warn(`blocked a new window for ${originOf(url)}`);
    } else {
      shell.openExternal(external).catch((error: unknown) => { logger.error('could not open a link in the system browser', error); });
    }
    return { action: 'deny' };
  });
}
