import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3-multiple-ciphers';
import { runMigrations } from '../../../src/platform/db/migrations';
import { databaseAtVersion, openAtVersion } from '../../helpers/migration-db';

const A = '0f0f0f0f-0000-4000-8000-00000000000a';
const B = '0f0f0f0f-0000-4000-8000-00000000000b';

/** The version-5 index's search (one quoted phrase), as the app of that version ran it. */
const searchAt5 = (db: Database.Database) => ({
  find: (query: string): string[] =>
    db.prepare<[string], string>('SELECT recording_id FROM search_index WHERE search_index MATCH ? GROUP BY recording_id ORDER BY min(rank)').pluck().all(`"${query.replaceAll('"', '""')}"`),
});

const segment = (text: string, startMs: number): Record<string, unknown> => ({ speaker: 'rep', startMs, endMs: startMs + 1_000, text, confidence: 0.8, words: [] });

describe('migration 005: rebuild the transcript index from stored transcripts', () => {
  it('indexes every recording\'s latest transcript exactly once, keeps notes rows, and drops stale transcript rows', () => {
    const { file, db } = databaseAtVersion(4);
    const recording = db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, ?, 'discovery', '2026-05-01T10:00:00.000Z', 60000, 'complete', 0, x'01', '2026-05-01T10:00:00.000Z', 'p', NULL, NULL, 120)`,
    );
    recording.run(A, 'Initech');
    recording.run(B, 'Umbrella');
    const transcript = db.prepare(
      `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments)
       VALUES (?, ?, ?, '2026-05-01T11:00:00.000Z', 'rep', 'whisper.cpp', 'en', ?)`,
    );
    // A: a machine transcript whose index rows are missing (as after 003 on a vault with a lost index).
    transcript.run(A, 1, 'machine', JSON.stringify([segment('Quarterly volumes for Initech', 0), segment('shipping to Ohio', 1_000)]));
    // B: corrected after indexing; the index still holds the machine text twice over (stale and duplicated).
    transcript.run(B, 1, 'machine', JSON.stringify([segment('Umbrela wants a pilot', 0)]));
    transcript.run(B, 2, 'correction', JSON.stringify([segment('Umbrella wants a pilot', 0)]));
    const index = db.prepare('INSERT INTO search_index (recording_id, source, body) VALUES (?, ?, ?)');
    index.run(B, 'transcript', 'Umbrela wants a pilot');
    index.run(B, 'transcript', 'Umbrela wants a pilot');
    index.run(B, 'notes', 'Ask about the security review');
    db.close();

    // Schema 5 as that app had it (migration 007 rebuilds the index again: migration-007.test.ts).
    const migrated = openAtVersion(file, 5);
    try {
      expect(migrated.pragma('user_version', { simple: true })).toBe(5);
      const search = searchAt5(migrated);
      expect(search.find('Ohio')).toEqual([A]);
      expect(search.find('Quarterly volumes')).toEqual([A]);
      expect(search.find('Umbrella')).toEqual([B]);
      expect(search.find('Umbrela')).toEqual([]);
      expect(search.find('security review')).toEqual([B]);
      const rows = migrated.prepare<[], { recording_id: string; source: string; body: string }>('SELECT recording_id, source, body FROM search_index ORDER BY rowid').all();
      expect(rows).toEqual([
        { recording_id: B, source: 'notes', body: 'Ask about the security review' },
        { recording_id: A, source: 'transcript', body: 'Quarterly volumes for Initech' },
        { recording_id: A, source: 'transcript', body: 'shipping to Ohio' },
        { recording_id: B, source: 'transcript', body: 'Umbrella wants a pilot' },
      ]);
      // Running it again changes nothing: the index is a function of the stored rows.
      migrated.pragma('user_version = 4');
      expect(runMigrations(migrated, 5)).toBe(5);
      expect(migrated.prepare('SELECT count(*) FROM search_index').pluck().get()).toBe(4);
    } finally {
      migrated.close();
    }
  });
});
