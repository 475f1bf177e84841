import type { Migration } from './migration';

/**
 * A recording's waveform peaks, computed once from its decrypted audio and stored sealed under the
 * recording's own data key (as its audio chunks are), so the overview needs no second pass over a
 * long call and destroying the recording's key shreds the peaks with the audio. `format` names the
 * layout of the sealed bytes; `source_chunks` is how many chunks the audio had when they were
 * computed (a recording that grew, such as a recovered one kept later, gets them computed again).
 * The index on recordings(call_id) lets the library find the calls without a recording (declined,
 * withdrawn) without scanning every recording for each call.
 */
export const migration008: Migration = {
  version: 8,
  name: 'waveform peaks',
  up: `
    CREATE TABLE recording_peaks (
      recording_id  TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
      format        INTEGER NOT NULL CHECK (format >= 1),
      source_chunks INTEGER NOT NULL CHECK (source_chunks >= 0),
      sealed        BLOB NOT NULL,
      computed_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX recordings_call ON recordings(call_id);
  `,
};
