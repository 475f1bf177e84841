/**
 * Where the app's own pages come from, and the one test every guard uses to tell them from
 * anything else. Built pages are served on a privileged custom scheme (`callvault://app/`) rather
 * than file://: a file:// page shares its origin with every file on the disk, so "our origin"
 * would mean nothing. The Vite dev server is trusted only in an unpackaged build, and only on a
 * loopback address.
 */
export const APP_SCHEME = 'callvault';
export const APP_HOST = 'app';

export interface AppOrigin {
  /** The URL the window loads. */
  readonly entryUrl: string;
  /** `'dev-server'` pages run under the browser-host CSP so Vite's HMR socket can connect. */
  readonly kind: 'bundled' | 'dev-server';
  /** True only for a URL (or a serialised origin) of the app's own pages. */
  contains(url: string | undefined): boolean;
}

const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parse(url: string | undefined): URL | undefined {
  if (url === undefined || url === '') {
    return undefined;
  }
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Compares scheme and host (with port) only: for a custom scheme Node's `URL.origin` is "null". */
function sameOrigin(candidate: URL | undefined, own: URL): boolean {
  return candidate !== undefined && candidate.protocol === own.protocol && candidate.host === own.host && candidate.username === '' && candidate.password === '';
}

export function bundledAppOrigin(): AppOrigin {
  const own = new URL(`${APP_SCHEME}://${APP_HOST}/`);
  return {
    entryUrl: `${APP_SCHEME}://${APP_HOST}/index.html`,
    kind: 'bundled',
    contains: (url) => sameOrigin(parse(url), own),
  };
}

/**
 * The app origin for this launch. `ELECTRON_RENDERER_URL` (set by `electron-vite dev`) is honoured
 * only when the app is not packaged and the URL is plain http on loopback: an installed app must
 * never hand its IPC to a page named by an environment variable.
 */
export function resolveAppOrigin(options: { packaged: boolean; rendererUrl: string | undefined }): AppOrigin {
  if (options.packaged || options.rendererUrl === undefined || options.rendererUrl === '') {
    return bundledAppOrigin();
  }
  const dev = parse(options.rendererUrl);
  if (!dev || dev.protocol !== 'http:' || !LOOPBACK_HOSTNAMES.has(dev.hostname)) {
    throw new Error(`ELECTRON_RENDERER_URL must be an http:// loopback address, not ${JSON.stringify(options.rendererUrl)}.`);
  }
  return { entryUrl: dev.href, kind: 'dev-server', contains: (url) => sameOrigin(parse(url), dev) };
}

/** The only links handed to the system browser: https, without credentials in the URL. */
export function externalLinkToOpen(url: string): string | undefined {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') {
    return undefined;
  }
  return parsed.href;
}
