import type { Migration } from './migration';

/**
 * Rebuilds the transcript rows of the full-text index from the stored transcripts.
 *
 * Migration 003 replaced the index (to add its `source` column) with DROP and CREATE, without
 * copying a row across: whatever a version-2 vault had indexed was gone after 003. In practice
 * the version-2 app never wrote to the index (only its tests did), and transcripts, the index's
 * one real source, arrived with 003 itself, so no vault lost a search result it had. But 003
 * has run on users' vaults, so it is not edited; and the loss shows that the index must be
 * derivable from the rows it indexes rather than a store of its own. This migration makes that
 * true for every vault whatever its history: each recording's transcript rows are replaced by
 * the segment texts of its latest transcript version (what the transcription queue indexes,
 * one row per segment). Rows from other sources ('notes') have no other copy and are kept.
 * The FTS `optimize` afterwards merges the segments, so deleted rows leave no readable copy.
 */
export const migration005: Migration = {
  version: 5,
  name: 'rebuild the transcript index from stored transcripts',
  up: `
    DELETE FROM search_index WHERE source = 'transcript';
    INSERT INTO search_index (recording_id, source, body)
      SELECT t.recording_id, 'transcript', json_extract(s.value, '$.text')
      FROM transcripts AS t, json_each(t.segments) AS s
      WHERE t.version = (SELECT max(version) FROM transcripts WHERE recording_id = t.recording_id)
        AND json_type(s.value, '$.text') = 'text'
      ORDER BY t.recording_id, s.key;
    INSERT INTO search_index(search_index) VALUES('optimize');
  `,
};
