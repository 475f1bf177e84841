import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditUnlock, FailedUnlockJournal } from '../../../src/app/vault/failed-unlock-journal';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

const secret = { kind: 'passphrase', passphrase: PASSPHRASE } as const;

async function setup() {
  const fixture = await createTestVault();
  auditUnlock(fixture.vault, 'passphrase');
  fixture.vault.close();
  const journal = new FailedUnlockJournal(fixture.profile.dir);
  const unlock = async () => {
    const vault = await OpenVault.unlock(fixture.profile, secret, fixture.ctx);
    auditUnlock(vault, 'passphrase');
    const entries = vault.audit.entries();
    expect(vault.audit.verify().ok).toBe(true);
    vault.close();
    return entries;
  };
  return { ...fixture, journal, unlock };
}

describe('the failed-unlock journal is a report, not a fact', () => {
  it('copies only well-formed lines, marked unauthenticated, and counts the rest without copying them', async () => {
    const { journal, unlock } = await setup();
    journal.note(new Date('2030-01-02T03:04:05.000Z'), 'passphrase');
    fs.appendFileSync(journal.file, [
      JSON.stringify({ at: '<img src=x onerror=alert(1)>', method: 'passphrase' }),
      JSON.stringify({ at: '2030-01-02T03:04:06.000Z', method: '<script>alert(1)</script>' }),
      JSON.stringify({ at: '2030-01-02T03:04:07.000Z', method: 'passphrase', note: 'extra' }),
      'not json at all',
      JSON.stringify({ at: 'x'.repeat(2 * 1024 * 1024), method: 'passphrase' }),
      '',
    ].join('\n'));
    const entries = await unlock();
    const failed = entries.filter((e) => e.event === 'vault.unlock_failed');
    expect(failed.map((e) => JSON.parse(e.detail) as unknown)).toEqual([{ at: '2030-01-02T03:04:05.000Z', method: 'passphrase', reported: 'unauthenticated' }]);
    expect(entries.every((e) => e.detail.length < 1024 && !e.detail.includes('<'))).toBe(true);
    expect(entries.find((e) => e.event === 'vault.unlock_journal_rejected')?.detail).toMatch(/^\{"lines":5,"unreadBytes":[1-9]\d*\}$/);
  });

  it('imports each genuine failure once, and later ones after it', async () => {
    const { journal, unlock } = await setup();
    journal.note(new Date('2030-01-01T00:00:00.000Z'), 'passphrase');
    expect((await unlock()).filter((e) => e.event === 'vault.unlock_failed')).toHaveLength(1);
    journal.note(new Date('2030-01-01T00:00:01.000Z'), 'recovery-key');
    const entries = await unlock();
    expect(entries.filter((e) => e.event === 'vault.unlock_failed').map((e) => (JSON.parse(e.detail) as { method: string }).method)).toEqual(['passphrase', 'recovery-key']);
    expect(entries.some((e) => e.event === 'vault.unlock_journal_rewritten')).toBe(false);
  });

  it('notes a journal deleted since the last unlock', async () => {
    const { journal, unlock } = await setup();
    journal.note(new Date('2030-01-01T00:00:00.000Z'), 'passphrase');
    await unlock();
    fs.rmSync(journal.file);
    expect((await unlock()).filter((e) => e.event === 'vault.unlock_journal_rewritten')).toHaveLength(1);
  });

  it('notes a journal whose already-consumed lines were rewritten', async () => {
    const { journal, unlock } = await setup();
    journal.note(new Date('2030-01-01T00:00:00.000Z'), 'passphrase');
    journal.note(new Date('2030-01-01T00:00:01.000Z'), 'passphrase');
    await unlock();
    fs.writeFileSync(journal.file, fs.readFileSync(journal.file, 'utf8').replace('00:00:01', '00:00:09'));
    expect((await unlock()).filter((e) => e.event === 'vault.unlock_journal_rewritten')).toHaveLength(1);
  });
});
