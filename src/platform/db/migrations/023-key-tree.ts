import type { Migration } from './migration';

/** The triggers that mark a key's bucket (and the shred secret) when a live key of `table` is emptied or deleted. */
function bucketMarks(table: 'recordings' | 'artifact_keys'): string {
  const mark = `BEGIN
      UPDATE key_buckets SET rekey_due = 1 WHERE bucket = -1 - OLD.key_epoch;
      UPDATE shred_state SET rotation_due = 1;
    END;`;
  return `
    CREATE TRIGGER ${table}_key_emptied AFTER UPDATE OF wrapped_key ON ${table}
      WHEN OLD.key_epoch < 0 AND length(OLD.wrapped_key) > 0 AND length(NEW.wrapped_key) = 0
    ${mark}
    CREATE TRIGGER ${table}_key_deleted AFTER DELETE ON ${table}
      WHEN OLD.key_epoch < 0 AND length(OLD.wrapped_key) > 0
    ${mark}`;
}

/**
 * The key tree (#15 section 2, docs/RETENTION.md "Key tree"): recordings' data keys and artifact
 * keys are wrapped under their bucket's key-encryption key, and only the bucket KEKs under the
 * shred epoch's wrapping key, so a rotation after a destruction rewraps the touched buckets and the
 * KEKs instead of every live key. `key_epoch` of a key wrapped in the tree is `-1 - bucket`.
 *
 * The triggers mark a bucket for a fresh KEK (`rekey_due`) and the shred secret for rotation in
 * the very transaction that empties or deletes one of its live keys, whatever code path does it:
 * a crash after that commit still rekeys and rotates at the next unlock.
 *
 * SQL cannot unwrap keys, and the wrapping key of a vault at schema 22 needs its shred secret from
 * the key store, which the unlock reads after the migrations: the unlock converts the keys
 * (`ShredSecret`, in one transaction, with the vault's keys), exactly as it set up migration 022's
 * secret. Until then the keys stay as they were (flat, `key_epoch >= 0`) and open as before.
 */
export const migration023: Migration = {
  version: 23,
  name: 'key-tree',
  up: `
    CREATE TABLE key_buckets (
      bucket      INTEGER PRIMARY KEY CHECK (bucket >= 0 AND bucket < 256),
      key_epoch   INTEGER NOT NULL CHECK (key_epoch >= 0),
      wrapped_kek BLOB NOT NULL CHECK (length(wrapped_kek) > 0),
      rekey_due   INTEGER NOT NULL DEFAULT 0 CHECK (rekey_due IN (0, 1))
    ) STRICT;
    CREATE INDEX recordings_by_key_epoch ON recordings (key_epoch);
    CREATE INDEX artifact_keys_by_key_epoch ON artifact_keys (key_epoch);

    ${bucketMarks('recordings')}
    ${bucketMarks('artifact_keys')}
  `,
};
