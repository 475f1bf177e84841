import type { RedactionSetRepo } from '../../core/transcription/transcript-store';
import type { ArtifactSealer } from '../../core/ports/artifact-sealer';
import type { Db } from './connection';
import { openFrom, sealedColumn, sealTo } from './sealed-columns';
import { AnyJsonColumn, parseJsonColumn } from './json-column';

/** The reviewed redaction set of a transcript version (removed with the version it covers). */
export function createRedactionSetRepo(db: Db, sealer: ArtifactSealer): RedactionSetRepo {
  const upsert = db.prepare(
    `INSERT INTO transcript_redactions (recording_id, version, reviewed_at, reviewed_by, policy_hash, detector, redactions, sealed)
     VALUES (@recordingId, @version, @reviewedAt, @reviewedBy, @policyHash, @detector, '', @sealed)
     ON CONFLICT(recording_id, version) DO UPDATE SET reviewed_at = excluded.reviewed_at, reviewed_by = excluded.reviewed_by,
       policy_hash = excluded.policy_hash, detector = excluded.detector, redactions = '', sealed = excluded.sealed`,
  );
  const get = db.prepare<[string, number], { recording_id: string; version: number; reviewed_at: string; reviewed_by: string; policy_hash: string; detector: string; sealed: Buffer | null }>(
    'SELECT recording_id, version, reviewed_at, reviewed_by, policy_hash, detector, sealed FROM transcript_redactions WHERE recording_id = ? AND version = ?',
  );
  return {
    save(set) {
      // The review (its dismissal reasons are the rep's words) is sealed under the transcript's key.
      const sealed = sealTo(sealer, set.recordingId, 'transcript', sealedColumn.redactions(set.version), JSON.stringify(set.redactions));
      upsert.run({ recordingId: set.recordingId, version: set.version, reviewedAt: set.reviewedAt, reviewedBy: set.reviewedBy, policyHash: set.policyHash, detector: set.detector, sealed });
    },
    get(recordingId, version) {
      const row = get.get(recordingId, version);
      if (!row) {
        return undefined;
      }
      const what = (): string => `The redaction review of transcript version ${version} of recording ${recordingId}`;
      return {
        recordingId: row.recording_id,
        version: row.version,
        reviewedAt: row.reviewed_at,
        reviewedBy: row.reviewed_by,
        policyHash: row.policy_hash,
        detector: row.detector,
        // Its shape is the review's (StoredReview), checked by the review and the export that read it.
        redactions: parseJsonColumn(AnyJsonColumn, openFrom(sealer, recordingId, 'transcript', sealedColumn.redactions(version), row.sealed, what), what),
      };
    },
  };
}
