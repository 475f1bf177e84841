import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations, runMigrations, MigrationError } from '../../../src/platform/db/migrations';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { tempDir } from '../../helpers/temp-dir';

const key = new Uint8Array(32).fill(7);

describe('numbered migrations', () => {
  it('migrates a real encrypted database forward one step at a time', () => {
    const file = path.join(tempDir(), 'm.db');
    const db = new Database(file);
    db.pragma(`cipher='chacha20'`);
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    expect(runMigrations(db, 0)).toBe(0);
    for (const m of migrations) {
      expect(runMigrations(db, m.version)).toBe(m.version);
    }
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").all().map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['audit_head', 'audit_log', 'recordings', 'search_rows', 'search_scopes', 'search_terms', 'settings']));
    expect(tables).not.toContain('search_index'); // migration 017: no FTS table (no plaintext terms)
    db.close();
    const reopened = openEncryptedDatabase(file, key, { create: false });
    expect(reopened.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    reopened.close();
  });

  it('refuses a database from a newer schema and one keyed for another cipher', () => {
    const file = path.join(tempDir(), 'n.db');
    const db = openEncryptedDatabase(file, key, { create: true });
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    expect(() => openEncryptedDatabase(file, key, { create: false })).toThrow(MigrationError);

    const cbcFile = path.join(tempDir(), 'cbc.db');
    const cbc = new Database(cbcFile);
    cbc.pragma(`cipher='sqlcipher'`);
    cbc.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    cbc.exec('CREATE TABLE t(x)');
    cbc.close();
    expect(() => openEncryptedDatabase(cbcFile, key, { create: false })).toThrow(/does not open|damaged/);
  });
});
