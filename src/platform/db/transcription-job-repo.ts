import { z } from 'zod';
import type { JobRepo, TranscriptionJob } from '../../core/transcription/job';
import type { Speaker } from '../../core/transcription/merge-segments';
import type { ArtifactSealer } from '../../core/ports/artifact-sealer';
import type { Db } from './connection';
import { openFrom, sealedColumn, sealTo } from './sealed-columns';
import { parseColumn, parseJsonColumn, StoredSegmentColumn } from './json-column';

const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
const SpeakerColumn = z.enum(['rep', 'customer']);

interface JobRow {
  recording_id: string;
  state: string;
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
  state: parseColumn(JobState, r.state, () => `The transcription job of recording ${r.recording_id}`),
  percent: r.percent,
  model: r.model,
  language: r.language,
  error: r.error,
  attempts: r.attempts,
  queuedAt: r.queued_at,
  updatedAt: r.updated_at,
});

/** The persistent transcription queue and its per-segment checkpoints. */
export function createJobRepo(db: Db, sealer: ArtifactSealer): JobRepo {
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
  const addSegment = db.prepare("INSERT INTO transcription_checkpoints (recording_id, speaker, seq, segment, sealed) VALUES (?, ?, ?, '', ?)");
  const segments = db.prepare<[string, string], { seq: number; sealed: Buffer | null }>('SELECT seq, sealed FROM transcription_checkpoints WHERE recording_id = ? AND speaker = ? ORDER BY seq');
  const nextSeq = db.prepare<[string, string], { n: number }>('SELECT coalesce(max(seq) + 1, 0) AS n FROM transcription_checkpoints WHERE recording_id = ? AND speaker = ?');
  const markDone = db.prepare('INSERT OR IGNORE INTO transcription_channels_done (recording_id, speaker) VALUES (?, ?)');
  const done = db.prepare<[string], { speaker: string }>('SELECT speaker FROM transcription_channels_done WHERE recording_id = ?');
  const clearSegments = db.prepare('DELETE FROM transcription_checkpoints WHERE recording_id = ?');
  const clearDone = db.prepare('DELETE FROM transcription_channels_done WHERE recording_id = ?');
  return {
    enqueue(recordingId, model, language, at) {
      enqueue.run({ recordingId, model, language, at });
    },
    next() {
      const row = next.get();
      return row ? toJob(row) : undefined;
    },
    get(recordingId) {
      const row = get.get(recordingId);
      return row ? toJob(row) : undefined;
    },
    all() {
      return all.all().map(toJob);
    },
    markRunning(recordingId, at) {
      start.run(at, recordingId);
    },
    setState(recordingId, state, error, at) {
      setState.run(state, error, at, recordingId);
    },
    setPercent(recordingId, percent, at) {
      progress.run(percent, at, recordingId);
    },
    requeueInterrupted(at) {
      return requeueRunning.run(at).changes;
    },
    checkpoint: {
      add(recordingId, speaker, segment) {
        const seq = nextSeq.get(recordingId, speaker)?.n ?? 0;
        addSegment.run(recordingId, speaker, seq, sealTo(sealer, recordingId, 'transcript', sealedColumn.checkpoint(speaker, seq), JSON.stringify(segment)));
      },
      segments(recordingId, speaker) {
        return segments
          .all(recordingId, speaker)
          .map((r) => {
            const what = (): string => `Checkpoint ${r.seq} (${speaker}) of the transcription of recording ${recordingId}`;
            return parseJsonColumn(StoredSegmentColumn, openFrom(sealer, recordingId, 'transcript', sealedColumn.checkpoint(speaker, r.seq), r.sealed, what), what);
          });
      },
      markChannelDone(recordingId, speaker) {
        markDone.run(recordingId, speaker);
      },
      doneChannels(recordingId) {
        return new Set<Speaker>(done.all(recordingId).map((r) => parseColumn(SpeakerColumn, r.speaker, () => `A finished channel of the transcription of recording ${recordingId}`)));
      },
      clear(recordingId) {
        db.transaction(() => {
          clearSegments.run(recordingId);
          clearDone.run(recordingId);
        })();
      },
    },
  };
}
