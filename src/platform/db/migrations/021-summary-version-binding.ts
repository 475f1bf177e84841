import type Database from 'better-sqlite3-multiple-ciphers';
import { MigrationError } from './migration-error';
import type { Migration, MigrationKeys } from './migration';
import { sealedColumn } from '../sealed-columns';

/**
 * Summaries bind their version (review finding on #15 section 2). Until now a summary was sealed
 * under its recording's summary key with only the recording (and the column) as associated data;
 * its version and kind were checked inside the plaintext after opening. Now the version is bound
 * in as associated data too (`sealedColumn.summary(version)`), like a transcript version's: a
 * sealed value moved to another version's row does not open (INTEGRITY) at the sealing layer.
 *
 * `convert` re-seals every summary whose key is live: opened under the old context and sealed
 * again under the new one, in this migration's transaction. A value that does not open under the
 * old context (altered, or its key destroyed) is left as it is: it did not open before and does
 * not open now. A value whose plaintext names another version than its row (moved before this
 * migration) is left as well, so the conversion never launders a moved value into place.
 */
export const migration021: Migration = {
  version: 21,
  name: 'summary version bound into the sealed value',
  up: `
    DROP TRIGGER summaries_no_update;
  `,
  convert(db, keys) {
    convertSummaries(db, keys);
    db.exec(`
      CREATE TRIGGER summaries_no_update BEFORE UPDATE ON summaries
        BEGIN SELECT RAISE(ABORT, 'summary versions are immutable: add a version instead'); END;
    `);
  },
};

function convertSummaries(db: Database.Database, keys: MigrationKeys | undefined): void {
  const rows = db.prepare<[], { recording_id: string; version: number; sealed: Buffer }>('SELECT recording_id, version, sealed FROM summaries').all();
  if (rows.length === 0) {
    return;
  }
  if (keys === undefined) {
    throw new MigrationError('This vault holds summaries to seal again with their version bound in, which needs the unlocked vault: open it with CallVault.');
  }
  const { sealer } = keys;
  const update = db.prepare('UPDATE summaries SET sealed = ? WHERE recording_id = ? AND version = ?');
  for (const row of rows) {
    let plain: Uint8Array;
    try {
      plain = sealer.open(row.recording_id, 'summary', sealedColumn.summaryBeforeVersions, new Uint8Array(row.sealed));
    } catch {
      continue; // Altered, or its key destroyed: refused at read, as before.
    }
    if (namesAnotherVersion(plain, row.version)) {
      continue; // Moved from another version's row: left to be refused at read.
    }
    update.run(Buffer.from(sealer.seal(row.recording_id, 'summary', sealedColumn.summary(row.version), plain)), row.recording_id, row.version);
  }
}

function namesAnotherVersion(plain: Uint8Array, version: number): boolean {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(plain));
    return typeof parsed === 'object' && parsed !== null && 'version' in parsed && parsed.version !== version;
  } catch {
    return false;
  }
}
