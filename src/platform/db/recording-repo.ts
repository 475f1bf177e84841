import type { RecordingListItem, RecordingReader, RecordingRecord, RecordingStatus, RecordingWriter } from '../../core/recordings/recording';
import type { Db } from './connection';

interface Row {
  id: string;
  title: string;
  call_type: string;
  started_at: string;
  duration_ms: number;
  status: RecordingStatus;
  key_epoch: number;
  wrapped_key: Buffer;
  created_at: string;
}

export function createRecordingReader(db: Db): RecordingReader {
  const list = db.prepare<[], Omit<Row, 'key_epoch' | 'wrapped_key' | 'created_at'>>(
    'SELECT id, title, call_type, started_at, duration_ms, status FROM recordings ORDER BY started_at DESC',
  );
  const get = db.prepare<[string], Row>('SELECT * FROM recordings WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM recordings');
  return {
    list: (): RecordingListItem[] =>
      list.all().map((r) => ({
        id: r.id,
        title: r.title,
        callType: r.call_type,
        startedAt: r.started_at,
        durationMs: r.duration_ms,
        status: r.status,
      })),
    get: (id) => {
      const r = get.get(id);
      return r && {
        id: r.id,
        title: r.title,
        callType: r.call_type,
        startedAt: r.started_at,
        durationMs: r.duration_ms,
        status: r.status,
        keyEpoch: r.key_epoch,
        wrappedKey: new Uint8Array(r.wrapped_key),
        createdAt: r.created_at,
      };
    },
    count: () => count.get()?.n ?? 0,
  };
}

export function createRecordingWriter(db: Db): RecordingWriter {
  const insert = db.prepare(
    `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at)
     VALUES (@id, @title, @callType, @startedAt, @durationMs, @status, @keyEpoch, @wrappedKey, @createdAt)`,
  );
  const progress = db.prepare('UPDATE recordings SET duration_ms = ?, status = ? WHERE id = ?');
  const destroyRow = db.prepare('DELETE FROM recordings WHERE id = ?');
  const destroyIndex = db.prepare('DELETE FROM search_index WHERE recording_id = ?');
  return {
    insert: (record: RecordingRecord) => {
      insert.run({ ...record, wrappedKey: Buffer.from(record.wrappedKey) });
    },
    updateProgress: (id, durationMs, status) => {
      progress.run(durationMs, status, id);
    },
    destroy: (id) =>
      db.transaction(() => {
        destroyIndex.run(id);
        return destroyRow.run(id).changes > 0;
      })(),
  };
}
