// The browser host prints a link carrying a launch token in the URL fragment (`#token=…`). The
// fragment never reaches a server log; we take it out of the address bar straight away. The host
// accepts the launch token once and answers it with a session token: this tab keeps both in
// sessionStorage, the session token to reconnect after a reload, the spent launch token only to
// recognise its own link if it is opened again in this tab. A copy of the link anywhere else
// (shell history, logs) opens nothing once this tab has used it.

const LAUNCH_KEY = 'callvault.launchToken';
const SESSION_KEY = 'callvault.sessionToken';

/** Characters allowed in a WebSocket subprotocol value (an RFC 7230 token), which carries it. */
const TOKEN_SHAPE = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,512}$/;

function read(key: string): string | null {
  try {
    const value = sessionStorage.getItem(key);
    return value !== null && TOKEN_SHAPE.test(value) ? value : null;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Storage disabled: the credential still works for this page, only a reload will lose it.
  }
}

function remove(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}

/**
 * Returns the credential this tab presents to the host (its session token, or a launch token
 * not yet exchanged), or null when the page was not opened from the link.
 */
export function takeAccessToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash !== null) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    if (!TOKEN_SHAPE.test(fromHash)) {
      return null;
    }
    const session = read(SESSION_KEY);
    if (read(LAUNCH_KEY) === fromHash && session !== null) {
      return session;
    }
    // A link this tab has not exchanged yet (a new launch): start over with it.
    remove(SESSION_KEY);
    write(LAUNCH_KEY, fromHash);
    return fromHash;
  }
  return read(SESSION_KEY) ?? read(LAUNCH_KEY);
}

/** Keeps the session token the host gave for this tab's launch token, for reloads. */
export function rememberSessionToken(session: string): void {
  if (TOKEN_SHAPE.test(session)) {
    write(SESSION_KEY, session);
  }
}

/** Drops credentials the host refused (e.g. from an earlier launch), so a reload asks for the link. */
export function forgetAccessToken(): void {
  remove(SESSION_KEY);
  remove(LAUNCH_KEY);
}

/**
 * A link pasted into an already open tab changes only the fragment, which does not reload the
 * page; reload so the new token is picked up (and the old connection, if any, is dropped).
 */
export function reloadOnNewToken(): void {
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(location.hash.slice(1)).has('token')) {
      location.reload();
    }
  });
}
