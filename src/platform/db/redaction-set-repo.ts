import type { RedactionSetRepo } from '../../core/transcription/transcript-store';
import type { Db } from './connection';
import { AnyJsonColumn, parseJsonColumn } from './json-column';

/** The reviewed redaction set of a transcript version (removed with the version it covers). */
export function createRedactionSetRepo(db: Db): RedactionSetRepo {
  const upsert = db.prepare(
    `INSERT INTO transcript_redactions (recording_id, version, reviewed_at, reviewed_by, policy_hash, detector, redactions)
     VALUES (@recordingId, @version, @reviewedAt, @reviewedBy, @policyHash, @detector, @redactions)
     ON CONFLICT(recording_id, version) DO UPDATE SET reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by,
       policy_hash = excluded.policy_hash, detector = excluded.detector, redactions = excluded.redactions`,
  );
  const get = db.prepare<[string, number], { recording_id: string; version: number; reviewed_at: string; reviewed_by: string; policy_hash: string; detector: string; redactions: string }>(
    'SELECT * FROM transcript_redactions WHERE recording_id = ? AND version = ?',
  );
  return {
    save(set) {
      upsert.run({ ...set, redactions: JSON.stringify(set.redactions) });
    },
    get(recordingId, version) {
      const row = get.get(recordingId, version);
      if (!row) {
        return undefined;
      }
      return {
        recordingId: row.recording_id,
        version: row.version,
        reviewedAt: row.reviewed_at,
        reviewedBy: row.reviewed_by,
        policyHash: row.policy_hash,
        detector: row.detector,
        // Its shape is the review's (StoredReview), checked by the review and the export that read it.
        redactions: parseJsonColumn(AnyJsonColumn, row.redactions, () => `The redaction review of transcript version ${version} of recording ${recordingId}`),
      };
    },
  };
}
