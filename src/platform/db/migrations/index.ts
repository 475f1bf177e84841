import type Database from 'better-sqlite3-multiple-ciphers';
import { migration001 } from './001-initial';
import { migration002 } from './002-consent-and-calls';
import { migration003 } from './003-transcripts';
import { migration004 } from './004-recording-chunk-count';
import { migration005 } from './005-rebuild-transcript-index';
import { migration006 } from './006-transcript-edits-and-tags';
import { migration007 } from './007-search-rows';
import { migration008 } from './008-waveform-peaks';
import { migration010 } from './010-team-sharing';
import { migration011 } from './011-retention';
import { migration012 } from './012-summaries';
import { migration013 } from './013-sealed-artifacts';
import { migration014 } from './014-call-erasure';
import { migration016 } from './016-summary-search';
import { migration017 } from './017-hashed-search-index';
import { migration021 } from './021-summary-version-binding';
import { migration022 } from './022-shred-secret';
import { migration023 } from './023-key-tree';
import { migration024 } from './024-search-block-filters';
import type { Migration, MigrationKeys } from './migration';
import { MigrationError } from './migration-error';

export type { MigrationKeys } from './migration';

export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration010, migration011, migration012, migration013, migration014, migration016, migration017, migration021, migration022, migration023, migration024];

export { MigrationError };

/** Applies each pending migration in its own transaction; refuses a database from a newer app. */
/** The schema version this build writes: the last migration's (numbers are reserved per branch, so they may skip). */
export const latestSchemaVersion = Math.max(...migrations.map((m) => m.version));

export function runMigrations(db: Database.Database, upTo: number = latestSchemaVersion, keys?: () => MigrationKeys): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestSchemaVersion) {
    throw new MigrationError(`This vault was written by a newer CallVault (schema ${current}); update the app to open it.`);
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > upTo) {
      continue;
    }
    db.transaction(() => {
      db.exec(migration.up);
      migration.convert?.(db, keys?.());
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
