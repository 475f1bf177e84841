import type { Migration } from './migration';

/**
 * Summaries are searchable (#16 section 3). The newest summary version of a recording is indexed
 * like its transcript: one `search_rows` row per item, source `summary` (a reviewed version) or
 * `summary-draft` (a draft, so a hit can say it was not reviewed). Only the allowed sources change:
 * `search_rows` is rebuilt with the same columns and ids (the contentless FTS index keys on those
 * ids and is left as it is), and the trigger that forgets a deleted recording's rows is recreated
 * around the rebuild. A summary version added (draft, review) or removed (retention, the transcript
 * it summarises destroyed) lists its recording in `search_stale`, so the next search or the
 * background build (app/search) rebuilds its rows from what the vault stores.
 */
export const migration016: Migration = {
  version: 16,
  name: 'summaries in the search index',
  up: `
    DROP TRIGGER search_forget_recording;
    CREATE TABLE search_rows_016 (
      id           INTEGER PRIMARY KEY,
      recording_id TEXT NOT NULL,
      source       TEXT NOT NULL CHECK (source IN ('transcript', 'title', 'account', 'participant', 'notes', 'tag', 'legacy', 'summary', 'summary-draft')),
      segment      INTEGER CHECK (segment IS NULL OR segment >= 0),
      start_ms     INTEGER,
      speaker      TEXT,
      text         TEXT NOT NULL
    ) STRICT;
    INSERT INTO search_rows_016 (id, recording_id, source, segment, start_ms, speaker, text)
      SELECT id, recording_id, source, segment, start_ms, speaker, text FROM search_rows ORDER BY id;
    DROP TABLE search_rows;
    ALTER TABLE search_rows_016 RENAME TO search_rows;
    CREATE INDEX search_rows_recording ON search_rows(recording_id, source);
    CREATE TRIGGER search_forget_recording AFTER DELETE ON recordings
      BEGIN
        DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_rows WHERE recording_id = old.id);
        DELETE FROM search_rows WHERE recording_id = old.id;
        DELETE FROM search_stale WHERE recording_id = old.id;
      END;

    CREATE TRIGGER search_stale_on_summary AFTER INSERT ON summaries
      BEGIN INSERT OR IGNORE INTO search_stale (recording_id) VALUES (new.recording_id); END;
    CREATE TRIGGER search_stale_on_summary_delete AFTER DELETE ON summaries
      WHEN EXISTS (SELECT 1 FROM recordings WHERE id = old.recording_id)
      BEGIN INSERT OR IGNORE INTO search_stale (recording_id) VALUES (old.recording_id); END;
    INSERT OR IGNORE INTO search_stale (recording_id) SELECT DISTINCT recording_id FROM summaries;
  `,
};
