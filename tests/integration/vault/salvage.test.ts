import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { ProfileStore, type Profile } from '../../../src/platform/vault/profile-store';
import { unwrapMasterKey } from '../../../src/platform/vault/vault-keys';
import { runCliCapture } from '../../helpers/cli-runner';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';

let home: string;
let profile: Profile;
const env = () => ({ CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE });
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Leaf { pageno: number; ncell: number }

beforeAll(() => {
  home = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'callvault-salvage-'));
});

afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

/** Leaf pages of a table in b-tree order, read with the vault's own database key. */
async function leavesOf(tables: readonly string[]): Promise<{ pageSize: number; leaves: Record<string, Leaf[]> }> {
  const ctx = await vaultContext();
  const { masterKey } = await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx.crypto);
  const key = ctx.crypto.deriveSubkey(masterKey, { kind: 'database' });
  const db = new Database(path.join(profile.vaultDir, 'vault.db'), { readonly: true });
  try {
    db.pragma(`cipher='chacha20'`);
    db.pragma(`key="x'${Buffer.from(key).toString('hex')}'"`);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const leaves: Record<string, Leaf[]> = {};
    for (const table of tables) {
      leaves[table] = db.prepare<[string], Leaf>("SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path").all(table);
    }
    return { pageSize, leaves };
  } finally {
    db.close();
    ctx.crypto.wipe(key);
    ctx.crypto.wipe(masterKey);
  }
}

describe('callvault vault salvage', () => {
  it('recovers every readable row of a vault whose database has damaged pages, keeps the damaged file and reports the losses', async () => {
    const ctx = await vaultContext();
    profile = new ProfileStore(home).create('Sal Vage');
    const { vault } = await OpenVault.create(profile, PASSPHRASE, ctx);
    const intact: { id: string; audio: Uint8Array }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const audio = new Uint8Array(1000).fill(10 + i);
      const { record, writer } = vault.startRecording({ title: `Kept call ${i}`, callType: 'discovery', policyHash: 'test-policy-hash' });
      writer.append(audio);
      writer.finish();
      vault.updateRecording(record.id, 500, 'complete');
      intact.push({ id: record.id, audio });
    }
    for (let i = 0; i < 60; i += 1) {
      const { record, writer } = vault.startRecording({ title: `Filler call ${i} with a longer title to fill the page`, callType: 'discovery', policyHash: 'test-policy-hash' });
      writer.finish(new Uint8Array([i]));
      vault.updateRecording(record.id, 0, 'complete');
    }
    vault.transaction(() => {
      for (let i = 0; i < 1500; i += 1) {
        vault.audit.record('vault.unlocked', { method: 'passphrase', n: i });
      }
    });
    vault.close();

    // Damage one leaf page in the middle of the audit log and one of the recordings table.
    const { pageSize, leaves } = await leavesOf(['audit_log', 'recordings']);
    const auditLeaves = leaves.audit_log!;
    const recordingLeaves = leaves.recordings!;
    expect(auditLeaves.length).toBeGreaterThan(10);
    expect(recordingLeaves.length).toBeGreaterThanOrEqual(3);
    const auditHit = auditLeaves[Math.floor(auditLeaves.length / 2)]!;
    const recordingHit = recordingLeaves[1]!; // The first leaf holds the three kept calls.
    const dbFile = path.join(profile.vaultDir, 'vault.db');
    const bytes = fs.readFileSync(dbFile);
    for (const page of [auditHit.pageno, recordingHit.pageno]) {
      for (let i = 200; i < 216; i += 1) {
        bytes[(page - 1) * pageSize + i] = (bytes[(page - 1) * pageSize + i] ?? 0) ^ 0x5a;
      }
    }
    fs.writeFileSync(dbFile, bytes);
    const damagedHash = sha(bytes);

    // The open error names the problem and the way out; verify cannot open it either.
    const opening = OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    await expect(opening).rejects.toThrow(/vault database is damaged: pages of .*audit_log.*recordings|recordings.*audit_log/);
    await expect(opening).rejects.toThrow(/callvault vault salvage/);
    const verified = await runCliCapture(['vault', 'verify'], env());
    expect(verified.code).toBe(4);
    expect(verified.stderr).toMatch(/damaged.*Run "callvault vault salvage"/);

    const salvaged = await runCliCapture(['vault', 'salvage', '--json'], env());
    expect(salvaged.stderr).not.toMatch(/callvault:/);
    expect(salvaged.code).toBe(4); // something was lost
    const report = JSON.parse(salvaged.stdout) as {
      damagedFile: string;
      tables: { table: string; copied: number; lost: string[] }[];
      recordingsWithoutKey: { id: string }[];
      audit: { ok: boolean; problems?: string[] };
      complete: boolean;
    };
    expect(report.complete).toBe(false);
    // Exactly the rows of the damaged pages are lost, and nothing else.
    const auditLoss = report.tables.find((t) => t.table === 'audit_log')!;
    expect(auditLoss.lost).toHaveLength(1);
    const [from, to] = /rows (\d+)-(\d+)/.exec(auditLoss.lost[0]!)!.slice(1).map(Number);
    expect(to! - from! + 1).toBe(auditHit.ncell);
    expect(auditLoss.copied).toBe(1500 + 3 + 60 * 1 + 1 - auditHit.ncell); // created + recordings + unlock entries
    const recordingLoss = report.tables.find((t) => t.table === 'recordings')!;
    expect(recordingLoss.copied).toBe(63 - recordingHit.ncell);
    expect(report.recordingsWithoutKey).toHaveLength(recordingHit.ncell);
    expect(report.tables.filter((t) => t.table !== 'audit_log' && t.table !== 'recordings').every((t) => t.lost.length === 0)).toBe(true);
    expect(report.audit.ok).toBe(false);
    expect(report.audit.problems?.join(' ')).toMatch(new RegExp(`entry ${to! + 1} follows entry ${from! - 1}`));

    // The damaged original is kept, byte for byte; the new vault opens with the same passphrase.
    expect(path.dirname(report.damagedFile)).toBe(profile.vaultDir);
    expect(path.basename(report.damagedFile)).toMatch(/^vault\.db\.damaged-\d{4}-\d{2}-\d{2}T/);
    expect(sha(fs.readFileSync(report.damagedFile))).toBe(damagedHash);
    expect(fs.readdirSync(profile.vaultDir).filter((f) => f.startsWith('salvage-'))).toEqual([]);

    const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    try {
      for (const { id, audio } of intact) {
        const read = reopened.readRecording(id);
        expect(read.ok).toBe(true);
        expect(read.chunks[0]?.data).toEqual(audio);
      }
      const entries = reopened.audit.entries();
      const last = entries.at(-1)!;
      expect(last.event).toBe('vault.salvaged');
      const detail = JSON.parse(last.detail) as { lostTables: string; recordingsWithoutKey: string };
      expect(detail.lostTables).toMatch(/audit_log: rows/);
      expect(detail.recordingsWithoutKey.split(' ')).toHaveLength(recordingHit.ncell);
      expect(reopened.audit.verify().ok).toBe(false); // not re-signed: the lost entries still show
      const check = reopened.verify();
      expect(check.database).toBe('ok');
      expect(check.strays.map((s) => s.name.replace('.cvaf', '')).sort()).toEqual(report.recordingsWithoutKey.map((r) => r.id).sort());
    } finally {
      reopened.close();
    }

    // A salvage of an intact database is refused.
    const again = await runCliCapture(['vault', 'salvage'], env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not damaged/);
  });
});
