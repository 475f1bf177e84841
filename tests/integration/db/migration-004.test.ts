import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { runMigrations } from '../../../src/platform/db/migrations';
import { createRecordingReader, createRecordingWriter } from '../../../src/platform/db/recording-repo';
import { tempDir } from '../../helpers/temp-dir';

const key = new Uint8Array(32).fill(9);

describe('migration 004: recording chunk count', () => {
  it('migrates a real encrypted database with recordings: old rows keep their data and an unknown count', () => {
    const file = path.join(tempDir(), 'm4.db');
    const db = new Database(file);
    db.pragma(`cipher='chacha20'`);
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    expect(runMigrations(db, 3)).toBe(3);
    const insert = db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms)
       VALUES (?, ?, 'discovery', '2026-01-02T10:00:00.000Z', ?, ?, 0, ?, '2026-01-02T10:00:00.000Z', 'p', NULL, ?)`,
    );
    insert.run('11111111-1111-4111-8111-111111111111', 'Finished before 004', 60_000, 'complete', Buffer.alloc(73, 1), null);
    insert.run('22222222-2222-4222-8222-222222222222', 'Recovered before 004', 4_000, 'recovered', Buffer.alloc(73, 2), 4_000);
    db.close();

    const migrated = openEncryptedDatabase(file, key, { create: false });
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
      const reader = createRecordingReader(migrated);
      expect(reader.get('11111111-1111-4111-8111-111111111111')).toMatchObject({ title: 'Finished before 004', durationMs: 60_000, status: 'complete', chunkCount: null });
      expect(reader.get('22222222-2222-4222-8222-222222222222')).toMatchObject({ status: 'recovered', recoveredAtMs: 4_000, chunkCount: null });
      expect(Buffer.from(reader.get('11111111-1111-4111-8111-111111111111')!.wrappedKey)).toEqual(Buffer.alloc(73, 1));

      const writer = createRecordingWriter(migrated);
      writer.setChunkCount('11111111-1111-4111-8111-111111111111', 121);
      writer.markRecovered('22222222-2222-4222-8222-222222222222', 4_000, 8);
      expect(reader.list().map((r) => [r.title, r.chunkCount])).toEqual(
        expect.arrayContaining([['Finished before 004', 121], ['Recovered before 004', 8]]),
      );
      expect(() => migrated.prepare("UPDATE recordings SET chunk_count = -1 WHERE title = 'Finished before 004'").run()).toThrow(/CHECK/);
    } finally {
      migrated.close();
    }
  });
});
