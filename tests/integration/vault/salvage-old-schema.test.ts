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
import { A, B, CALL, CANARIES, fillSchema12, segment, SUMMARY_TEXT } from '../../helpers/schema12-vault';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';


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
    // tag decision, dismissal reason and checkpoint; the summary under the audio's data key.
    const db = new Database(dbFile);
    db.pragma(`cipher='chacha20'`);
    db.pragma(`key="x'${Buffer.from(dbKey).toString('hex')}'"`);
    expect(runMigrations(db, 12)).toBe(12);
    fillSchema12(db, ctx.crypto, new RecordingKeys(ctx.crypto, () => masterKey), header.keyEpoch);
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
      expect(vault.calls.notes(CALL)).toBe(`Notes: ${CANARIES[4]}`);
      expect(vault.calls.bookmarks(A)).toEqual([{ atMs: 5_000, note: CANARIES[5] }]);
      expect(vault.tags.forRecording(A).map((t) => t.tag)).toEqual([CANARIES[6]]);
      expect(new TextDecoder().decode(vault.openSummary(A, 1, vault.summaries.get(A, 1)!.sealed))).toBe(SUMMARY_TEXT);
    } finally {
      vault.close();
    }
  });
});
