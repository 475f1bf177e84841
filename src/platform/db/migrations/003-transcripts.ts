import type { Migration } from './migration';

/**
 * Transcripts (versioned: the machine transcript is version 1, corrections add versions), the
 * reviewed redaction set of a version, and the persistent transcription queue with its
 * checkpoints. All of it lives in the encrypted database, as does the full-text index, which is
 * rebuilt with a `source` column so a transcript's rows can be replaced without touching notes.
 */
export const migration003: Migration = {
  version: 3,
  name: 'transcripts, redaction sets, transcription jobs',
  up: `
    CREATE TABLE transcripts (
      recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
      version      INTEGER NOT NULL CHECK (version >= 1),
      kind         TEXT NOT NULL CHECK (kind IN ('machine', 'correction')),
      created_at   TEXT NOT NULL,
      created_by   TEXT NOT NULL,
      engine       TEXT NOT NULL,
      language     TEXT NOT NULL,
      segments     TEXT NOT NULL,
      PRIMARY KEY (recording_id, version)
    ) STRICT;
    CREATE TRIGGER transcripts_no_update BEFORE UPDATE ON transcripts
      BEGIN SELECT RAISE(ABORT, 'transcript versions are immutable: add a version instead'); END;

    CREATE TABLE transcript_redactions (
      recording_id TEXT NOT NULL,
      version      INTEGER NOT NULL,
      reviewed_at  TEXT NOT NULL,
      reviewed_by  TEXT NOT NULL,
      policy_hash  TEXT NOT NULL,
      detector     TEXT NOT NULL,
      redactions   TEXT NOT NULL,
      PRIMARY KEY (recording_id, version),
      FOREIGN KEY (recording_id, version) REFERENCES transcripts(recording_id, version) ON DELETE CASCADE
    ) STRICT;

    CREATE TABLE transcription_jobs (
      recording_id TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
      state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
      seq          INTEGER NOT NULL,
      percent      REAL NOT NULL DEFAULT 0,
      model        TEXT NOT NULL,
      language     TEXT NOT NULL,
      error        TEXT,
      attempts     INTEGER NOT NULL DEFAULT 0,
      queued_at    TEXT NOT NULL,
      updated_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX transcription_jobs_queue ON transcription_jobs(state, seq);

    -- Segments decoded so far by a job, so a restarted app resumes after the last one.
    CREATE TABLE transcription_checkpoints (
      recording_id TEXT NOT NULL REFERENCES transcription_jobs(recording_id) ON DELETE CASCADE,
      speaker      TEXT NOT NULL CHECK (speaker IN ('rep', 'customer')),
      seq          INTEGER NOT NULL,
      segment      TEXT NOT NULL,
      PRIMARY KEY (recording_id, speaker, seq)
    ) STRICT;
    -- A channel whose transcription finished (its segments are all in the checkpoints).
    CREATE TABLE transcription_channels_done (
      recording_id TEXT NOT NULL REFERENCES transcription_jobs(recording_id) ON DELETE CASCADE,
      speaker      TEXT NOT NULL CHECK (speaker IN ('rep', 'customer')),
      PRIMARY KEY (recording_id, speaker)
    ) STRICT;

    DROP TABLE search_index;
    CREATE VIRTUAL TABLE search_index USING fts5(recording_id UNINDEXED, source UNINDEXED, body);
  `,
};
