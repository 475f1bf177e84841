// Migration 013 (#15 section 2): a vault written at schema 12 (plaintext transcript, words,
// speaker names, redaction review, checkpoints, notes, bookmark notes, tags, tag decisions; a
// summary sealed under the audio's data key) is converted in place: every value sealed under its
// artifact key, the plaintext columns emptied, and today's repositories read the same values.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { createCrypto } from '../../../src/platform/crypto/sodium-crypto';
import { createCallRepo } from '../../../src/platform/db/call-repo';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { createRedactionSetRepo } from '../../../src/platform/db/redaction-set-repo';
import { createTagRepo } from '../../../src/platform/db/tag-repo';
import { createTranscriptRepo } from '../../../src/platform/db/transcript-repo';
import { createJobRepo } from '../../../src/platform/db/transcription-job-repo';
import { sealedColumn } from '../../../src/platform/db/sealed-columns';
import { RecordingKeys } from '../../../src/platform/vault/recording-keys';
import { A, B, CALL, CANARIES, fillSchema12, segment } from '../../helpers/schema12-vault';
import { databaseAtVersion, MIGRATION_TEST_KEY, MIGRATION_TEST_MASTER, openMigrated } from '../../helpers/migration-db';


async function version12Vault(): Promise<string> {
  const crypto = await createCrypto();
  const keys = new RecordingKeys(crypto, () => crypto.keyFromBytes(Uint8Array.from(MIGRATION_TEST_MASTER)));
  const { file, db } = databaseAtVersion(12);
  fillSchema12(db, crypto, keys);
  db.close();
  return file;
}

/** The database file decrypted (rekeyed to plaintext on a copy), as an attacker with the key reads it. */
function decryptedBytes(file: string): Buffer {
  const copy = `${file}.plain`;
  fs.copyFileSync(file, copy);
  const db = new Database(copy);
  db.pragma(`cipher='chacha20'`);
  db.pragma(`key="x'${Buffer.from(MIGRATION_TEST_KEY).toString('hex')}'"`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey=''`);
  db.close();
  return fs.readFileSync(copy);
}

describe('migration 013: per-artifact keys and sealed transcript, notes and tags', () => {
  it('seals every plaintext value of a schema-12 vault in place; the repositories read the same values; no canary is left in the decrypted file', async () => {
    const file = await version12Vault();
    expect(CANARIES.every((c) => decryptedBytes(file).includes(c))).toBe(true); // control: the scan sees plaintext
    const { db, sealer } = await openMigrated(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(13);
      const transcripts = createTranscriptRepo(db, sealer);
      expect(transcripts.get(A, 1)).toMatchObject({ segments: [segment], speakerNames: { customer: CANARIES[1] } });
      expect(createRedactionSetRepo(db, sealer).get(A, 1)?.redactions).toMatchObject({ dismissed: [{ reason: `not a name: ${CANARIES[2]}` }] });
      expect(createJobRepo(db, sealer).checkpoint.segments(A, 'customer')).toEqual([{ ...segment, text: CANARIES[3] }]);
      const calls = createCallRepo(db, sealer);
      expect(calls.notes(CALL)).toBe(`Notes: ${CANARIES[4]}`);
      expect(calls.bookmarks(A)).toEqual([{ atMs: 5_000, note: CANARIES[5] }]);
      const tags = createTagRepo(db, sealer);
      expect(tags.forRecording(A).map((t) => t.tag)).toEqual([CANARIES[6]]);
      expect(tags.recordingsWith(['pricing'])).toEqual([B]);
      expect(tags.decisions(A)).toEqual(new Map([[`${CANARIES[6]}@1000`, 'rejected']]));
      // The summary moved from the audio's data key to its own (and, since 021, binds its version).
      expect(new TextDecoder().decode(sealer.open(A, 'summary', sealedColumn.summary(1), new Uint8Array(db.prepare<[], Buffer>('SELECT sealed FROM summaries').pluck().get() ?? Buffer.alloc(0))))).toBe('{"items":["summary words"]}');
      // Versions are immutable again.
      expect(() => db.prepare("UPDATE transcripts SET language = 'de'").run()).toThrow(/immutable/);
      expect(() => db.prepare('UPDATE summaries SET items = 0').run()).toThrow(/immutable/);
      // Plaintext columns are empty.
      expect(db.prepare("SELECT count(*) FROM transcripts WHERE segments <> '' OR speaker_names <> '' OR sealed IS NULL").pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM tags WHERE tag <> ''").pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM call_notes WHERE body <> ''").pluck().get()).toBe(0);
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    const plain = decryptedBytes(file);
    expect(plain.subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(CANARIES.filter((c) => plain.includes(c))).toEqual([]);
  });

  it('sealed rows refuse tampering: a transcript moved to another recording, an altered note, a tag copied to another tag row', async () => {
    const file = await version12Vault();
    const { db, sealer } = await openMigrated(file);
    try {
      // Move A's transcript blob onto B's version 1 (the trigger is dropped as an attacker would).
      db.exec('DROP TRIGGER transcripts_no_update');
      db.prepare('UPDATE transcripts SET sealed = (SELECT sealed FROM transcripts WHERE recording_id = ?) WHERE recording_id = ?').run(A, B);
      expect(() => createTranscriptRepo(db, sealer).get(B, 1)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      expect(() => createTranscriptRepo(db, sealer).get(B, 1)).toThrow(/does not open: the row was altered, or moved/);
      const note = db.prepare<[], Buffer>('SELECT sealed FROM call_notes').pluck().get() ?? Buffer.alloc(0);
      note[note.length - 1] = (note[note.length - 1] ?? 0) ^ 0x01;
      db.prepare('UPDATE call_notes SET sealed = ?').run(note);
      expect(() => createCallRepo(db, sealer).notes(CALL)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      db.prepare("INSERT INTO tags (id, recording_id, tag, sealed, from_ms, to_ms, source, created_at, created_by) SELECT 't3', recording_id, '', sealed, NULL, NULL, 'manual', 'x', 'rep' FROM tags WHERE id = 't1'").run();
      expect(() => createTagRepo(db, sealer).forRecording(A)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      // A row written outside the app, with no sealed value, is refused rather than read as empty.
      db.prepare("INSERT INTO bookmarks (recording_id, at_ms, note, created_at) VALUES (?, 1, 'plain', 'x')").run(A);
      expect(() => createCallRepo(db, sealer).bookmarks(A)).toThrow(/is not sealed: the row was written outside CallVault/);
    } finally {
      db.close();
    }
  });

  it('refuses to convert a vault with rows to seal when it is opened without the vault keys', async () => {
    const file = await version12Vault();
    expect(() => openEncryptedDatabase(file, MIGRATION_TEST_KEY, { create: false })).toThrow(/needs the unlocked vault/);
    // Nothing was half done: the database is still at 12 with its rows.
    const { db } = await openMigrated(file);
    expect(db.prepare('SELECT count(*) FROM transcripts WHERE sealed IS NOT NULL').pluck().get()).toBe(2);
    db.close();
  });
});
