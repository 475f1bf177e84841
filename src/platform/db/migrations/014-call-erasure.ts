import type { Migration } from './migration';

/**
 * Call metadata goes with the call's content (issue #15). Once every content artifact of a call
 * is destroyed (its recording's row removed, by retention, a deletion request or the rep), the
 * `calls` row and the personal fields of its consent records must not stay readable.
 *
 * Consent records stay append-only evidence: what proves consent was obtained (when, which
 * script and version, under which policy hash, the outcome and method, who recorded it) is kept
 * as it was; only the participant's name, email and the free-text note are replaced by
 * `erased:` + a keyed digest (MAC under a key derived from the vault master key), so the holder
 * of the vault can still check a record against an identifier put to them, and nobody can read
 * or guess it from the database alone. The call row keeps its id, type, policy hash, script,
 * state and days; its account, title and participants are replaced the same way, and
 * `erased_at` says when. The triggers make that the only change ever allowed: one erasure of a
 * call whose recordings are all gone, and of the consent records of an erased call, once.
 *
 * `revocation_queue`: shared clips a deletion request could not revoke (the team server was
 * unreachable), retried at each outbox sync until the server confirms; `note` then holds the
 * signed follow-up to the deletion certificate (JSON). Ids and days only, no content.
 */
export const migration014: Migration = {
  version: 14,
  name: 'call-erasure',
  up: `
    ALTER TABLE calls ADD COLUMN erased_at TEXT;

    CREATE TRIGGER calls_erased_final BEFORE UPDATE ON calls
      WHEN old.erased_at IS NOT NULL
      BEGIN SELECT RAISE(ABORT, 'an erased call is final'); END;
    CREATE TRIGGER calls_erase_only_without_recording BEFORE UPDATE OF erased_at ON calls
      WHEN new.erased_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM recordings r WHERE r.id = old.recording_id OR r.call_id = old.id)
      BEGIN SELECT RAISE(ABORT, 'a call is erased only once its recordings are gone'); END;

    DROP TRIGGER consent_records_no_update;
    CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
      WHEN NOT (
        (SELECT erased_at FROM calls WHERE id = old.call_id) IS NOT NULL
        AND old.participant_email NOT LIKE 'erased:%'
        AND new.participant_name LIKE 'erased:%' AND new.participant_email LIKE 'erased:%' AND new.note LIKE 'erased:%'
        AND new.seq IS old.seq AND new.call_id IS old.call_id AND new.at IS old.at
        AND new.script_id IS old.script_id AND new.script_version IS old.script_version
        AND new.policy_hash IS old.policy_hash AND new.outcome IS old.outcome
        AND new.method IS old.method AND new.recorded_by IS old.recorded_by
      )
      BEGIN SELECT RAISE(ABORT, 'consent records are append-only (only an erased call''s personal fields may be replaced by their digests)'); END;

    CREATE TABLE revocation_queue (
      share_id     TEXT PRIMARY KEY,
      recording_id TEXT NOT NULL,
      request_id   TEXT NOT NULL,
      queued_at    TEXT NOT NULL,
      attempts     INTEGER NOT NULL DEFAULT 0,
      last_error   TEXT,
      done_at      TEXT,
      outcome      TEXT CHECK (outcome IN ('revoked-on-server', 'withdrawn-from-outbox')),
      note         TEXT,
      CHECK ((done_at IS NULL) = (outcome IS NULL))
    ) STRICT;
  `,
};
