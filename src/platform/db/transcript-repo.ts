import type { Speaker } from '../../core/transcription/merge-segments';
import type { StoredSegment, TranscriptKind, TranscriptVersion } from '../../core/transcription/transcript';
import type { Db } from './connection';
import { CallVaultError } from '../../shared/callvault-error';

/**
 * Transcript versions, their reviewed redaction sets, and the transcription queue. Rows are
 * inside the encrypted database; JSON columns hold structure the app wrote itself and are
 * parsed defensively anyway (a row that does not parse is reported, not trusted).
 */
export class TranscriptRowError extends CallVaultError {
  override readonly name = 'TranscriptRowError';

  /** INTEGRITY for a stored row that does not parse; INTERNAL for a write the app must not make. */
  constructor(override readonly code: 'INTEGRITY' | 'INTERNAL', message: string) {
    super(code, message);
  }
}

interface TranscriptRow {
  recording_id: string;
  version: number;
  kind: TranscriptKind;
  created_at: string;
  created_by: string;
  engine: string;
  language: string;
  segments: string;
}

function toVersion(row: TranscriptRow): TranscriptVersion {
  const segments: unknown = JSON.parse(row.segments);
  if (!Array.isArray(segments)) {
    throw new TranscriptRowError('INTEGRITY', `Transcript version ${row.version} of recording ${row.recording_id} is damaged.`);
  }
  return {
    recordingId: row.recording_id,
    version: row.version,
    kind: row.kind,
    createdAt: row.created_at,
    createdBy: row.created_by,
    engine: row.engine,
    language: row.language,
    segments: segments as StoredSegment[],
  };
}

export interface TranscriptVersionSummary {
  readonly version: number;
  readonly kind: TranscriptKind;
  readonly createdAt: string;
  readonly createdBy: string;
}

