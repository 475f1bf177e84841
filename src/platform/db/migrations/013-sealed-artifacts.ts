import type Database from 'better-sqlite3-multiple-ciphers';
import { MigrationError } from './migration-error';
import type { Migration, MigrationKeys } from './migration';
import { sealedColumn, sealTo, tagHash } from '../sealed-columns';

/**
 * Crypto-shredding for every artifact (#15 section 2).
 *
 * `artifact_keys`: a random key per owner (a recording, or a call for its notes) and artifact
 * (transcript, notes, tags, summary), sealed under the epoch key like a recording's audio data
 * key, with owner and artifact bound in. An empty `wrapped_key` is a destroyed key: retention
 * empties it before it deletes the rows sealed under it, so copies of those rows left in free
 * pages, the WAL or a backup no longer open with the vault's keys.
 *
 * Each per-recording free text gets a `sealed` column (see `sealed-columns.ts` for the key and
 * row context of each): transcript versions (segments, words, speaker names), their redaction
 * reviews (dismissal reasons), transcription checkpoints, call notes, bookmark notes, tags and tag
 * decisions (keyed by a keyed hash of the tag instead of the tag). The old plaintext columns stay
 * (SQLite cannot drop a NOT NULL column without rebuilding tables other tables reference) but are
 * emptied; summaries move from the audio's data key to their own. SQL cannot seal, so `convert`
 * does it with the vault's keys, in the same transaction; a vault with rows to convert is refused
 * if it is opened without them (only the app opens a vault, and it always gives them).
 */
export const migration013: Migration = {
  version: 13,
  name: 'sealed artifacts: per-artifact keys, sealed transcript, notes, tags',
  up: `
    CREATE TABLE artifact_keys (
      owner       TEXT NOT NULL,
      artifact    TEXT NOT NULL CHECK (artifact IN ('transcript', 'notes', 'tags', 'summary')),
      key_epoch   INTEGER NOT NULL,
      wrapped_key BLOB NOT NULL,
      PRIMARY KEY (owner, artifact)
    ) STRICT;

    ALTER TABLE transcripts ADD COLUMN sealed BLOB;
    ALTER TABLE transcript_redactions ADD COLUMN sealed BLOB;
    ALTER TABLE transcription_checkpoints ADD COLUMN sealed BLOB;
    ALTER TABLE call_notes ADD COLUMN sealed BLOB;
    ALTER TABLE bookmarks ADD COLUMN sealed BLOB;
    ALTER TABLE tags ADD COLUMN sealed BLOB;
    ALTER TABLE tag_suggestion_decisions ADD COLUMN sealed BLOB;
    DROP INDEX tags_by_tag;
    -- Rows are rewritten once, below; the triggers that keep versions immutable come back after.
    DROP TRIGGER transcripts_no_update;
    DROP TRIGGER summaries_no_update;
  `,
  convert(db, keys) {
    convertRows(db, keys);
    db.exec(`
      CREATE TRIGGER transcripts_no_update BEFORE UPDATE ON transcripts
        BEGIN SELECT RAISE(ABORT, 'transcript versions are immutable: add a version instead'); END;
      CREATE TRIGGER summaries_no_update BEFORE UPDATE ON summaries
        BEGIN SELECT RAISE(ABORT, 'summary versions are immutable: add a version instead'); END;
    `);
  },
};

const TABLES_TO_SEAL = ['transcripts', 'transcript_redactions', 'transcription_checkpoints', 'call_notes', 'bookmarks', 'tags', 'tag_suggestion_decisions', 'summaries'];

