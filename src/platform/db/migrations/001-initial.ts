import type { Migration } from './migration';

export const migration001: Migration = {
  version: 1,
  name: 'initial vault schema',
  up: `
    CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE recordings (
      id           TEXT PRIMARY KEY,
      title        TEXT NOT NULL,
      call_type    TEXT NOT NULL,
      started_at   TEXT NOT NULL,
      duration_ms  INTEGER NOT NULL DEFAULT 0,
      status       TEXT NOT NULL,
      key_epoch    INTEGER NOT NULL,
      wrapped_key  BLOB NOT NULL,
      created_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX recordings_started_at ON recordings(started_at DESC);

    CREATE TABLE audit_log (
      seq        INTEGER PRIMARY KEY,
      at         TEXT NOT NULL,
      event      TEXT NOT NULL,
      detail     TEXT NOT NULL,
      prev_hash  BLOB NOT NULL,
      hash       BLOB NOT NULL,
      mac        BLOB NOT NULL
    ) STRICT;

    -- The last entry's sequence and hash, MAC'd, so cutting entries off the end is detected too.
    CREATE TABLE audit_head (
      id    INTEGER PRIMARY KEY CHECK (id = 1),
      seq   INTEGER NOT NULL,
      hash  BLOB NOT NULL,
      mac   BLOB NOT NULL
    ) STRICT;

    -- Full-text index over transcripts and notes; it lives inside the encrypted database.
    CREATE VIRTUAL TABLE search_index USING fts5(recording_id UNINDEXED, body);
  `,
};