export function createTranscriptRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments)
     VALUES (@recordingId, @version, @kind, @createdAt, @createdBy, @engine, @language, @segments)`,
  );
  const maxVersion = db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM transcripts WHERE recording_id = ?');
  const latest = db.prepare<[string], TranscriptRow>('SELECT * FROM transcripts WHERE recording_id = ? ORDER BY version DESC LIMIT 1');
  const one = db.prepare<[string, number], TranscriptRow>('SELECT * FROM transcripts WHERE recording_id = ? AND version = ?');
  const versions = db.prepare<[string], { version: number; kind: TranscriptKind; created_at: string; created_by: string }>(
    'SELECT version, kind, created_at, created_by FROM transcripts WHERE recording_id = ? ORDER BY version',
  );
  const withTranscript = db.prepare<[], { recording_id: string; v: number }>('SELECT recording_id, max(version) AS v FROM transcripts GROUP BY recording_id');
  return {
    /** Adds the next version (1 for the first) and returns it. */
    add(entry: Omit<TranscriptVersion, 'version'>): TranscriptVersion {
      return db.transaction(() => {
        const version = (maxVersion.get(entry.recordingId)?.v ?? 0) + 1;
        if (entry.kind === 'machine' && version !== 1) {
          throw new TranscriptRowError('INTERNAL', `Recording ${entry.recordingId} already has a machine transcript; corrections add versions.`);
        }
        insert.run({ ...entry, version, segments: JSON.stringify(entry.segments) });
        return { ...entry, version };
      })();
    },
    latest(recordingId: string): TranscriptVersion | undefined {
      const row = latest.get(recordingId);
      return row ? toVersion(row) : undefined;
    },
    get(recordingId: string, version: number): TranscriptVersion | undefined {
      const row = one.get(recordingId, version);
      return row ? toVersion(row) : undefined;
    },
    versions(recordingId: string): TranscriptVersionSummary[] {
      return versions.all(recordingId).map((r) => ({ version: r.version, kind: r.kind, createdAt: r.created_at, createdBy: r.created_by }));
    },
    /** recording id -> latest version, for every recording with a transcript. */
    latestVersions(): Map<string, number> {
      return new Map(withTranscript.all().map((r) => [r.recording_id, r.v]));
    },
  };
}

export interface StoredRedactionSet {
  readonly recordingId: string;
  readonly version: number;
  readonly reviewedAt: string;
  readonly reviewedBy: string;
  readonly policyHash: string;
  /** Which detector build found the candidates (so a later detector can be told apart). */
  readonly detector: string;
  /** The final set and the dismissals with reasons, as JSON the export reads back. */
  readonly redactions: unknown;
}

export function createRedactionSetRepo(db: Db) {
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
    save(set: StoredRedactionSet): void {
      upsert.run({ ...set, redactions: JSON.stringify(set.redactions) });
    },
    get(recordingId: string, version: number): StoredRedactionSet | undefined {
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
        redactions: JSON.parse(row.redactions) as unknown,
      };
    },
  };
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface TranscriptionJob {
  readonly recordingId: string;
  readonly state: JobState;
  readonly percent: number;
  readonly model: string;
  readonly language: string;
  readonly error: string | null;
  readonly attempts: number;
  readonly queuedAt: string;
  readonly updatedAt: string;
}

interface JobRow {
  recording_id: string;
  state: JobState;
  percent: number;
  model: string;
  language: string;
  error: string | null;
  attempts: number;
  queued_at: string;
  updated_at: string;
}

const toJob = (r: JobRow): TranscriptionJob => ({
  recordingId: r.recording_id,
  state: r.state,
  percent: r.percent,
  model: r.model,
  language: r.language,
  error: r.error,
  attempts: r.attempts,
  queuedAt: r.queued_at,
  updatedAt: r.updated_at,
});

export function createJobRepo(db: Db) {
  const enqueue = db.prepare(
    `INSERT INTO transcription_jobs (recording_id, state, seq, percent, model, language, error, attempts, queued_at, updated_at)
     VALUES (@recordingId, 'queued', (SELECT coalesce(max(seq), 0) + 1 FROM transcription_jobs), 0, @model, @language, NULL, 0, @at, @at)
     ON CONFLICT(recording_id) DO UPDATE SET state = 'queued', seq = (SELECT coalesce(max(seq), 0) + 1 FROM transcription_jobs),
       percent = 0, model = excluded.model, language = excluded.language, error = NULL, queued_at = excluded.queued_at, updated_at = excluded.updated_at`,
  );
  const next = db.prepare<[], JobRow>("SELECT * FROM transcription_jobs WHERE state = 'queued' ORDER BY seq LIMIT 1");
  const get = db.prepare<[string], JobRow>('SELECT * FROM transcription_jobs WHERE recording_id = ?');
  const all = db.prepare<[], JobRow>('SELECT * FROM transcription_jobs ORDER BY seq');
  const setState = db.prepare('UPDATE transcription_jobs SET state = ?, error = ?, updated_at = ? WHERE recording_id = ?');
  const start = db.prepare("UPDATE transcription_jobs SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE recording_id = ?");
  const progress = db.prepare('UPDATE transcription_jobs SET percent = ?, updated_at = ? WHERE recording_id = ?');
  const requeueRunning = db.prepare("UPDATE transcription_jobs SET state = 'queued', updated_at = ? WHERE state = 'running'");
  const addSegment = db.prepare('INSERT INTO transcription_checkpoints (recording_id, speaker, seq, segment) VALUES (?, ?, ?, ?)');
  const segments = db.prepare<[string, string], { segment: string }>('SELECT segment FROM transcription_checkpoints WHERE recording_id = ? AND speaker = ? ORDER BY seq');
  const nextSeq = db.prepare<[string, string], { n: number }>('SELECT coalesce(max(seq) + 1, 0) AS n FROM transcription_checkpoints WHERE recording_id = ? AND speaker = ?');
  const markDone = db.prepare('INSERT OR IGNORE INTO transcription_channels_done (recording_id, speaker) VALUES (?, ?)');
  const done = db.prepare<[string], { speaker: Speaker }>('SELECT speaker FROM transcription_channels_done WHERE recording_id = ?');
  const clearSegments = db.prepare('DELETE FROM transcription_checkpoints WHERE recording_id = ?');
  const clearDone = db.prepare('DELETE FROM transcription_channels_done WHERE recording_id = ?');
  return {
    enqueue(recordingId: string, model: string, language: string, at: string): void {
      enqueue.run({ recordingId, model, language, at });
    },
    next(): TranscriptionJob | undefined {
      const row = next.get();
      return row ? toJob(row) : undefined;
    },
    get(recordingId: string): TranscriptionJob | undefined {
      const row = get.get(recordingId);
      return row ? toJob(row) : undefined;
    },
    all(): TranscriptionJob[] {
      return all.all().map(toJob);
    },
    markRunning(recordingId: string, at: string): void {
      start.run(at, recordingId);
    },
    setState(recordingId: string, state: JobState, error: string | null, at: string): void {
      setState.run(state, error, at, recordingId);
    },
    setPercent(recordingId: string, percent: number, at: string): void {
      progress.run(percent, at, recordingId);
    },
    /** After a restart nothing is running: what was running goes back to the queue. */
    requeueInterrupted(at: string): number {
      return requeueRunning.run(at).changes;
    },
    checkpoint: {
      add(recordingId: string, speaker: Speaker, segment: StoredSegment): void {
        const seq = nextSeq.get(recordingId, speaker)?.n ?? 0;
        addSegment.run(recordingId, speaker, seq, JSON.stringify(segment));
      },
      segments(recordingId: string, speaker: Speaker): StoredSegment[] {
        return segments.all(recordingId, speaker).map((r) => JSON.parse(r.segment) as StoredSegment);
      },
      markChannelDone(recordingId: string, speaker: Speaker): void {
        markDone.run(recordingId, speaker);
      },
      doneChannels(recordingId: string): Set<Speaker> {
        return new Set(done.all(recordingId).map((r) => r.speaker));
      },
      clear(recordingId: string): void {
        db.transaction(() => {
          clearSegments.run(recordingId);
          clearDone.run(recordingId);
        })();
      },
    },
  };
}

export type TranscriptRepo = ReturnType<typeof createTranscriptRepo>;
export type RedactionSetRepo = ReturnType<typeof createRedactionSetRepo>;
export type JobRepo = ReturnType<typeof createJobRepo>;
