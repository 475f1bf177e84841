// Salvage of a damaged vault written at schema 12 (before migration 013 sealed transcripts, notes
// and tags): the new database must end with the same sealed layout as a vault migrated at unlock,
// never with the old plaintext copied into today's schema. Real vault files, real SQLite and
// libsodium; the database is damaged on one page so that the salvage runs.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { salvageVault } from '../../../src/app/vault/vault-salvage';
import { runMigrations } from '../../../src/platform/db/migrations';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { RecordingKeys } from '../../../src/platform/vault/recording-keys';
import { unwrapMasterKey } from '../../../src/platform/vault/vault-keys';
import { canariesReadableWithPassphrase } from '../../helpers/decrypted-vault-scan';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';

const A = '12121212-0000-4000-8000-00000000000a';
const B = '12121212-0000-4000-8000-00000000000b';
const CALL = '12121212-0000-4000-8000-0000000000c1';
const CANARIES = ['Quorblefink', 'Vexmundane', 'Plathornic', 'Snorvelite', 'Trumbletonic', 'Wexfordian', 'Zandrivelle'];
const segment = { speaker: 'customer' as const, startMs: 0, endMs: 1_000, text: `Budget is ${CANARIES[0]}`, confidence: 0.8, words: [{ text: CANARIES[0] ?? '', startMs: 0, endMs: 500, p: 0.9 }] };

