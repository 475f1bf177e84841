import fs from 'node:fs';
import path from 'node:path';
import { nextEntry, type AuditVerdict } from '../../core/audit/audit-chain';
import type { SymmetricKey } from '../../core/ports/crypto';
import { createAuditRepo } from '../../platform/db/audit-repo';
import { DatabaseIntegrityError, openEncryptedDatabase } from '../../platform/db/connection';
import { RecordingFiles } from '../../platform/audio/recording-files';
import { copyReadableRows, type LostRange } from '../../platform/db/salvage-copy';
import { fsyncDirectory } from '../../platform/vault/atomic-file';
import type { Profile } from '../../platform/vault/profile-store';
import { unwrapMasterKey, type VaultSecret } from '../../platform/vault/vault-keys';
import { AppFailure } from '../app-failure';
import { AuditLog } from './audit-log';
import type { VaultContext } from './open-vault';
import { anchorSalvagedDatabase } from './salvage-anchor';
import { migrationKeysFor } from './migration-keys';

/** What the open error says to do next. */
export const SALVAGE_ADVICE =
  'Your recordings are separate files and are not affected. Run "callvault vault salvage" to copy everything that can still be read into a new database with the same keys; the damaged file is kept beside it.';

/** A damaged database at open: names the problem and the way out, as VAULT_CORRUPT (exit code 4). */
export function explainDatabaseFailure(error: unknown): unknown {
  if (error instanceof DatabaseIntegrityError) {
    return new AppFailure('VAULT_CORRUPT', `${error.message} ${SALVAGE_ADVICE}`, { cause: error });
  }
  return error;
}

export interface TableLoss {
  readonly table: string;
  readonly copied: number;
  readonly lost: readonly LostRange[];
  readonly unreadable: string | undefined;
}

export interface SalvageReport {
  /** Where the damaged database now lies, untouched (renamed, never rewritten). */
  readonly damagedFile: string;
  readonly tables: readonly TableLoss[];
  /** Rows kept although what they refer to was lost. */
  readonly orphans: readonly { table: string; rowid: number; parent: string }[];
  /** Recording files whose row (and with it the wrapped data key) was lost: their audio cannot be decrypted. */
  readonly recordingsWithoutKey: readonly { id: string; callTitle: string | undefined }[];
  /** The audit chain of the new database, checked after the salvage entry was written. */
  readonly audit: AuditVerdict;
  /** True when nothing at all was lost. */
  readonly complete: boolean;
}

const DB_FILE = 'vault.db';
const SIDE_FILES = ['-wal', '-shm'] as const;

/**
 * DANGEROUS, one-way for the vault's live database (never for the damaged one): copies every
 * readable row of a damaged `vault.db` into a new database keyed like the old one (same master
 * key, so every recording whose row survived still decrypts), records the salvage and its losses
 * in the new audit log, then moves the damaged file aside as `vault.db.damaged-<time>` and puts
 * the new one in its place. The damaged file's bytes are never written: it is read through a copy.
 * The old audit chain is not re-signed: where entries were lost it fails verification, and the
 * report says so.
 */
