import type { Migration } from './migration';

/**
 * The rep's corrections and tags (#13 sections 2 and 3).
 *
 * - `transcripts.speaker_names`: the names the rep gave the speakers in a version (JSON object,
 *   `{}` for none). Versions stay immutable; a rename is a new version like any correction.
 * - `tags`: a tag from the policy's taxonomy on a whole call (no range) or on a moment
 *   (`from_ms`..`to_ms`); `source` says whether the rep added it or accepted a suggestion.
 * - `tag_suggestion_decisions`: suggestions the rep accepted or rejected, keyed by tag and the
 *   time of the sentence that triggered it, so a rejected suggestion is not offered again.
 *
 * Everything lives in the encrypted database and goes with the recording (ON DELETE CASCADE).
 */
export const migration006: Migration = {
  version: 6,
  name: 'transcript speaker names, tags, tag suggestion decisions',
  up: `
    ALTER TABLE transcripts ADD COLUMN speaker_names TEXT NOT NULL DEFAULT '{}';

    CREATE TABLE tags (
      id           TEXT PRIMARY KEY,
      recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
      tag          TEXT NOT NULL,
      from_ms      INTEGER,
      to_ms        INTEGER,
      source       TEXT NOT NULL CHECK (source IN ('manual', 'suggestion')),
      created_at   TEXT NOT NULL,
      created_by   TEXT NOT NULL,
      CHECK ((from_ms IS NULL) = (to_ms IS NULL)),
      CHECK (from_ms IS NULL OR (from_ms >= 0 AND to_ms > from_ms))
    ) STRICT;
    CREATE INDEX tags_by_recording ON tags(recording_id, from_ms);
    CREATE INDEX tags_by_tag ON tags(tag, recording_id);

    CREATE TABLE tag_suggestion_decisions (
      recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
      tag          TEXT NOT NULL,
      at_ms        INTEGER NOT NULL,
      decision     TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
      decided_at   TEXT NOT NULL,
      decided_by   TEXT NOT NULL,
      PRIMARY KEY (recording_id, tag, at_ms)
    ) STRICT;
  `,
};
