import type { RecordingListItem, RecordingReader, RecordingRecord, RecordingStatus, RecordingWriter } from '../../core/recordings/recording';
import { z } from 'zod';
import type { Db } from './connection';
import { parseColumn } from './json-column';

const RecordingStatusColumn = z.enum(['recording', 'complete', 'recovered', 'imported', 'importing']) satisfies z.ZodType<RecordingStatus>;
const statusOf = (r: { id: string; status: string }): RecordingStatus => parseColumn(RecordingStatusColumn, r.status, () => `The status of recording ${r.id}`);

interface Row {
  id: string;
  title: string;
  call_type: string;
  started_at: string;
  duration_ms: number;
  status: string;
  key_epoch: number;
  wrapped_key: Buffer;
  created_at: string;
  policy_hash: string;
  call_id: string | null;
  recovered_at_ms: number | null;
  chunk_count: number | null;
}

type ListRow = Omit<Row, 'key_epoch' | 'wrapped_key' | 'created_at' | 'call_id'>;

/** The columns the library lists, shared by a full record. */
function listItem(r: ListRow): RecordingListItem {
  return {
    id: r.id,
    title: r.title,
    callType: r.call_type,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    status: statusOf(r),
    policyHash: r.policy_hash,
    recoveredAtMs: r.recovered_at_ms,
    chunkCount: r.chunk_count,
  };
}

export function createRecordingReader(db: Db): RecordingReader {
  const list = db.prepare<[], ListRow>(
    'SELECT id, title, call_type, started_at, duration_ms, status, policy_hash, recovered_at_ms, chunk_count FROM recordings ORDER BY started_at DESC',
  );
  const get = db.prepare<[string], Row>('SELECT * FROM recordings WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM recordings');
  return {
    list: (): RecordingListItem[] => list.all().map(listItem),
    get: (id) => {
      const r = get.get(id);
      return r && {
        ...listItem(r),
        keyEpoch: r.key_epoch,
        wrappedKey: new Uint8Array(r.wrapped_key),
        createdAt: r.created_at,
        callId: r.call_id,
      };
    },
    count: () => count.get()?.n ?? 0,
  };
}

export function createRecordingWriter(db: Db): RecordingWriter {
  const insert = db.prepare(
    `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
     VALUES (@id, @title, @callType, @startedAt, @durationMs, @status, @keyEpoch, @wrappedKey, @createdAt, @policyHash, @callId, @recoveredAtMs, @chunkCount)`,
  );
  const progress = db.prepare('UPDATE recordings SET duration_ms = ?, status = ? WHERE id = ?');
  const recovered = db.prepare("UPDATE recordings SET duration_ms = ?, status = 'recovered', recovered_at_ms = ?, chunk_count = ? WHERE id = ?");
  const chunkCount = db.prepare('UPDATE recordings SET chunk_count = ? WHERE id = ?');
  const destroyRow = db.prepare('DELETE FROM recordings WHERE id = ?');
  return {
    insert: (record: RecordingRecord) => {
      insert.run({ ...record, wrappedKey: Buffer.from(record.wrappedKey) });
    },
    updateProgress: (id, durationMs, status) => {
      progress.run(durationMs, status, id);
    },
    markRecovered: (id, durationMs, chunks) => {
      recovered.run(durationMs, durationMs, chunks, id);
    },
    setChunkCount: (id, chunks) => {
      chunkCount.run(chunks, id);
    },
    // A trigger (migration 007) deletes the recording's search rows and index terms with the row.
    destroy: (id) => destroyRow.run(id).changes > 0,
  };
}
