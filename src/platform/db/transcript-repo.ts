import { z } from 'zod';
import type { TranscriptVersion } from '../../core/transcription/transcript';
import type { TranscriptRepo } from '../../core/transcription/transcript-store';
import type { Db } from './connection';
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
  segments: string;
  speaker_names: string;
}

const SpeakerNamesColumn = z.strictObject({ rep: z.string().optional(), customer: z.string().optional() });

function toVersion(row: TranscriptRow): TranscriptVersion {
  const what = (): string => `Transcript version ${row.version} of recording ${row.recording_id}`;
  return {
    recordingId: row.recording_id,
    version: row.version,
    kind: parseColumn(TranscriptKind, row.kind, what),
    createdAt: row.created_at,
    createdBy: row.created_by,
    engine: row.engine,
    language: row.language,
    segments: parseJsonColumn(StoredSegmentsColumn, row.segments, what),
    speakerNames: parseJsonColumn(SpeakerNamesColumn, row.speaker_names, what),
  };
}

export function createTranscriptRepo(db: Db): TranscriptRepo {
  const insert = db.prepare(
    `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments, speaker_names)
     VALUES (@recordingId, @version, @kind, @createdAt, @createdBy, @engine, @language, @segments, @speakerNames)`,
  );
  const maxVersion = db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM transcripts WHERE recording_id = ?');
  const latest = db.prepare<[string], TranscriptRow>('SELECT * FROM transcripts WHERE recording_id = ? ORDER BY version DESC LIMIT 1');
  const one = db.prepare<[string, number], TranscriptRow>('SELECT * FROM transcripts WHERE recording_id = ? AND version = ?');
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
        insert.run({ ...entry, version, segments: JSON.stringify(entry.segments), speakerNames: JSON.stringify(speakerNames) });
        return { ...entry, version, speakerNames };
      })();
    },
    latest(recordingId) {
      const row = latest.get(recordingId);
      return row ? toVersion(row) : undefined;
    },
    get(recordingId, version) {
      const row = one.get(recordingId, version);
      return row ? toVersion(row) : undefined;
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
