import { z } from 'zod';
import { DRAFTERS } from '../../core/summary/summary';
import type { StoredSummary, SummaryRepo } from '../../core/summary/summary-store';
import { CallVaultError } from '../../shared/callvault-error';
import type { Db } from './connection';

/** A summary row that does not parse (INTEGRITY, naming the table). */
export class SummaryRowError extends CallVaultError {
  override readonly name = 'SummaryRowError';

  constructor(message: string) {
    super('INTEGRITY', message);
  }
}

const Row = z.object({
  recording_id: z.string(),
  version: z.number().int(),
  transcript_version: z.number().int(),
  kind: z.enum(['draft', 'reviewed']),
  drafter: z.enum(DRAFTERS),
  reviewed_from: z.number().int().nullable(),
  items: z.number().int(),
  dropped: z.number().int(),
  sealed: z.instanceof(Buffer),
  created_at: z.string(),
  created_by: z.string(),
});

function toStored(raw: unknown): StoredSummary {
  const parsed = Row.safeParse(raw);
  if (!parsed.success) {
    throw new SummaryRowError('A stored summary row is damaged and cannot be read.');
  }
  const row = parsed.data;
  return {
    recordingId: row.recording_id,
    version: row.version,
    transcriptVersion: row.transcript_version,
    kind: row.kind,
    drafter: row.drafter,
    reviewedFrom: row.reviewed_from,
    items: row.items,
    dropped: row.dropped,
    sealed: new Uint8Array(row.sealed),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** Summary versions of one vault (removed with the recording, or with the transcript version they summarise). */
export function createSummaryRepo(db: Db): SummaryRepo {
  const insert = db.prepare(
    `INSERT INTO summaries (recording_id, version, transcript_version, kind, drafter, reviewed_from, items, dropped, sealed, created_at, created_by)
     VALUES (@recordingId, (SELECT COALESCE(MAX(version), 0) + 1 FROM summaries WHERE recording_id = @recordingId), @transcriptVersion, @kind, @drafter, @reviewedFrom, @items, @dropped, @sealed, @createdAt, @createdBy)
     RETURNING version`,
  );
  const get = db.prepare<[string, number]>('SELECT * FROM summaries WHERE recording_id = ? AND version = ?');
  const latest = db.prepare<[string]>('SELECT * FROM summaries WHERE recording_id = ? ORDER BY version DESC LIMIT 1');
  const latestOfKind = db.prepare<[string, string]>('SELECT * FROM summaries WHERE recording_id = ? AND kind = ? ORDER BY version DESC LIMIT 1');
  const versions = db.prepare<[string]>('SELECT * FROM summaries WHERE recording_id = ? ORDER BY version');
  return {
    add(entry) {
      const row = insert.get({ ...entry, sealed: Buffer.from(entry.sealed) }) as { version: number };
      return { ...entry, version: row.version };
    },
    get(recordingId, version) {
      const row = get.get(recordingId, version);
      return row === undefined ? undefined : toStored(row);
    },
    latest(recordingId, kind) {
      const row = kind === undefined ? latest.get(recordingId) : latestOfKind.get(recordingId, kind);
      return row === undefined ? undefined : toStored(row);
    },
    versions(recordingId) {
      return versions.all(recordingId).map(toStored);
    },
  };
}
