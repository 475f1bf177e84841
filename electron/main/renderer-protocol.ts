import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol, type Session } from 'electron';
import { resolveStatic } from '../../src/host/static-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * Must run before the app is ready. `standard` gives the scheme real origins (so same-origin and
 * CSP 'self' mean "the app's own files"); `secure` makes it a secure context, which the
 * microphone requires; `supportFetchAPI`/`corsEnabled` let module scripts load (Vite emits
 * `<script type="module" crossorigin>`). No CSP bypass, no service workers.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer on `callvault://app/`: GET only, files inside `rendererDir` only
 * (no path climbing out of it), every response with the CSP and no-sniff headers.
 */
export function serveRenderer(session: Session, rendererDir: string, contentSecurityPolicy: string): void {
  const root = path.resolve(rendererDir);
  const baseHeaders = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) {
      return new Response('Not found\n', { status: 404, headers: baseHeaders });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...baseHeaders, Allow: 'GET, HEAD' } });
    }
    const found = resolveStatic(root, url.pathname);
    if (!found) {
      return new Response('Not found\n', { status: 404, headers: baseHeaders });
    }
    const body = request.method === 'HEAD' ? null : await readFile(found.file);
    return new Response(body, { status: 200, headers: { ...baseHeaders, 'Content-Type': found.type } });
  });
}
