import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { allFiles } from '../../helpers/temp-dir';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

const CANARIES = ['CANARY-TRANSCRIPT-7f3a1c', 'CANARY-TITLE-b81e22', 'CANARY-AUDIO-0c9d44'];

function leaks(dir: string): string[] {
  const found: string[] = [];
  for (const { file, bytes } of allFiles(dir)) {
    for (const canary of CANARIES) {
      for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) {
        if (bytes.includes(Buffer.from(canary, encoding))) {
          found.push(`${path.relative(dir, file)} holds ${canary} (${encoding})`);
        }
      }
      const uniquePart = canary.split('-').at(-1) ?? canary;
      if (bytes.includes(Buffer.from(uniquePart, 'latin1'))) {
        found.push(`${path.relative(dir, file)} holds part of ${canary}`);
      }
    }
  }
  return found;
}

describe('nothing sensitive at rest in plaintext', () => {
  it('leaves zero bytes of known canaries in the db, wal, shm, chunk files or anything else, open or closed', async () => {
    const { vault, profile } = await createTestVault();
    const { record, writer } = vault.startRecording({ title: `Renewal ${CANARIES[1]}`, callType: 'renewal', policyHash: 'test-policy-hash' });
    const audio = Buffer.alloc(64_000);
    for (let i = 0; i < 50; i += 1) {
      audio.write(CANARIES[2]!, i * 1000, 'utf8');
    }
    writer.append(audio);
    writer.finish(audio);
    for (let i = 0; i < 200; i += 1) {
      vault.searchIndex.add(record.id, `Customer said ${CANARIES[0]} about the budget, segment ${i}`);
    }
    vault.settings.write({ key: 'lastNote', schema: z.string() }, CANARIES[0]!);
    expect(fs.existsSync(path.join(profile.vaultDir, 'vault.db-wal'))).toBe(true);
    expect(leaks(profile.dir)).toEqual([]);
    vault.close();
    expect(leaks(profile.dir)).toEqual([]);
  });

  it('destroys a deleted recording: its key, its rows, its index entries and its file', async () => {
    const { vault, profile, ctx } = await createTestVault();
    const { record, writer } = vault.startRecording({ title: CANARIES[1]!, callType: 'demo', policyHash: 'test-policy-hash' });
    writer.finish(Buffer.from(CANARIES[2]!));
    vault.searchIndex.add(record.id, CANARIES[0]!);
    const file = vault.recordingFile(record.id);
    const sealedAudio = fs.readFileSync(file);
    vault.destroyRecording(record.id);
    expect(fs.existsSync(file)).toBe(false);
    expect(vault.recordings.get(record.id)).toBeUndefined();
    expect(fs.statSync(path.join(profile.vaultDir, 'vault.db-wal')).size).toBe(0);
    vault.close();

    // Even with the passphrase, a copy of the old chunk file can no longer be read.
    const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    fs.writeFileSync(file, sealedAudio);
    expect(() => reopened.readRecording(record.id)).toThrow(/not in this vault/);
    expect(reopened.audit.entries().map((e) => e.event)).toContain('recording.deleted');
    reopened.close();
  });

  it('detects a flipped bit in any database page on open instead of accepting it', async () => {
    const { vault, profile, ctx } = await createTestVault();
    for (let i = 0; i < 30; i += 1) {
      vault.startRecording({ title: `call ${i}`, callType: 'demo', policyHash: 'test-policy-hash' }).writer.finish();
      vault.searchIndex.add(`r${i}`, 'lorem ipsum '.repeat(200));
    }
    vault.close();
    const dbFile = path.join(profile.vaultDir, 'vault.db');
    const original = fs.readFileSync(dbFile);
    const pageSize = 4096;
    const pages = original.length / pageSize;
    expect(pages).toBeGreaterThan(3);
    for (const page of [0, 1, Math.floor(pages / 2), pages - 1]) {
      const damaged = Buffer.from(original);
      const at = page * pageSize + 200;
      damaged[at] = (damaged[at] ?? 0) ^ 0x04;
      fs.writeFileSync(dbFile, damaged);
      await expect(OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx), `page ${page}`).rejects.toThrow(/integrity|damaged|does not open/);
    }
    fs.writeFileSync(dbFile, original);
    (await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx)).close();
  });
});
