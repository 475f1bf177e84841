import type { Migration } from './migration';

/**
 * Search across calls (#13 section 4). The full-text index becomes two tables:
 *
 * - `search_rows`: one row per piece of a recording that search finds (a transcript segment with
 *   its index, start time and speaker; the title; the account; a participant; the notes; a tag),
 *   holding the text as written, so results show it and highlight it;
 * - `search_index`: FTS5 over the *normalised* terms of each row (numbers spelled as digits, so
 *   "4242" and "four two four two" index alike; see core/search/search-text.ts), contentless
 *   (`content=''`, `contentless_delete=1`): it keeps only the inverted index, not a second copy
 *   of the text. Its rowid is the `search_rows` id.
 *
 * Both live in the encrypted database like everything else. Normalising is TypeScript, which SQL
 * cannot run, so the index is derived lazily: `search_stale` lists recordings whose rows must be
 * rebuilt from what the vault stores, and triggers put a recording there whenever something it
 * indexes changes (a new transcript version, its title, its call's account, participants or
 * notes). The app rebuilds stale recordings before each search (app/search/search-index-sync.ts),
 * so the index follows new transcript versions whoever writes them. A trigger forgets a deleted
 * recording's rows in the same statement that deletes it. This migration marks every recording
 * stale, which rebuilds the whole index (from the latest transcript versions) at the first search.
 *
 * Rows of the old index that were not transcript rows have no other copy (the app itself never
 * wrote any, only tests did, but a vault may hold some): they are kept as source 'legacy', indexed
 * as written, and never rebuilt.
 */
export const migration007: Migration = {
  version: 7,
  name: 'search rows, normalised contentless index, stale list and triggers',
  up: `
    CREATE TABLE search_rows (
      id           INTEGER PRIMARY KEY,
      recording_id TEXT NOT NULL,
      source       TEXT NOT NULL CHECK (source IN ('transcript', 'title', 'account', 'participant', 'notes', 'tag', 'legacy')),
      segment      INTEGER CHECK (segment IS NULL OR segment >= 0),
      start_ms     INTEGER,
      speaker      TEXT,
      text         TEXT NOT NULL
    ) STRICT;
    CREATE INDEX search_rows_recording ON search_rows(recording_id, source);

    INSERT INTO search_rows (recording_id, source, text)
      SELECT recording_id, 'legacy', body FROM search_index
      WHERE source IS NOT 'transcript' AND typeof(body) = 'text' AND recording_id IS NOT NULL
      ORDER BY rowid;
    DROP TABLE search_index;
    CREATE VIRTUAL TABLE search_index USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
    INSERT INTO search_index (rowid, body) SELECT id, text FROM search_rows;

    CREATE TABLE search_stale (recording_id TEXT PRIMARY KEY) STRICT;
    INSERT OR IGNORE INTO search_stale (recording_id) SELECT id FROM recordings;

    CREATE TRIGGER search_stale_on_transcript AFTER INSERT ON transcripts
      BEGIN INSERT OR IGNORE INTO search_stale (recording_id) VALUES (new.recording_id); END;
    CREATE TRIGGER search_stale_on_recording AFTER INSERT ON recordings
      BEGIN INSERT OR IGNORE INTO search_stale (recording_id) VALUES (new.id); END;
    CREATE TRIGGER search_stale_on_recording_change AFTER UPDATE OF title, call_id ON recordings
      BEGIN INSERT OR IGNORE INTO search_stale (recording_id) VALUES (new.id); END;
    CREATE TRIGGER search_stale_on_call_change AFTER UPDATE OF account, meeting_title, participants, recording_id ON calls
      BEGIN
        INSERT OR IGNORE INTO search_stale (recording_id) SELECT id FROM recordings WHERE call_id = new.id OR id = new.recording_id;
      END;
    CREATE TRIGGER search_stale_on_notes_insert AFTER INSERT ON call_notes
      BEGIN
        INSERT OR IGNORE INTO search_stale (recording_id)
          SELECT id FROM recordings WHERE call_id = new.call_id OR id = (SELECT recording_id FROM calls WHERE id = new.call_id);
      END;
    CREATE TRIGGER search_stale_on_notes_update AFTER UPDATE ON call_notes
      BEGIN
        INSERT OR IGNORE INTO search_stale (recording_id)
          SELECT id FROM recordings WHERE call_id = new.call_id OR id = (SELECT recording_id FROM calls WHERE id = new.call_id);
      END;
    CREATE TRIGGER search_forget_recording AFTER DELETE ON recordings
      BEGIN
        DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_rows WHERE recording_id = old.id);
        DELETE FROM search_rows WHERE recording_id = old.id;
        DELETE FROM search_stale WHERE recording_id = old.id;
      END;
  `,
};