export async function salvageVault(profile: Profile, secret: VaultSecret, ctx: VaultContext): Promise<SalvageReport> {
  const vaultDir = profile.vaultDir;
  const live = path.join(vaultDir, DB_FILE);
  if (!fs.existsSync(live)) {
    throw new AppFailure('VAULT_NOT_FOUND', `There is no database to salvage in ${vaultDir}.`);
  }
  const { masterKey, header } = await unwrapMasterKey(vaultDir, secret, ctx.crypto);
  const stamp = ctx.now().toISOString().replaceAll(':', '-');
  const work = path.join(vaultDir, `salvage-${stamp}`);
  fs.mkdirSync(work, { mode: 0o700 });
  let swapping = false;
  try {
    // Read through a copy: opening the damaged file itself could checkpoint its WAL into it.
    const copy = path.join(work, 'damaged.db');
    for (const suffix of ['', ...SIDE_FILES]) {
      if (fs.existsSync(live + suffix)) {
        fs.copyFileSync(live + suffix, copy + suffix, fs.constants.COPYFILE_EXCL);
      }
    }
    const dbKey = ctx.crypto.deriveSubkey(masterKey, { kind: 'database' });
    const salvaged = path.join(work, DB_FILE);
    let report: Omit<SalvageReport, 'damagedFile'>;
    try {
      refuseIntact(copy, dbKey);
      // An old vault's rows are brought forward with the vault's keys, sealed like a migrated vault's.
      const migration = migrationKeysFor(ctx.crypto, masterKey, header.keyEpoch);
      let copied: ReturnType<typeof copyReadableRows>;
      try {
        copied = copyReadableRows(copy, salvaged, dbKey, migration.keysFor);
      } finally {
        migration.wipe();
      }
      report = recordSalvage(salvaged, dbKey, masterKey, ctx, copied.tables, copied.orphans, vaultDir);
    } finally {
      ctx.crypto.wipe(dbKey);
    }
    anchorSalvagedDatabase({ vaultDir, databaseFile: salvaged, header, masterKey, crypto: ctx.crypto, now: ctx.now });
    swapping = true;
    const damagedFile = swapIn(live, salvaged, stamp);
    swapping = false;
    return { damagedFile, ...report };
  } finally {
    ctx.crypto.wipe(masterKey);
    // A swap that failed half-way leaves the salvaged database in the work folder for a person to move.
    if (!swapping) {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
}

/** A database that opens cleanly needs no salvage; salvaging it would only lose its history's seal. */
function refuseIntact(file: string, dbKey: Uint8Array): void {
  if (opensCleanly(file, dbKey)) {
    throw new AppFailure('BAD_REQUEST', 'The vault database is not damaged: it opens and passes its integrity check. There is nothing to salvage.');
  }
}

function opensCleanly(file: string, dbKey: Uint8Array): boolean {
  try {
    openEncryptedDatabase(file, dbKey, { create: false }).close();
    return true;
  } catch {
    return false;
  }
}

function recordSalvage(
  file: string,
  dbKey: Uint8Array,
  masterKey: SymmetricKey,
  ctx: VaultContext,
  tables: readonly TableLoss[],
  orphans: SalvageReport['orphans'],
  vaultDir: string,
): Omit<SalvageReport, 'damagedFile'> {
  const db = openEncryptedDatabase(file, dbKey, { create: false });
  const auditKey = ctx.crypto.deriveSubkey(masterKey, { kind: 'audit-mac' });
  try {
    const known = new Set(db.prepare<[], { id: string }>('SELECT id FROM recordings').all().map((r) => r.id));
    const callTitle = db.prepare<[string], { meeting_title: string }>('SELECT meeting_title FROM calls WHERE recording_id = ?');
    const recordingsWithoutKey = listRecordingFiles(vaultDir)
      .filter((id) => !known.has(id))
      .map((id) => ({ id, callTitle: callTitle.get(id)?.meeting_title }));
    const lossy = tables.filter((t) => t.lost.length > 0 || t.unreadable !== undefined);
    const repo = createAuditRepo(db);
    // The salvage entry links to the last entry that survived, not to a head that may be lost:
    // nothing is re-signed, so a gap before it still fails verification.
    const last = repo.entries().reduce<{ seq: number; hash: Uint8Array } | undefined>((best, e) => (best === undefined || e.seq > best.seq ? e : best), undefined);
    const detail = {
      lostTables: lossy.map((t) => `${t.table}: ${t.unreadable ?? t.lost.map(formatRange).join(' ')}`).join('; '),
      recordingsWithoutKey: recordingsWithoutKey.map((r) => r.id).join(' '),
      orphanRows: orphans.length,
    };
    const { entry, head } = nextEntry(ctx.crypto, auditKey, last, ctx.now().toISOString(), 'vault.salvaged', JSON.stringify(detail));
    repo.append(entry, head);
    const audit = new AuditLog(ctx.crypto, auditKey, repo, ctx.now).verify();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { tables, orphans, recordingsWithoutKey, audit, complete: lossy.length === 0 && recordingsWithoutKey.length === 0 && audit.ok };
  } finally {
    db.close();
    ctx.crypto.wipe(auditKey);
  }
}

export function formatRange(range: LostRange): string {
  if (range.to === Number.POSITIVE_INFINITY) {
    return `rows from ${range.from} to the end`;
  }
  return range.from === range.to ? `row ${range.from}` : `rows ${range.from}-${range.to}`;
}

function listRecordingFiles(vaultDir: string): string[] {
  return new RecordingFiles(vaultDir).listIds();
}

/**
 * Moves the damaged database aside (rename only: its bytes stay as they were, its WAL beside it
 * under the matching name) and the salvaged one into place. Between the two renames there is no
 * `vault.db`; the salvaged file is complete and synced before the first rename.
 */
function swapIn(live: string, salvaged: string, stamp: string): string {
  const damaged = `${live}.damaged-${stamp}`;
  fs.renameSync(live, damaged);
  for (const suffix of SIDE_FILES) {
    if (fs.existsSync(live + suffix)) {
      fs.renameSync(live + suffix, damaged + suffix);
    }
  }
  fs.renameSync(salvaged, live);
  fsyncDirectory(path.dirname(live));
  return damaged;
}
