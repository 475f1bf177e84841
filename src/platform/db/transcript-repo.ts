import { z } from 'zod';
import type { TranscriptVersion } from '../../core/transcription/transcript';
import type { TranscriptRepo } from '../../core/transcription/transcript-store';
import type { ArtifactSealer } from '../../core/ports/artifact-sealer';
import type { Db } from './connection';
import { openFrom, sealedColumn, sealTo } from './sealed-columns';
import { parseColumn, parseJsonColumn, StoredSegmentsColumn } from './json-column';
import { CallVaultError } from '../../shared/callvault-error';

/**
 * Transcript versions: the machine transcript is version 1, corrections add versions, and a
 * stored version is never changed (a trigger refuses UPDATE).
 */
export class TranscriptRowError extends CallVaultError {
  override readonly name = 'TranscriptRowError';
  /** INTEGRITY for a stored row that does not parse; INTERNAL for a write the app must not make. */
  constructor(override readonly code: 'INTEGRITY' | 'INTERNAL', message: string) {
    super(code, message);
  }
}

const TranscriptKind = z.enum(['machine', 'correction']);

interface TranscriptRow {
  recording_id: string;
  version: number;
  kind: string;
  created_at: string;
  created_by: string;
  engine: string;
  language: string;
  sealed: Buffer | null;
}

const SpeakerNamesColumn = z.strictObject({ rep: z.string().optional(), customer: z.string().optional() });
const SealedPayload = z.strictObject({ segments: z.unknown(), speakerNames: z.unknown() });

function toVersion(row: TranscriptRow, sealer: ArtifactSealer): TranscriptVersion {
  const what = (): string => `Transcript version ${row.version} of recording ${row.recording_id}`;
  // Segments, words and speaker names are sealed under the recording's transcript key (migration 013).
  const payload = parseJsonColumn(SealedPayload, openFrom(sealer, row.recording_id, 'transcript', sealedColumn.transcript(row.version), row.sealed, what), what);
  return {
    recordingId: row.recording_id,
    version: row.version,
    kind: parseColumn(TranscriptKind, row.kind, what),
    createdAt: row.created_at,
    createdBy: row.created_by,
    engine: row.engine,
    language: row.language,
    segments: parseColumn(StoredSegmentsColumn, payload.segments, what),
    speakerNames: parseColumn(SpeakerNamesColumn, payload.speakerNames, what),
  };
}

export function createTranscriptRepo(db: Db, sealer: ArtifactSealer): TranscriptRepo {
  const insert = db.prepare(
    `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments, speaker_names, sealed)
     VALUES (@recordingId, @version, @kind, @createdAt, @createdBy, @engine, @language, '', '', @sealed)`,
  );
  const maxVersion = db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM transcripts WHERE recording_id = ?');
  const latest = db.prepare<[string], TranscriptRow>('SELECT recording_id, version, kind, created_at, created_by, engine, language, sealed FROM transcripts WHERE recording_id = ? ORDER BY version DESC LIMIT 1');
  const one = db.prepare<[string, number], TranscriptRow>('SELECT recording_id, version, kind, created_at, created_by, engine, language, sealed FROM transcripts WHERE recording_id = ? AND version = ?');
  const versions = db.prepare<[string], { version: number; kind: string; created_at: string; created_by: string }>(
    'SELECT version, kind, created_at, created_by FROM transcripts WHERE recording_id = ? ORDER BY version',
  );
  const withTranscript = db.prepare<[], { recording_id: string; v: number }>('SELECT recording_id, max(version) AS v FROM transcripts GROUP BY recording_id');
  return {
    add(entry) {
      return db.transaction(() => {
        const version = (maxVersion.get(entry.recordingId)?.v ?? 0) + 1;
        if (entry.kind === 'machine' && version !== 1) {
          throw new TranscriptRowError('INTERNAL', `Recording ${entry.recordingId} already has a machine transcript; corrections add versions.`);
        }
        const speakerNames = entry.speakerNames ?? {};
        const sealed = sealTo(sealer, entry.recordingId, 'transcript', sealedColumn.transcript(version), JSON.stringify({ segments: entry.segments, speakerNames }));
        insert.run({ recordingId: entry.recordingId, version, kind: entry.kind, createdAt: entry.createdAt, createdBy: entry.createdBy, engine: entry.engine, language: entry.language, sealed });
        return { ...entry, version, speakerNames };
      })();
    },
    latest(recordingId) {
      const row = latest.get(recordingId);
      return row ? toVersion(row, sealer) : undefined;
    },
    get(recordingId, version) {
      const row = one.get(recordingId, version);
      return row ? toVersion(row, sealer) : undefined;
    },
    versions(recordingId) {
      return versions.all(recordingId).map((r) => ({
        version: r.version,
        kind: parseColumn(TranscriptKind, r.kind, () => `Transcript version ${r.version} of recording ${recordingId}`),
        createdAt: r.created_at,
        createdBy: r.created_by,
      }));
    },
    latestVersions() {
      return new Map(withTranscript.all().map((r) => [r.recording_id, r.v]));
    },
  };
}
