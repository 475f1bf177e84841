import { describe, expect, it } from 'vitest';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { readLinesUntil, spawnTsx } from '../../helpers/spawn-tsx';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

describe('kill -9 while appending chunks', () => {
  it('keeps every chunk whose write returned, and the vault opens with a clean integrity check', async () => {
    const { vault, home, profile, ctx } = await createTestVault();
    vault.close();
    const child = spawnTsx('tests/fixtures/crash-appender.ts', [home, profile.id], { CALLVAULT_PASSPHRASE: PASSPHRASE });
    const lines = await readLinesUntil(child, (l) => l.filter((x) => x.startsWith('chunk ')).length >= 40, 90_000);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // Anything printed after the count above may still be in the pipe; take the final count.
    const acknowledged = lines.filter((l) => l.startsWith('chunk ')).length;
    const recordingId = lines.find((l) => l.startsWith('recording '))?.split(' ')[1];
    expect(recordingId).toBeDefined();

    const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    const report = reopened.verify();
    expect(report.database).toBe('ok');
    expect(report.audit.ok).toBe(true);
    const chunks = reopened.readRecording(recordingId!).chunks;
    const intact = chunks.filter((c) => c.status === 'ok');
    expect(intact.length).toBeGreaterThanOrEqual(acknowledged);
    expect(chunks.filter((c) => c.status === 'corrupt' || c.status === 'out-of-order')).toHaveLength(0);
    intact.forEach((c, i) => { expect(c.data?.[0]).toBe(i % 251); });
    reopened.close();
  });
});
