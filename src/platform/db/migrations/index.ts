import type Database from 'better-sqlite3-multiple-ciphers';
import { migration001 } from './001-initial';
import { migration002 } from './002-consent-and-calls';
import { migration003 } from './003-transcripts';
import { migration004 } from './004-recording-chunk-count';
import { migration005 } from './005-rebuild-transcript-index';
import { migration008 } from './008-waveform-peaks';
import type { Migration } from './migration';
import { CallVaultError } from '../../../shared/callvault-error';

// MERGE NOTE (branch player): 006 and 007 belong to the branches 'edit' and 'find'; these
// placeholders only keep the numbering whole on this branch and are replaced by theirs at merge.
const reserved006: Migration = { version: 6, name: 'reserved for transcript editing and tags', up: 'SELECT 1;' };
const reserved007: Migration = { version: 7, name: 'reserved for search', up: 'SELECT 1;' };

export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, reserved006, reserved007, migration008];

export class MigrationError extends CallVaultError {
  override readonly name = 'MigrationError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('VAULT_CORRUPT', message, options);
  }
}

/** Applies each pending migration in its own transaction; refuses a database from a newer app. */
export function runMigrations(db: Database.Database, upTo: number = migrations.length): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new MigrationError(`This vault was written by a newer CallVault (schema ${current}); update the app to open it.`);
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > upTo) {
      continue;
    }
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
