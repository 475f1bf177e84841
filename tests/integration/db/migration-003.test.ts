import { describe, expect, it } from 'vitest';
import { createCallRepo } from '../../../src/platform/db/call-repo';
import { runMigrations } from '../../../src/platform/db/migrations';
import { createRecordingReader } from '../../../src/platform/db/recording-repo';
import { createSearchIndexReader, createSearchIndexWriter } from '../../../src/platform/db/search-index-repo';
import { createTranscriptRepo } from '../../../src/platform/db/transcript-repo';
import { databaseAtVersion, openMigrated } from '../../helpers/migration-db';

const REC = '0d0d0d0d-0000-4000-8000-000000000001';
const CALL = '0e0e0e0e-0000-4000-8000-000000000001';

describe('migration 003: transcripts, redaction sets, transcription jobs', () => {
  it('keeps version-2 recordings and calls, and adds the tables transcripts need', async () => {
    const { file, db } = databaseAtVersion(2);
    db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, channels, recovered_at_ms)
       VALUES (?, 'Globex renewal', 'renewal', '2026-04-01T14:00:00.000Z', 900_000, 'recovered', 0, ?, '2026-04-01T14:00:00.000Z', 'ph2', ?, 2, 880000)`,
    ).run(REC, Buffer.alloc(73, 9), CALL);
    db.prepare(
      `INSERT INTO calls (id, call_type, account, meeting_title, participants, policy_hash, script_id, script_version, consent_scope, state, recording_id, created_at)
       VALUES (?, 'renewal', 'Globex', 'Renewal', '[{"name":"Hank","email":"hank@globex.example","lateJoiner":true}]', 'ph2', 'default', 1, 'customer-side', 'recording', ?, '2026-04-01T13:59:00.000Z')`,
    ).run(CALL, REC);
    db.close();

    const { db: migrated, sealer } = await openMigrated(file);
    try {
      expect(createRecordingReader(migrated).get(REC)).toMatchObject({ title: 'Globex renewal', status: 'recovered', recoveredAtMs: 880_000, callId: CALL, policyHash: 'ph2' });
      expect(createCallRepo(migrated, sealer).get(CALL)).toMatchObject({ participants: [{ name: 'Hank', email: 'hank@globex.example', lateJoiner: true }], consentScope: 'customer-side' });
      const transcripts = createTranscriptRepo(migrated, sealer);
      const segments = [{ speaker: 'customer' as const, startMs: 0, endMs: 2_000, text: 'We renew in May.', confidence: 0.9, words: [] }];
      transcripts.add({ recordingId: REC, kind: 'machine', createdAt: '2026-04-02T00:00:00.000Z', createdBy: 'rep', engine: 'whisper.cpp', language: 'en', segments });
      expect(transcripts.latest(REC)?.segments).toEqual(segments);
      expect(() => migrated.prepare("UPDATE transcripts SET language = 'de'").run()).toThrow(/immutable/);
      // The index separates sources (since 007 a recording's rows are rebuilt together from them).
      const index = createSearchIndexWriter(migrated, sealer);
      const notes = { source: 'notes' as const, text: 'notes mention procurement', segment: null, startMs: null, speaker: null };
      const said = (text: string) => ({ source: 'transcript' as const, text, segment: 0, startMs: 0, speaker: 'customer' });
      index.replaceRecording(REC, [notes, said('We renew in May.')]);
      index.replaceRecording(REC, [notes, said('We renew in June.')]);
      const search = createSearchIndexReader(migrated, sealer);
      expect(search.find('June')).toEqual([REC]);
      expect(search.find('May')).toEqual([]);
      expect(search.find('procurement')).toEqual([REC]);
    } finally {
      migrated.close();
    }
  });

  it('FINDING: drops what a version-2 index held (DROP and CREATE, no copy); the rows it indexed survive', () => {
    const { db } = databaseAtVersion(2);
    db.prepare('INSERT INTO search_index (recording_id, body) VALUES (?, ?)').run(REC, 'the customer asked about discounts');
    expect(db.prepare("SELECT recording_id FROM search_index WHERE search_index MATCH 'discounts'").pluck().all()).toEqual([REC]);
    expect(runMigrations(db, 3)).toBe(3);
    // Its bodies lived in the index alone, so nothing later can bring them back; the version-2
    // app never wrote such rows (only tests did), and 005 makes the index derivable from
    // stored transcripts from now on (migration-005.test.ts).
    expect(db.prepare('SELECT count(*) FROM search_index').pluck().get()).toBe(0);
    db.close();
  });
});
