import { BrowserWindow, dialog, shell, type MessageBoxOptions, type WebContents } from 'electron';
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
 * Asks before a link leaves the app: a page (or text pasted into one) must not be able to send the
 * user somewhere with one click. The host name is shown in its ASCII (punycode) form, so a
 * look-alike domain cannot pass for a familiar one. Resolves true only when the user chose to open.
 */
async function userConfirmsLink(contents: WebContents, url: string): Promise<boolean> {
  const options: MessageBoxOptions = {
    type: 'question',
    title: 'Open a link in your browser',
    message: `Open ${new URL(url).host} in your web browser?`,
    detail: `${url}\n\nOnly open links you expected. CallVault sends nothing with it.`,
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const parent = BrowserWindow.fromWebContents(contents);
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return response === 1;
}

/**
 * Applied to every web contents the app creates: no navigation or redirect away from the app's
 * own pages, no new windows (an https link goes to the system browser instead, after the user
 * confirms it), no <webview>.
 */
export function guardWebContents(contents: WebContents, origin: AppOrigin, logger: Logger): void {
  // One question at a time: a page that opens links in a loop gets one dialog, not a stack of them.
  let asking = false;
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
    } else if (asking) {
      logger.warn(`ignored a link to ${originOf(url)} while another one awaits confirmation`);
    } else {
      asking = true;
      userConfirmsLink(contents, external)
        .then(async (confirmed) => {
          if (confirmed) {
            await shell.openExternal(external);
          } else {
            logger.info(`the user chose not to open a link to ${originOf(external)}`);
          }
        })
        .catch((error: unknown) => { logger.error('could not open a link in the system browser', error); })
        .finally(() => { asking = false; });
    }
    return { action: 'deny' };
  });
}
