import { z } from 'zod';
import type { QueuedRevocation, RevocationQueueRepo } from '../../core/deletion/revocation-queue';
import type { Db } from './connection';
import { parseColumn } from './json-column';

interface Row {
  share_id: string;
  recording_id: string;
  request_id: string;
  queued_at: string;
  attempts: number;
  last_error: string | null;
  done_at: string | null;
  outcome: string | null;
  note: string | null;
}

const Outcome = z.enum(['revoked-on-server', 'withdrawn-from-outbox']).nullable();

const toEntry = (r: Row): QueuedRevocation => ({
  shareId: r.share_id,
  recordingId: r.recording_id,
  requestId: r.request_id,
  queuedAt: r.queued_at,
  attempts: r.attempts,
  lastError: r.last_error,
  doneAt: r.done_at,
  outcome: parseColumn(Outcome, r.outcome, () => `The outcome of queued revocation ${r.share_id}`),
  note: r.note,
});

/** The revocation queue (migration 014): clips a deletion request could not revoke yet. */
export function createRevocationQueueRepo(db: Db): RevocationQueueRepo {
  const insert = db.prepare(
    `INSERT INTO revocation_queue (share_id, recording_id, request_id, queued_at, last_error) VALUES (@shareId, @recordingId, @requestId, @queuedAt, @lastError)
     ON CONFLICT(share_id) DO UPDATE SET request_id = excluded.request_id, last_error = excluded.last_error WHERE done_at IS NULL`,
  );
  const waiting = db.prepare<[], Row>('SELECT * FROM revocation_queue WHERE done_at IS NULL ORDER BY queued_at, share_id');
  const all = db.prepare<[], Row>('SELECT * FROM revocation_queue ORDER BY queued_at, share_id');
  const one = db.prepare<[string], Row>('SELECT * FROM revocation_queue WHERE share_id = ?');
  const attempted = db.prepare('UPDATE revocation_queue SET attempts = attempts + 1, last_error = ? WHERE share_id = ? AND done_at IS NULL');
  const done = db.prepare('UPDATE revocation_queue SET done_at = ?, outcome = ?, note = ?, last_error = NULL WHERE share_id = ? AND done_at IS NULL');
  return {
    enqueue: (entry) => {
      insert.run(entry);
    },
    waiting: () => waiting.all().map(toEntry),
    all: () => all.all().map(toEntry),
    get: (shareId) => {
      const row = one.get(shareId);
      return row && toEntry(row);
    },
    attempted: (shareId, error) => {
      attempted.run(error, shareId);
    },
    done: (shareId, outcome, at, note) => {
      done.run(at, outcome, note, shareId);
    },
  };
}
