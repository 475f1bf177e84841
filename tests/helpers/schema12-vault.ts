import type Database from 'better-sqlite3-multiple-ciphers';
import type { Crypto } from '../../src/core/ports/crypto';
import type { RecordingKeys } from '../../src/platform/vault/recording-keys';

// A vault database as a schema-12 app left it (before migration 013 sealed transcripts, notes and
// tags): a canary in every column that is sealed today, for the migration and salvage tests.
export const A = '13131313-0000-4000-8000-00000000000a';
export const B = '13131313-0000-4000-8000-00000000000b';
export const CALL = '13131313-0000-4000-8000-0000000000c1';
export const CANARIES = ['Quorblefink', 'Vexmundane', 'Plathornic', 'Grindlewax', 'Snorvelite', 'Trumbletonic', 'Wexfordian'];
export const segment = { speaker: 'customer' as const, startMs: 0, endMs: 1_000, text: `Budget is ${CANARIES[0]}`, confidence: 0.8, words: [{ text: CANARIES[0] ?? '', startMs: 0, endMs: 500, p: 0.9 }] };
/** What the schema-12 summary of A holds (sealed under A's audio data key, as version 12 did). */
export const SUMMARY_TEXT = '{"items":["summary words"]}';

/** Fills a database at schema 12 with the rows above; recordings' data keys wrapped by `keys` at `keyEpoch`. */
export function fillSchema12(db: Database.Database, crypto: Crypto, keys: RecordingKeys, keyEpoch = 0): void {
  const dataKey = keys.newDataKey();
  const insertRecording = db.prepare(
    `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
     VALUES (?, 'Initech', 'discovery', '2026-05-01T10:00:00.000Z', 60000, 'complete', ?, ?, '2026-05-01T10:00:00.000Z', 'p', ?, NULL, 120)`,
  );
  insertRecording.run(A, keyEpoch, Buffer.from(keys.wrap(A, dataKey, keyEpoch)), CALL);
  insertRecording.run(B, keyEpoch, Buffer.from(keys.wrap(B, keys.newDataKey(), keyEpoch)), null);
  db.prepare(
    `INSERT INTO calls (id, call_type, account, meeting_title, participants, policy_hash, script_id, script_version, consent_scope, state, recording_id, created_at)
     VALUES (?, 'discovery', 'Initech', 'Check-in', '[]', 'p', 'default', 1, 'all', 'ended', ?, '2026-05-01T09:59:00.000Z')`,
  ).run(CALL, A);
  db.prepare(
    `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments, speaker_names)
     VALUES (?, 1, 'machine', '2026-05-01T11:00:00.000Z', 'rep', 'whisper.cpp', 'en', ?, ?)`,
  ).run(A, JSON.stringify([segment]), JSON.stringify({ customer: CANARIES[1] }));
  db.prepare(
    `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments, speaker_names)
     VALUES (?, 1, 'machine', '2026-05-01T11:00:00.000Z', 'rep', 'whisper.cpp', 'en', '[]', '{}')`,
  ).run(B);
  db.prepare(
    `INSERT INTO transcript_redactions (recording_id, version, reviewed_at, reviewed_by, policy_hash, detector, redactions)
     VALUES (?, 1, 'x', 'rep', 'p', 'd', ?)`,
  ).run(A, JSON.stringify({ final: [], dismissed: [{ start: 0, end: 3, type: 'name', rule: 'r', reason: `not a name: ${CANARIES[2]}` }], topics: [] }));
  db.prepare("INSERT INTO transcription_jobs (recording_id, state, seq, model, language, queued_at, updated_at) VALUES (?, 'running', 1, 'm', 'en', 'x', 'x')").run(A);
  db.prepare("INSERT INTO transcription_checkpoints (recording_id, speaker, seq, segment) VALUES (?, 'customer', 0, ?)").run(A, JSON.stringify({ ...segment, text: CANARIES[3] }));
  db.prepare('INSERT INTO call_notes (call_id, body, updated_at) VALUES (?, ?, ?)').run(CALL, `Notes: ${CANARIES[4]}`, 'x');
  db.prepare('INSERT INTO bookmarks (recording_id, at_ms, note, created_at) VALUES (?, ?, ?, ?)').run(A, 5_000, CANARIES[5], 'x');
  db.prepare("INSERT INTO tags (id, recording_id, tag, from_ms, to_ms, source, created_at, created_by) VALUES ('t1', ?, ?, NULL, NULL, 'manual', 'x', 'rep')").run(A, CANARIES[6]);
  db.prepare("INSERT INTO tags (id, recording_id, tag, from_ms, to_ms, source, created_at, created_by) VALUES ('t2', ?, 'pricing', NULL, NULL, 'manual', 'x', 'rep')").run(B);
  db.prepare("INSERT INTO tag_suggestion_decisions (recording_id, tag, at_ms, decision, decided_at, decided_by) VALUES (?, ?, 1000, 'rejected', 'x', 'rep')").run(A, CANARIES[6]);
  // The summary as version 12 sealed it: under the audio's data key.
  const summary = crypto.seal(dataKey, new TextEncoder().encode(SUMMARY_TEXT), new TextEncoder().encode(`cv-recording-data-v1:summary:${A}`));
  db.prepare(
    `INSERT INTO summaries (recording_id, version, transcript_version, kind, drafter, reviewed_from, items, dropped, sealed, created_at, created_by)
     VALUES (?, 1, 1, 'draft', 'extractive', NULL, 1, 0, ?, 'x', 'rep')`,
  ).run(A, Buffer.from(summary));
}
