import { afterEach, beforeEach } from 'vitest';
import { ROLE_IDS, type RoleId } from '../../../src/shared/team/roles';
import type { Member } from './team-client';
import { startTestServer, type Backend, type TestServer } from './test-server';

/** A fresh server per test with one signed-in member of every role, and a second rep in the first rep's team. */
export interface RoleRoster {
  readonly server: TestServer;
  /** The same object for the whole describe block (safe to destructure); refilled before each test. */
  readonly by: Record<RoleId, Member>;
  /** Another rep of team alpha, who sees nothing of the first rep's. */
  readonly rep2: Member;
}

/**
 * Registers beforeEach/afterEach hooks in the calling describe block: one server per test (a
 * PGlite data directory is a temporary directory, removed after each test), every role enrolled
 * (rep and manager in team alpha, the others in no team) and a second rep in alpha.
 */
export function roleRosterPerTest(backend: Backend): RoleRoster {
  const by = {} as Record<RoleId, Member>;
  const state: { server: TestServer | undefined; rep2: Member | undefined } = { server: undefined, rep2: undefined };
  beforeEach(async () => {
    const server = await startTestServer(backend);
    state.server = server;
    for (const role of ROLE_IDS) {
      by[role] = await server.member(role, role === 'rep' || role === 'manager' ? 'alpha' : null);
    }
    state.rep2 = await server.member('rep', 'alpha');
  }, 300_000);
  afterEach(async () => {
    await state.server?.close();
    state.server = undefined;
  });
  return {
    by,
    get server() {
      if (state.server === undefined) {
        throw new Error('the roster server runs only inside a test');
      }
      return state.server;
    },
    get rep2() {
      if (state.rep2 === undefined) {
        throw new Error('the roster members exist only inside a test');
      }
      return state.rep2;
    },
  };
}
