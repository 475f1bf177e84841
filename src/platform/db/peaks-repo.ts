import type { PeaksRepo } from '../../core/recordings/waveform-peaks';
import type { Db } from './connection';

/** A recording's sealed waveform peaks (removed with the recording's row). */
export function createPeaksRepo(db: Db): PeaksRepo {
  const upsert = db.prepare(
    `INSERT INTO recording_peaks (recording_id, format, source_chunks, sealed, computed_at) VALUES (@recordingId, @format, @sourceChunks, @sealed, @computedAt)
     ON CONFLICT(recording_id) DO UPDATE SET format = excluded.format, source_chunks = excluded.source_chunks, sealed = excluded.sealed, computed_at = excluded.computed_at`,
  );
  const get = db.prepare<[string], { recording_id: string; format: number; source_chunks: number; sealed: Buffer; computed_at: string }>('SELECT * FROM recording_peaks WHERE recording_id = ?');
  return {
    save(peaks) {
      upsert.run({ ...peaks, sealed: Buffer.from(peaks.sealed) });
    },
    get(recordingId) {
      const row = get.get(recordingId);
      return row && { recordingId: row.recording_id, format: row.format, sourceChunks: row.source_chunks, sealed: new Uint8Array(row.sealed), computedAt: row.computed_at };
    },
  };
}
