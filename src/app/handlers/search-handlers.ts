import { searchCalls } from '../search/search-service';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

/** Search across the calls of the unlocked vault (see app/search/search-service.ts). */
export function searchHandlers(session: VaultSession): Handlers<'search.calls'> {
  return {
    'search.calls': (input) => searchCalls(session.requireVault(), input),
  };
}
