import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

export function recordingHandlers(session: VaultSession): Handlers<'recordings.list'> {
  return {
    'recordings.list': () =>
      session
        .requireVault()
        .recordings.list()
        .map(({ id, title, callType, startedAt, durationMs, status }) => ({ id, title, callType, startedAt, durationMs, status })),
  };
}
