import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../src/core/audit/audit-chain';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { createAuditRepo } from '../../../src/platform/db/audit-repo';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { unwrapMasterKey } from '../../../src/platform/vault/vault-keys';
import { runCliCapture } from '../../helpers/cli-runner';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

const secret = { kind: 'passphrase', passphrase: PASSPHRASE } as const;
const dbFiles = (vaultDir: string) => ['vault.db', 'vault.db-wal', 'vault.db-shm'].map((f) => path.join(vaultDir, f));

function snapshot(files: readonly string[]): Map<string, Buffer | undefined> {
  return new Map(files.map((f) => [f, fs.existsSync(f) ? fs.readFileSync(f) : undefined]));
}
function restore(saved: Map<string, Buffer | undefined>): void {
  for (const [file, bytes] of saved) {
    if (bytes === undefined) {
      fs.rmSync(file, { force: true });
    } else {
      fs.writeFileSync(file, bytes);
    }
  }
}
const headerAnchor = (vaultDir: string) => (JSON.parse(fs.readFileSync(path.join(vaultDir, 'vault.json'), 'utf8')) as { anchor?: { generation: number; auditSeq: number } }).anchor;

describe('the database is anchored in the header (an older vault.db is refused)', () => {
  it('refuses a restored older vault.db, with advice, in the app and in `vault verify` / `audit verify`', async () => {
    const { vault, profile, ctx, home } = await createTestVault();
    vault.close();
    const older = snapshot(dbFiles(profile.vaultDir));

    const reopened = await OpenVault.unlock(profile, secret, ctx);
    const { record } = reopened.startRecording({ title: 'consented call', callType: 'demo', policyHash: 'test-policy-hash' });
    reopened.audit.record('consent.recorded', { recordingId: record.id });
    reopened.close();

    restore(older);
    const attempt = OpenVault.unlock(profile, secret, ctx);
    await expect(attempt).rejects.toMatchObject({ code: 'VAULT_ROLLED_BACK' });
    await expect(attempt).rejects.toThrow(/vault\.db\) was replaced by an older copy.*Put back the vault\.db that belongs with this vault\.json.*salvage/s);

    const env = { CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE };
    for (const argv of [['vault', 'verify'], ['audit', 'verify']]) {
      const result = await runCliCapture(argv, env);
      expect(result.code, argv.join(' ')).toBe(4);
      expect(result.stderr).toMatch(/replaced by an older copy/);
    }
  });

  it('refuses an older vault.json put back beside the current database (it could bring back an old passphrase)', async () => {
    const { vault, profile, ctx } = await createTestVault();
    vault.close();
    const headerFile = path.join(profile.vaultDir, 'vault.json');
    const oldHeader = fs.readFileSync(headerFile);
    const reopened = await OpenVault.unlock(profile, secret, ctx);
    // Two anchored steps: one could be a power cut between the two writes, two cannot.
    reopened.startRecording({ title: 'a', callType: 'demo', policyHash: 'test-policy-hash' }).writer.finish();
    reopened.startRecording({ title: 'b', callType: 'demo', policyHash: 'test-policy-hash' }).writer.finish();
    reopened.close();
    fs.writeFileSync(headerFile, oldHeader);
    await expect(OpenVault.unlock(profile, secret, ctx)).rejects.toMatchObject({ code: 'VAULT_ROLLED_BACK', message: expect.stringMatching(/vault\.json\) was replaced by an older copy/) as unknown });
  });

  it('never locks the user out after a power cut between the database commit and the header write', async () => {
    const { vault, profile, ctx } = await createTestVault();
    const headerFile = path.join(profile.vaultDir, 'vault.json');
    const before = headerAnchor(profile.vaultDir);
    const headerBeforeWrite = fs.readFileSync(headerFile);
    // The append commits to the database, then rewrites the header; the header write is atomic,
    // so a power cut leaves either the new header or exactly the old one. Put back the old one.
    vault.audit.record('consent.recorded', { recordingId: 'r1' });
    expect(headerAnchor(profile.vaultDir)?.generation).toBe((before?.generation ?? 0) + 1);
    vault.close();
    const dbAfterClose = snapshot(dbFiles(profile.vaultDir));
    fs.writeFileSync(headerFile, headerBeforeWrite);
    // The database may also have been cut before close() anchored it: both states must open.
    const reopened = await OpenVault.unlock(profile, secret, ctx);
    expect(reopened.audit.verify().ok).toBe(true);
    expect(reopened.audit.entries().map((e) => e.event)).toContain('consent.recorded');
    reopened.close();
    const reanchored = headerAnchor(profile.vaultDir);
    expect(reanchored?.generation).toBeGreaterThan(before?.generation ?? 0);
    expect(reanchored?.auditSeq).toBeGreaterThan(before?.auditSeq ?? 0);
    (await OpenVault.unlock(profile, secret, ctx)).close();
    expect(dbAfterClose.size).toBe(3);
  });

  it('catches an attacker with the passphrase who cuts the audit log back and re-signs its head (item 8)', async () => {
    const { vault, profile, ctx } = await createTestVault();
    for (let i = 0; i < 3; i += 1) {
      vault.audit.record('consent.recorded', { recordingId: `r${i}` });
    }
    vault.close();
    const generation = headerAnchor(profile.vaultDir)?.generation ?? 0;

    // The attacker unwraps the master key, then rewrites the database: the last three entries go,
    // the audit head is re-signed at the earlier entry and the generation record kept at the
    // header's value, every MAC valid.
    const { masterKey } = await unwrapMasterKey(profile.vaultDir, secret, ctx.crypto);
    const auditKey = ctx.crypto.deriveSubkey(masterKey, { kind: 'audit-mac' });
    const db = openEncryptedDatabase(path.join(profile.vaultDir, 'vault.db'), ctx.crypto.deriveSubkey(masterKey, { kind: 'database' }), { create: false });
    const repo = createAuditRepo(db);
    const keep = repo.entries().filter((e) => e.event !== 'consent.recorded' && e.event !== 'vault.locked');
    const last = keep.at(-1)!;
    db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last.seq);
    const prefix = new TextEncoder().encode(`callvault-audit-head-v1:${last.seq}:`);
    const headMac = ctx.crypto.mac(auditKey, new Uint8Array([...prefix, ...last.hash]));
    db.prepare('UPDATE audit_head SET seq = ?, hash = ?, mac = ?').run(last.seq, Buffer.from(last.hash), Buffer.from(headMac));
    const genMac = ctx.crypto.mac(auditKey, new TextEncoder().encode(`callvault-anchor-generation-v1:${generation}`));
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify({ generation, mac: Buffer.from(genMac).toString('hex') }), 'vault.anchorGeneration');
    // On its own the cut log verifies: that is why the anchor is needed.
    expect(verifyChain(ctx.crypto, auditKey, repo.entries(), repo.head()).ok).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();

    await expect(OpenVault.unlock(profile, secret, ctx)).rejects.toMatchObject({ code: 'VAULT_ROLLED_BACK', message: expect.stringMatching(/audit log ends at entry/) as unknown });
  });

  it('anchors every audit append in the header, and does not touch the header for unaudited chunk progress', async () => {
    const { vault, profile } = await createTestVault();
    const headerFile = path.join(profile.vaultDir, 'vault.json');
    const start = headerAnchor(profile.vaultDir)!;
    const { record, writer } = vault.startRecording({ title: 'x', callType: 'demo', policyHash: 'test-policy-hash' });
    const afterAudit = headerAnchor(profile.vaultDir)!;
    expect(afterAudit.auditSeq).toBe(start.auditSeq + 1);
    const headerBytes = fs.readFileSync(headerFile);
    for (let i = 0; i < 20; i += 1) {
      writer.append(new Uint8Array(100));
      vault.updateRecording(record.id, i * 500, 'recording');
    }
    expect(fs.readFileSync(headerFile)).toEqual(headerBytes);
    writer.finish();
    vault.close();
    // Unaudited changes are covered by the generation raised at close.
    expect(headerAnchor(profile.vaultDir)!.generation).toBeGreaterThan(afterAudit.generation);
  });
});
