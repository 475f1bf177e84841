import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { unwrapMasterKey } from '../../../src/platform/vault/vault-keys';
import { runCliCapture } from '../../helpers/cli-runner';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

/** A vault with a few audit entries, and a way in to its database as an attacker with the db key would have. */
async function vaultWithHistory() {
  const fixture = await createTestVault();
  for (let i = 0; i < 3; i += 1) {
    fixture.vault.startRecording({ title: `call ${i}`, callType: 'demo', policyHash: 'test-policy-hash' }).writer.finish();
  }
  fixture.vault.close();
  const { masterKey } = await unwrapMasterKey(fixture.profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, fixture.ctx.crypto);
  const dbKey = fixture.ctx.crypto.deriveSubkey(masterKey, { kind: 'database' });
  const tamper = (sql: string) => {
    const db = openEncryptedDatabase(path.join(fixture.profile.vaultDir, 'vault.db'), dbKey, { create: false });
    db.exec(sql);
    db.close();
  };
  const env = { CALLVAULT_HOME: fixture.home, CALLVAULT_PASSPHRASE: PASSPHRASE };
  return { ...fixture, tamper, env };
}

describe('callvault audit verify', () => {
  it('passes an untouched log and lists it with audit show', async () => {
    const { env } = await vaultWithHistory();
    const verified = await runCliCapture(['audit', 'verify'], env);
    expect(verified.stdout).toMatch(/Audit log intact/);
    expect(verified.code).toBe(0);
    const shown = await runCliCapture(['audit', 'show', '--json'], env);
    const events = shown.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events.slice(0, 4)).toEqual(['vault.created', 'recording.created', 'recording.created', 'recording.created']);
  });

  it('detects an edited entry', async () => {
    const { env, tamper } = await vaultWithHistory();
    tamper(`UPDATE audit_log SET detail = '{"recordingId":"someone-else"}' WHERE seq = 2`);
    const result = await runCliCapture(['audit', 'verify'], env);
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/entry 2 was edited/);
  });

  it('detects a deleted entry in the middle and one cut off the end', async () => {
    const middle = await vaultWithHistory();
    middle.tamper('DELETE FROM audit_log WHERE seq = 2');
    const r1 = await runCliCapture(['audit', 'verify'], middle.env);
    expect(r1.code).toBe(4);
    expect(r1.stdout).toMatch(/entry 3 follows entry 1/);

    const tail = await vaultWithHistory();
    tail.tamper('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)');
    const r2 = await runCliCapture(['vault', 'verify'], tail.env);
    expect(r2.code).toBe(4);
    expect(r2.stdout).toMatch(/audit log:\s+FAILED/);
  });

  it('detects reordered entries', async () => {
    const { env, tamper } = await vaultWithHistory();
    tamper(`
      UPDATE audit_log SET seq = -2 WHERE seq = 2;
      UPDATE audit_log SET seq = 2 WHERE seq = 3;
      UPDATE audit_log SET seq = 3 WHERE seq = -2;`);
    const result = await runCliCapture(['audit', 'verify'], env);
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/entry (2|3)/);
  });

  it('records failed CLI unlocks in the audit log at the next unlock, with exit code 3 for the failure', async () => {
    const { env } = await vaultWithHistory();
    const failed = await runCliCapture(['vault', 'unlock-check'], { ...env, CALLVAULT_PASSPHRASE: 'not the right one at all' });
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/doesn't open this vault/);
    const shown = await runCliCapture(['audit', 'show', '--json'], env);
    expect(shown.stdout).toMatch(/"event":"vault.unlock_failed"/);
  });
});