describe('salvage of a vault at schema 12', () => {
  it('ends with the sealed layout of a migrated vault: no canary in the decrypted database, and the app reads every value', { timeout: 60_000 }, async () => {
    const ctx = await vaultContext();
    const profile = new ProfileStore(tempDir()).create('Old Schema');
    const { vault: created } = await OpenVault.create(profile, PASSPHRASE, ctx);
    created.close();
    const { masterKey, header } = await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx.crypto);
    const dbKey = ctx.crypto.deriveSubkey(masterKey, { kind: 'database' });
    const dbFile = path.join(profile.vaultDir, 'vault.db');
    for (const suffix of ['', '-wal', '-shm']) {
      fs.rmSync(dbFile + suffix, { force: true });
    }

    // The vault's database as a schema-12 app left it: plaintext transcript, notes, bookmark, tags,
    // tag decision and dismissal reason; the summary under the audio's data key.
    const db = new Database(dbFile);
    db.pragma(`cipher='chacha20'`);
    db.pragma(`key="x'${Buffer.from(dbKey).toString('hex')}'"`);
    expect(runMigrations(db, 12)).toBe(12);
    const keys = new RecordingKeys(ctx.crypto, () => masterKey);
    const dataKey = keys.newDataKey();
    const insertRecording = db.prepare(
      `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
       VALUES (?, 'Check-in', 'discovery', '2026-05-01T10:00:00.000Z', 60000, 'complete', ?, ?, '2026-05-01T10:00:00.000Z', 'p', ?, NULL, 0)`,
    );
    insertRecording.run(A, header.keyEpoch, Buffer.from(keys.wrap(A, dataKey, header.keyEpoch)), CALL);
    insertRecording.run(B, header.keyEpoch, Buffer.from(keys.wrap(B, keys.newDataKey(), header.keyEpoch)), null);
    db.prepare(
      `INSERT INTO calls (id, call_type, account, meeting_title, participants, policy_hash, script_id, script_version, consent_scope, state, recording_id, created_at)
       VALUES (?, 'discovery', 'Initech', 'Check-in', '[]', 'p', 'default', 1, 'all', 'ended', ?, '2026-05-01T09:59:00.000Z')`,
    ).run(CALL, A);
    db.prepare(
      `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments, speaker_names)
       VALUES (?, 1, 'machine', '2026-05-01T11:00:00.000Z', 'rep', 'whisper.cpp', 'en', ?, ?)`,
    ).run(A, JSON.stringify([segment]), JSON.stringify({ customer: CANARIES[1] }));
    db.prepare(
      `INSERT INTO transcript_redactions (recording_id, version, reviewed_at, reviewed_by, policy_hash, detector, redactions)
       VALUES (?, 1, 'x', 'rep', 'p', 'd', ?)`,
    ).run(A, JSON.stringify({ final: [], dismissed: [{ start: 0, end: 3, type: 'name', rule: 'r', reason: `not a name: ${CANARIES[2]}` }], topics: [] }));
    db.prepare('INSERT INTO call_notes (call_id, body, updated_at) VALUES (?, ?, ?)').run(CALL, `Notes: ${CANARIES[3]}`, 'x');
    db.prepare('INSERT INTO bookmarks (recording_id, at_ms, note, created_at) VALUES (?, ?, ?, ?)').run(A, 5_000, CANARIES[4], 'x');
    db.prepare("INSERT INTO tags (id, recording_id, tag, from_ms, to_ms, source, created_at, created_by) VALUES ('t1', ?, ?, NULL, NULL, 'manual', 'x', 'rep')").run(A, CANARIES[5]);
    db.prepare("INSERT INTO tag_suggestion_decisions (recording_id, tag, at_ms, decision, decided_at, decided_by) VALUES (?, ?, 1000, 'rejected', 'x', 'rep')").run(A, CANARIES[5]);
    const summary = ctx.crypto.seal(dataKey, new TextEncoder().encode(JSON.stringify({ format: 1, recordingId: A, version: 1, words: CANARIES[6] })), new TextEncoder().encode(`cv-recording-data-v1:summary:${A}`));
    db.prepare(
      `INSERT INTO summaries (recording_id, version, transcript_version, kind, drafter, reviewed_from, items, dropped, sealed, created_at, created_by)
       VALUES (?, 1, 1, 'draft', 'extractive', NULL, 1, 0, ?, 'x', 'rep')`,
    ).run(A, Buffer.from(summary));
    // Filler bookmarks of recording B, so one page can be damaged without touching the rows above.
    const filler = db.prepare('INSERT INTO bookmarks (recording_id, at_ms, note, created_at) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 400; i += 1) {
        filler.run(B, 10_000 + i, `filler bookmark ${i} ${'x'.repeat(60)}`, 'x');
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const leaves = db.prepare<[], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = 'bookmarks' AND pagetype = 'leaf' ORDER BY path").all();
    db.close();
    ctx.crypto.wipe(dbKey);
    ctx.crypto.wipe(masterKey);
    expect(leaves.length).toBeGreaterThan(4);
    const hit = leaves[Math.floor(leaves.length / 2)]!.pageno;
    const bytes = fs.readFileSync(dbFile);
    for (let i = 200; i < 216; i += 1) {
      bytes[(hit - 1) * pageSize + i] = (bytes[(hit - 1) * pageSize + i] ?? 0) ^ 0x5a;
    }
    fs.writeFileSync(dbFile, bytes);

    const report = await salvageVault(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    expect(report.tables.find((t) => t.table === 'bookmarks')?.lost.length).toBeGreaterThan(0);
    // The damaged original lies beside it (encrypted); the new database, decrypted, holds no canary.
    expect(await canariesReadableWithPassphrase(profile.vaultDir, ctx.crypto, CANARIES)).toEqual([]);

    const vault = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    try {
      expect(vault.transcripts.get(A, 1)).toMatchObject({ segments: [segment], speakerNames: { customer: CANARIES[1] } });
      expect(vault.calls.notes(CALL)).toBe(`Notes: ${CANARIES[3]}`);
      expect(vault.calls.bookmarks(A)).toEqual([{ atMs: 5_000, note: CANARIES[4] }]);
      expect(vault.tags.forRecording(A).map((t) => t.tag)).toEqual([CANARIES[5]]);
      const stored = vault.summaries.get(A, 1)!;
      expect(JSON.parse(new TextDecoder().decode(vault.openSummary(A, 1, stored.sealed)))).toMatchObject({ words: CANARIES[6] });
    } finally {
      vault.close();
    }
  });
});
