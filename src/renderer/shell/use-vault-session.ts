import { useCallback, useEffect, useReducer, type Dispatch } from 'react';
import { call, onVaultLocked } from '../client/callvault-client';
import { describeError } from '../client/error-text';
import { useEvent } from '../client/use-query';
import { initialSession, sessionReducer, type Session, type SessionEvent } from './vault-machine';

export type VaultSession = {
  session: Session;
  dispatch: Dispatch<SessionEvent>;
  reloadProfiles: () => Promise<void>;
};

/** Loads the vault status and profiles, and follows the vault when it locks itself. */
export function useVaultSession(): VaultSession {
  const [session, dispatch] = useReducer(sessionReducer, initialSession);
  useEffect(() => {
    const stale = new AbortController();
    void (async () => {
      const [status, profiles] = await Promise.all([call('vault.status', {}), call('profiles.list', {})]);
      if (stale.signal.aborted) {
        return;
      }
      if (!status.ok) {
        dispatch({ type: 'load-failed', message: describeError(status.error) });
      } else if (!profiles.ok) {
        dispatch({ type: 'load-failed', message: describeError(profiles.error) });
      } else {
        dispatch({ type: 'loaded', status: status.value, profiles: profiles.value });
      }
    })();
    return () => {
      stale.abort();
    };
  }, []);

  // Any call that finds the vault locked means it locked itself while we showed it unlocked.
  useEffect(
    () =>
      onVaultLocked(() => {
        dispatch({ type: 'found-locked' });
      }),
    [],
  );

  // The app says when it locked itself while idle: the unlock screen shows at once, with why.
  useEvent('vault.status', ({ state, idle }) => {
    if (state === 'locked' && idle) {
      dispatch({ type: 'found-locked' });
    }
  });

  // Coming back to the window is when an idle lock matters: check before the user acts on a
  // screen that no longer holds. (No polling: an idle timer must stay idle.)
  useEffect(() => {
    const check = () => {
      if (document.visibilityState !== 'visible') {
        return;
      }
      void call('vault.status', {}).then((status) => {
        if (status.ok) {
          dispatch({ type: 'status-refreshed', status: status.value });
        }
      });
    };
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    return () => {
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
    };
  }, []);

  const reloadProfiles = useCallback(async () => {
    const profiles = await call('profiles.list', {});
    if (profiles.ok) {
      dispatch({ type: 'profiles-loaded', profiles: profiles.value });
    }
  }, []);

  return { session, dispatch, reloadProfiles };
}
