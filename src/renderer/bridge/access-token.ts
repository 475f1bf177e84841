// The browser host prints a link carrying a per-launch access token in the URL fragment
// (`#token=…`). The fragment never reaches a server log; we move the token into sessionStorage so
// a reload of this tab still works, and take it out of the address bar straight away.

const STORAGE_KEY = 'callvault.token';

/** Characters allowed in a WebSocket subprotocol value (an RFC 7230 token), which carries it. */
const TOKEN_SHAPE = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,512}$/;

function readStored(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function store(token: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage disabled: the token still works for this page, only a reload will need the link again.
  }
}

/** Returns the access token for this tab, or null when the page was not opened from the link. */
export function takeAccessToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash !== null) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    if (TOKEN_SHAPE.test(fromHash)) {
      store(fromHash);
      return fromHash;
    }
    return null;
  }
  const stored = readStored();
  return stored !== null && TOKEN_SHAPE.test(stored) ? stored : null;
}

/** Drops a token the host refused (e.g. one from an earlier launch), so a reload asks for the link. */
export function forgetAccessToken(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
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
