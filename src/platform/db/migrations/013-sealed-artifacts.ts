import type { Migration } from './migration';

/**
 * Crypto-shredding for every artifact (#15 section 2). `artifact_keys`: a random key per owner (a
 * recording, or a call for its notes) and artifact (transcript, notes, tags, summary), sealed
 * under the epoch key like a recording's audio data key, with owner and artifact bound in. An
 * empty `wrapped_key` is a destroyed key: retention empties it before it deletes the rows sealed
 * under it, so copies of those rows left in free pages, the WAL or a backup no longer open.
 */
export const migration013: Migration = {
  version: 13,
  name: 'sealed artifacts: per-artifact keys',
  up: `
    CREATE TABLE artifact_keys (
      owner       TEXT NOT NULL,
      artifact    TEXT NOT NULL CHECK (artifact IN ('transcript', 'notes', 'tags', 'summary')),
      key_epoch   INTEGER NOT NULL,
      wrapped_key BLOB NOT NULL,
      PRIMARY KEY (owner, artifact)
    ) STRICT, WITHOUT ROWID;
  `,
};
