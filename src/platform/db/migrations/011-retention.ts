import type { Migration } from './migration';

/**
 * Retention (#15). `deal_outcomes`: a call's opportunity marked won or lost, and on which day
 * (periods can count from it). `retention_holds`: legal holds, training and compliance
 * exemptions, issued locally by an entitled role or received signed from a team server (the
 * signed grant is kept as received, so it can be verified again); a released hold stays as
 * history. While a hold is in force the recording's row cannot be deleted, whatever code asks:
 * the trigger is the last line behind the checks in core/retention. `retention_destroyed`: which
 * artifacts of a recording retention has destroyed, and under which rule (no content).
 * `retention_journal`: destructions decided and not yet finished (a crash mid-sweep resumes
 * them at the next unlock). `exemption_requests`: a rep's request that a call be kept (a
 * training-library candidate), for an entitled role to grant. The recording's audio, once
 * destroyed ahead of its transcript, leaves an empty wrapped key (and its tombstone here).
 */
export const migration011: Migration = {
  version: 11,
  name: 'retention: deal outcomes, holds, destroyed artifacts, sweep journal, exemption requests',
  up: `
    CREATE TABLE deal_outcomes (
      recording_id TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
      outcome      TEXT NOT NULL CHECK (outcome IN ('won', 'lost')),
      decided_on   TEXT NOT NULL,
      recorded_at  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE retention_holds (
      id            TEXT PRIMARY KEY,
      recording_id  TEXT NOT NULL,
      exemption_id  TEXT NOT NULL,
      issuer_role   TEXT NOT NULL,
      issuer_key_id TEXT NOT NULL,
      issued_at     TEXT NOT NULL,
      signed_grant  TEXT,
      released_at   TEXT,
      released_by   TEXT
    ) STRICT;
    CREATE INDEX retention_holds_active ON retention_holds(recording_id) WHERE released_at IS NULL;
    CREATE TRIGGER recordings_held_no_delete BEFORE DELETE ON recordings
      WHEN EXISTS (SELECT 1 FROM retention_holds WHERE recording_id = old.id AND released_at IS NULL)
      BEGIN SELECT RAISE(ABORT, 'held: a hold is in force on this recording'); END;

    CREATE TABLE retention_destroyed (
      recording_id TEXT NOT NULL,
      artifact     TEXT NOT NULL,
      rule         TEXT NOT NULL,
      due_on       TEXT NOT NULL,
      destroyed_at TEXT NOT NULL,
      PRIMARY KEY (recording_id, artifact)
    ) STRICT;

    CREATE TABLE retention_journal (
      recording_id TEXT NOT NULL,
      artifact     TEXT NOT NULL,
      rule         TEXT NOT NULL,
      due_on       TEXT NOT NULL,
      started_at   TEXT NOT NULL,
      PRIMARY KEY (recording_id, artifact)
    ) STRICT;

    CREATE TABLE exemption_requests (
      id           TEXT PRIMARY KEY,
      recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
      exemption_id TEXT NOT NULL,
      requested_at TEXT NOT NULL,
      state        TEXT NOT NULL CHECK (state IN ('open', 'granted', 'declined'))
    ) STRICT;
  `,
};
