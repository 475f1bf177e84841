import type { Migration } from './migration';

/**
 * Calls, consent, approvals, acknowledgments, notes and bookmarks. Consent records and
 * acknowledgments are append-only: triggers refuse UPDATE and DELETE, so the record of who
 * agreed to what cannot be rewritten through the app's own database connection.
 */
export const migration002: Migration = {
  version: 2,
  name: 'calls, consent records, approvals, acknowledgments, notes, bookmarks',
  up: `
    CREATE TABLE calls (
      id             TEXT PRIMARY KEY,
      call_type      TEXT NOT NULL,
      account        TEXT NOT NULL,
      meeting_title  TEXT NOT NULL,
      participants   TEXT NOT NULL,
      policy_hash    TEXT NOT NULL,
      script_id      TEXT NOT NULL,
      script_version INTEGER NOT NULL,
      consent_scope  TEXT NOT NULL,
      state          TEXT NOT NULL,
      recording_id   TEXT,
      created_at     TEXT NOT NULL,
      ended_at       TEXT
    ) STRICT;

    CREATE TABLE consent_records (
      seq              INTEGER PRIMARY KEY,
      call_id          TEXT NOT NULL REFERENCES calls(id),
      participant_name TEXT NOT NULL,
      participant_email TEXT NOT NULL,
      at               TEXT NOT NULL,
      script_id        TEXT NOT NULL,
      script_version   INTEGER NOT NULL,
      policy_hash      TEXT NOT NULL,
      outcome          TEXT NOT NULL CHECK (outcome IN ('granted', 'declined', 'withdrawn')),
      method           TEXT CHECK (method IN ('verbal', 'written', 'notified-in-advance', 'attestation')),
      recorded_by      TEXT NOT NULL,
      note             TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX consent_records_call ON consent_records(call_id);
    CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON consent_records
      BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
    CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON consent_records
      BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;

    CREATE TABLE approvals (
      id           TEXT PRIMARY KEY,
      call_type    TEXT NOT NULL,
      account      TEXT NOT NULL,
      approved_by  TEXT NOT NULL,
      approver_role TEXT NOT NULL,
      approved_at  TEXT NOT NULL,
      reason       TEXT NOT NULL,
      policy_hash  TEXT NOT NULL,
      used_by_call TEXT
    ) STRICT;

    CREATE TABLE policy_acknowledgments (
      seq            INTEGER PRIMARY KEY,
      policy_hash    TEXT NOT NULL,
      material_hash  TEXT NOT NULL,
      policy_version TEXT NOT NULL,
      acknowledged_by TEXT NOT NULL,
      at             TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER policy_acknowledgments_no_update BEFORE UPDATE ON policy_acknowledgments
      BEGIN SELECT RAISE(ABORT, 'acknowledgments are append-only'); END;
    CREATE TRIGGER policy_acknowledgments_no_delete BEFORE DELETE ON policy_acknowledgments
      BEGIN SELECT RAISE(ABORT, 'acknowledgments are append-only'); END;

    CREATE TABLE call_notes (
      call_id    TEXT PRIMARY KEY REFERENCES calls(id),
      body       TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE bookmarks (
      id           INTEGER PRIMARY KEY,
      recording_id TEXT NOT NULL,
      at_ms        INTEGER NOT NULL,
      note         TEXT NOT NULL DEFAULT '',
      created_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX bookmarks_recording ON bookmarks(recording_id);

    ALTER TABLE recordings ADD COLUMN policy_hash TEXT NOT NULL DEFAULT '';
    ALTER TABLE recordings ADD COLUMN call_id TEXT;
    ALTER TABLE recordings ADD COLUMN channels INTEGER NOT NULL DEFAULT 2;
    ALTER TABLE recordings ADD COLUMN recovered_at_ms INTEGER;
  `,
};
