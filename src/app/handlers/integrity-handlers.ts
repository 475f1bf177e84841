import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

/** The vault's own checks: the audit chain and a full verification, read-only. */
export function integrityHandlers(session: VaultSession): Handlers<'vault.verify' | 'audit.entries' | 'audit.verify'> {
  return {
    'vault.verify': () => {
      const report = session.requireVault().verify();
      return {
        ok: report.ok,
        database: report.database,
        audit: report.audit,
        recordings: report.recordings.map(({ id, title, startedAt, status, chunks, problems, notes }) => ({ id, title, startedAt, status, chunks, problems, notes })),
        strays: report.strays,
      };
    },
    'audit.entries': () => session.requireVault().audit.entries().map(({ seq, at, event, detail }) => ({ seq, at, event, detail })),
    'audit.verify': () => session.requireVault().audit.verify(),
  };
}
