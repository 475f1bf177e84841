import type { Migration } from './migration';

/**
 * How many chunks a recording's file holds when the vault last knew its end: set when the final
 * chunk is written and when a crashed recording is recovered. `vault verify` compares the file
 * with it, so a file cut at a chunk boundary cannot pass as a shorter recording. NULL for rows
 * written before this migration and for recordings still being written; verify then relies on
 * the final flag (and the stored duration) alone.
 */
export const migration004: Migration = {
  version: 4,
  name: 'recording chunk count',
  up: `
    ALTER TABLE recordings ADD COLUMN chunk_count INTEGER CHECK (chunk_count IS NULL OR chunk_count >= 0);
  `,
};
