import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAuditRepo } from '../../../src/platform/db/audit-repo';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { createRecordingReader } from '../../../src/platform/db/recording-repo';
import { createSettingsRepo } from '../../../src/platform/db/settings-repo';
import { databaseAtVersion, MIGRATION_TEST_KEY } from '../../helpers/migration-db';

const REC = '0a0a0a0a-0000-4000-8000-000000000001';

describe('migration 001: initial vault schema', () => {
  it('creates tables whose STRICT types refuse wrong values, and the rows a v1 vault wrote read back through today\'s repositories', () => {
    // A vault as version 1 of the app left it: a setting, a recording, two audit entries, index rows.
    const at1 = databaseAtVersion(1);
    at1.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('auto-lock-minutes', '15');
    at1.db
      .prepare('INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(REC, 'Acme discovery', 'discovery', '2026-03-04T09:00:00.000Z', 1_800_000, 'complete', 0, Buffer.alloc(73, 5), '2026-03-04T09:00:00.000Z');
    const audit = at1.db.prepare('INSERT INTO audit_log (seq, at, event, detail, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?)');
    audit.run(1, '2026-03-04T08:59:00.000Z', 'vault.created', '{}', Buffer.alloc(32, 0), Buffer.alloc(32, 1), Buffer.alloc(32, 2));
    audit.run(2, '2026-03-04T09:00:00.000Z', 'recording.created', `{"recordingId":"${REC}"}`, Buffer.alloc(32, 1), Buffer.alloc(32, 3), Buffer.alloc(32, 4));
    at1.db.prepare('INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, ?, ?, ?)').run(2, Buffer.alloc(32, 3), Buffer.alloc(32, 4));
    at1.db.prepare('INSERT INTO search_index (recording_id, body) VALUES (?, ?)').run(REC, 'pricing for the warehouse rollout');
    expect(() => at1.db.prepare("INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at) VALUES ('x', 't', 'c', 's', 'long', 'complete', 0, x'00', 'c')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => at1.db.prepare('INSERT INTO audit_head (id, seq, hash, mac) VALUES (2, 1, x\'00\', x\'00\')').run()).toThrow(/CHECK/);
    at1.db.close();

    const migrated = openEncryptedDatabase(at1.file, MIGRATION_TEST_KEY, { create: false });
    try {
      expect(createSettingsRepo(migrated).read({ key: 'auto-lock-minutes', schema: z.number() })).toBe(15);
      expect(createRecordingReader(migrated).get(REC)).toMatchObject({
        title: 'Acme discovery',
        durationMs: 1_800_000,
        status: 'complete',
        keyEpoch: 0,
        policyHash: '',
        callId: null,
        recoveredAtMs: null,
        chunkCount: null,
      });
      const auditRepo = createAuditRepo(migrated);
      expect(auditRepo.entries().map((e) => [e.seq, e.event])).toEqual([[1, 'vault.created'], [2, 'recording.created']]);
      expect(auditRepo.head()?.seq).toBe(2);
      // Version-1 index rows did not survive 003 (see migration-003.test.ts); the table is usable.
      expect(migrated.prepare('SELECT count(*) FROM search_rows').pluck().get()).toBe(0);
      expect(migrated.prepare('SELECT count(*) FROM search_terms').pluck().get()).toBe(0);
    } finally {
      migrated.close();
    }
  });
});
