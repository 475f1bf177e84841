import type { Migration } from './migration';

/**
 * Call summaries, versioned like transcripts: each row is one immutable version, a `draft` (by the
 * extractive drafter or a model) or a `reviewed` one made from a draft by the rep (`reviewed_from`
 * names that draft, which is kept). A summary belongs to the transcript version it was drafted
 * from; when a newer transcript version exists it is stale. The items (text that quotes the
 * call) are sealed under the recording's data key (`sealed`), so destroying the recording shreds
 * them; only counts and the drafter's kind are in the clear. Rows are never updated.
 */
export const migration012: Migration = {
  version: 12,
  name: 'summaries',
  up: `
    CREATE TABLE summaries (
      recording_id       TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
      version            INTEGER NOT NULL CHECK (version >= 1),
      transcript_version INTEGER NOT NULL CHECK (transcript_version >= 1),
      kind               TEXT NOT NULL CHECK (kind IN ('draft', 'reviewed')),
      drafter            TEXT NOT NULL CHECK (drafter IN ('extractive', 'model')),
      reviewed_from      INTEGER CHECK ((kind = 'reviewed') = (reviewed_from IS NOT NULL)),
      items              INTEGER NOT NULL CHECK (items >= 0),
      dropped            INTEGER NOT NULL CHECK (dropped >= 0),
      sealed             BLOB NOT NULL,
      created_at         TEXT NOT NULL,
      created_by         TEXT NOT NULL,
      PRIMARY KEY (recording_id, version),
      FOREIGN KEY (recording_id, transcript_version) REFERENCES transcripts(recording_id, version) ON DELETE CASCADE
    ) STRICT;
    CREATE TRIGGER summaries_no_update BEFORE UPDATE ON summaries
      BEGIN SELECT RAISE(ABORT, 'summary versions are immutable: add a version instead'); END;
  `,
};
