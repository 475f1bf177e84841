/**
 * The renderer's Content Security Policy, one definition for every host. The renderer's
 * index.html carries the browser variant as a meta tag; the hosts also send it as a header so it
 * covers every response. Where both apply the browser enforces both, so the stricter one wins.
 */
function contentSecurityPolicy(connectSrc: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${connectSrc.join(' ')}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Browser host: the page talks to its host over a loopback WebSocket. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*']);

/** Electron host: everything goes through the preload's IPC, so the page may open no socket at all. */
export const ELECTRON_CONTENT_SECURITY_POLICY = contentSecurityPolicy(["'self'"]);