function convertRows(db: Database.Database, keys: MigrationKeys | undefined): void {
  const count = (table: string): number => db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? 0;
  if (TABLES_TO_SEAL.every((table) => count(table) === 0)) {
    return;
  }
  if (keys === undefined) {
    throw new MigrationError('This vault holds transcripts, notes or tags to seal under their own keys, which needs the unlocked vault: open it with CallVault.');
  }
  const { sealer } = keys;
  for (const row of db.prepare<[], { recording_id: string; version: number; segments: string; speaker_names: string }>('SELECT recording_id, version, segments, speaker_names FROM transcripts').all()) {
    const payload = JSON.stringify({ segments: JSON.parse(row.segments) as unknown, speakerNames: JSON.parse(row.speaker_names) as unknown });
    db.prepare("UPDATE transcripts SET sealed = ?, segments = '', speaker_names = '' WHERE recording_id = ? AND version = ?").run(
      sealTo(sealer, row.recording_id, 'transcript', sealedColumn.transcript(row.version), payload),
      row.recording_id,
      row.version,
    );
  }
  for (const row of db.prepare<[], { recording_id: string; version: number; redactions: string }>('SELECT recording_id, version, redactions FROM transcript_redactions').all()) {
    db.prepare("UPDATE transcript_redactions SET sealed = ?, redactions = '' WHERE recording_id = ? AND version = ?").run(
      sealTo(sealer, row.recording_id, 'transcript', sealedColumn.redactions(row.version), row.redactions),
      row.recording_id,
      row.version,
    );
  }
  for (const row of db.prepare<[], { recording_id: string; speaker: string; seq: number; segment: string }>('SELECT recording_id, speaker, seq, segment FROM transcription_checkpoints').all()) {
    db.prepare("UPDATE transcription_checkpoints SET sealed = ?, segment = '' WHERE recording_id = ? AND speaker = ? AND seq = ?").run(
      sealTo(sealer, row.recording_id, 'transcript', sealedColumn.checkpoint(row.speaker, row.seq), row.segment),
      row.recording_id,
      row.speaker,
      row.seq,
    );
  }
  for (const row of db.prepare<[], { call_id: string; body: string }>('SELECT call_id, body FROM call_notes').all()) {
    db.prepare("UPDATE call_notes SET sealed = ?, body = '' WHERE call_id = ?").run(row.body === '' ? null : sealTo(sealer, row.call_id, 'notes', sealedColumn.callNotes, row.body), row.call_id);
  }
  for (const row of db.prepare<[], { id: number; recording_id: string; note: string }>('SELECT id, recording_id, note FROM bookmarks').all()) {
    db.prepare("UPDATE bookmarks SET sealed = ?, note = '' WHERE id = ?").run(sealTo(sealer, row.recording_id, 'notes', sealedColumn.bookmark(row.id), row.note), row.id);
  }
  for (const row of db.prepare<[], { id: string; recording_id: string; tag: string }>('SELECT id, recording_id, tag FROM tags').all()) {
    db.prepare("UPDATE tags SET sealed = ?, tag = '' WHERE id = ?").run(sealTo(sealer, row.recording_id, 'tags', sealedColumn.tag(row.id), row.tag), row.id);
  }
  for (const row of db.prepare<[], { recording_id: string; tag: string; at_ms: number }>('SELECT recording_id, tag, at_ms FROM tag_suggestion_decisions').all()) {
    const hash = tagHash(sealer, row.recording_id, row.tag);
    db.prepare('UPDATE tag_suggestion_decisions SET tag = ?, sealed = ? WHERE recording_id = ? AND tag = ? AND at_ms = ?').run(
      hash,
      sealTo(sealer, row.recording_id, 'tags', sealedColumn.tagDecision(hash, row.at_ms), row.tag),
      row.recording_id,
      row.tag,
      row.at_ms,
    );
  }
  // Summaries were sealed under the audio's data key; they move to their own, so audio can go first.
  const summaries = db
    .prepare<[], { recording_id: string; version: number; sealed: Buffer; key_epoch: number; wrapped_key: Buffer }>(
      'SELECT s.recording_id, s.version, s.sealed, r.key_epoch, r.wrapped_key FROM summaries s JOIN recordings r ON r.id = s.recording_id',
    )
    .all();
  for (const row of summaries) {
    if (row.wrapped_key.length === 0) {
      continue; // The audio's key is gone: this summary was already unreadable, and stays so.
    }
    const plain = keys.openUnderDataKey({ id: row.recording_id, keyEpoch: row.key_epoch, wrappedKey: new Uint8Array(row.wrapped_key) }, new Uint8Array(row.sealed), new TextEncoder().encode(`cv-recording-data-v1:summary:${row.recording_id}`));
    db.prepare('UPDATE summaries SET sealed = ? WHERE recording_id = ? AND version = ?').run(Buffer.from(sealer.seal(row.recording_id, 'summary', sealedColumn.summaryBeforeVersions, plain)), row.recording_id, row.version);
  }
}
