import { describe, expect, it } from 'vitest';
import { createTagRepo } from '../../../src/platform/db/tag-repo';
import { createTranscriptRepo } from '../../../src/platform/db/transcript-repo';
import { databaseAtVersion, openMigrated } from '../../helpers/migration-db';

const A = '0f0f0f0f-0000-4000-8000-00000000000a';
const segment = { speaker: 'rep' as const, startMs: 0, endMs: 1_000, text: 'Quarterly volumes for Initech', confidence: 0.8, words: [] };

describe('migration 006: speaker names on transcript versions, tags, tag suggestion decisions', () => {
  it('keeps existing versions readable (no names), immutable, and adds tags that go with their recording', async () => {
    const { file, db } = databaseAtVersion(5);
    db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, 'Initech', 'discovery', '2026-05-01T10:00:00.000Z', 60000, 'complete', 0, x'01', '2026-05-01T10:00:00.000Z', 'p', NULL, NULL, 120)`,
    ).run(A);
    db.prepare(
      `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments)
       VALUES (?, 1, 'machine', '2026-05-01T11:00:00.000Z', 'rep', 'whisper.cpp', 'en', ?)`,
    ).run(A, JSON.stringify([segment]));
    db.close();

    // Opened the app's way (through 013, which seals the version under the transcript key): the
    // repositories of today read what version 6 wrote.
    const { db: migrated, sealer } = await openMigrated(file);
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(6);
      const transcripts = createTranscriptRepo(migrated, sealer);
      expect(transcripts.get(A, 1)).toMatchObject({ version: 1, kind: 'machine', speakerNames: {}, segments: [segment] });
      const v2 = transcripts.add({ recordingId: A, kind: 'correction', createdAt: 'x', createdBy: 'rep', engine: 'e', language: 'en', segments: [segment], speakerNames: { customer: 'Dana Whitfield' } });
      expect(transcripts.get(A, 2)?.speakerNames).toEqual({ customer: 'Dana Whitfield' });
      expect(v2.version).toBe(2);
      expect(() => migrated.prepare("UPDATE transcripts SET speaker_names = '{}' WHERE version = 2").run()).toThrow(/immutable/);

      const tags = createTagRepo(migrated, sealer);
      tags.add({ id: 't1', recordingId: A, tag: 'pricing', fromMs: null, toMs: null, source: 'manual', createdAt: 'x', createdBy: 'rep' });
      tags.add({ id: 't2', recordingId: A, tag: 'demo', fromMs: 1_000, toMs: 2_000, source: 'suggestion', createdAt: 'x', createdBy: 'rep' });
      tags.decide(A, 'demo', 1_000, 'accepted', 'x', 'rep');
      tags.decide(A, 'demo', 1_000, 'rejected', 'y', 'rep'); // a later decision replaces the earlier
      expect(tags.decisions(A)).toEqual(new Map([['demo@1000', 'rejected']]));
      expect(tags.recordingsWith(['pricing', 'demo'])).toEqual([A]);
      // The schema refuses a half-open or backwards moment.
      const insert = migrated.prepare("INSERT INTO tags (id, recording_id, tag, from_ms, to_ms, source, created_at, created_by) VALUES (?, ?, 'x', ?, ?, 'manual', 'x', 'rep')");
      expect(() => insert.run('bad1', A, 1_000, null)).toThrow(/CHECK/);
      expect(() => insert.run('bad2', A, 2_000, 1_000)).toThrow(/CHECK/);
      // Deleting the recording takes its tags and decisions with it.
      migrated.pragma('foreign_keys = ON');
      migrated.prepare('DELETE FROM recordings WHERE id = ?').run(A);
      expect(migrated.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(0);
      expect(migrated.prepare('SELECT count(*) FROM tag_suggestion_decisions').pluck().get()).toBe(0);
    } finally {
      migrated.close();
    }
  });
});
