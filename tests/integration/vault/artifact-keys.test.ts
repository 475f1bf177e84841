// Per-artifact keys (#15 section 2, step 1): each (recording, artifact) has its own random key,
// wrapped under the epoch key with owner and artifact bound in; retention empties an artifact's
// wrapped key before it deletes the artifact's rows, and audio can go while the transcript stays.
import { describe, expect, it } from 'vitest';
import { openText, sealText } from '../../../src/core/ports/artifact-sealer';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';
import { openRawVaultDb } from '../../helpers/raw-vault-db';

type TestVault = Awaited<ReturnType<typeof createTestVault>>;

function addRecording(vault: OpenVault, title: string): string {
  const { record, writer } = vault.startRecording({ title, callType: 'discovery', policyHash: 'test-policy-hash' });
  writer.append(new Uint8Array(400).fill(3));
  writer.finish(new Uint8Array(400).fill(7));
  vault.updateRecording(record.id, 1_000, 'complete');
  return record.id;
}

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

async function reopen(t: TestVault): Promise<OpenVault> {
  return OpenVault.unlock(t.profile, { kind: 'passphrase', passphrase: PASSPHRASE }, t.ctx);
}

describe('per-artifact keys', () => {
  it('seal and open per (recording, artifact, row); a value moved to another artifact, recording or row, or altered, is refused as tampering', async () => {
    const t = await createTestVault();
    const { vault } = t;
    const a = addRecording(vault, 'A');
    const b = addRecording(vault, 'B');
    const sealed = sealText(vault.sealer, a, 'transcript', 'transcripts:v1', 'Quarterly volumes for Initech');
    expect(openText(vault.sealer, a, 'transcript', 'transcripts:v1', sealed)).toBe('Quarterly volumes for Initech');
    sealText(vault.sealer, a, 'notes', 'bookmarks', 'make the notes key');
    sealText(vault.sealer, b, 'transcript', 'transcripts:v1', 'make B key');
    // Another artifact's key, another recording's key, another row's context: refused.
    expect(refusal(() => vault.sealer.open(a, 'notes', 'transcripts:v1', sealed))).toMatchObject({ code: 'INTEGRITY' });
    expect(refusal(() => vault.sealer.open(a, 'notes', 'transcripts:v1', sealed)).message).toMatch(/does not open: the row was altered, or moved/);
    expect(() => vault.sealer.open(b, 'transcript', 'transcripts:v1', sealed)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    expect(() => vault.sealer.open(a, 'transcript', 'transcripts:v2', sealed)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    const altered = Uint8Array.from(sealed);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 1;
    expect(() => vault.sealer.open(a, 'transcript', 'transcripts:v1', altered)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    // A recording that never had a key for the artifact: the key table was altered.
    expect(refusal(() => vault.sealer.open(b, 'tags', 'tags', sealed))).toMatchObject({ code: 'INTEGRITY' });
    expect(refusal(() => vault.sealer.open(b, 'tags', 'tags', sealed)).message).toMatch(/no key/);
    const dir = t.profile.vaultDir;
    vault.close();

    // Keys persist across unlocks; a wrapped key copied onto another recording's row does not open.
    const again = await reopen(t);
    expect(openText(again.sealer, a, 'transcript', 'transcripts:v1', sealed)).toBe('Quarterly volumes for Initech');
    again.close();
    const raw = await openRawVaultDb(dir, t.ctx.crypto);
    expect(raw.prepare('SELECT count(*) FROM artifact_keys WHERE length(wrapped_key) > 0').pluck().get()).toBe(3);
    raw.prepare("UPDATE artifact_keys SET wrapped_key = (SELECT wrapped_key FROM artifact_keys WHERE owner = ? AND artifact = 'transcript') WHERE owner = ? AND artifact = 'transcript'").run(a, b);
    raw.close();
    const tampered = await reopen(t);
    expect(refusal(() => tampered.sealer.open(b, 'transcript', 'transcripts:v1', sealed))).toMatchObject({ code: 'INTEGRITY' });
    expect(refusal(() => tampered.sealer.open(b, 'transcript', 'transcripts:v1', sealed)).message).toMatch(/transcript key of .* does not open: its database row was altered or moved/);
    tampered.close();
  });

  it('a wrong vault key opens nothing: the same sealed value under another vault is refused', async () => {
    const one = await createTestVault();
    const two = await createTestVault();
    const a = addRecording(one.vault, 'A');
    const sealed = sealText(one.vault.sealer, a, 'tags', 'tags:t1', 'pricing');
    // The other vault has no key for this owner at all; give it one and it still does not open.
    sealText(two.vault.sealer, a, 'tags', 'tags:t1', 'other');
    expect(() => two.vault.sealer.open(a, 'tags', 'tags:t1', sealed)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    one.vault.close();
    two.vault.close();
  });

  it('destroying audio leaves the transcript key; destroying the transcript empties its key (and the summary key) before the rows go', async () => {
    const t = await createTestVault();
    const { vault } = t;
    const id = addRecording(vault, 'A');
    const transcript = sealText(vault.sealer, id, 'transcript', 'transcripts:v1', 'Zyxquorbant pricing');
    const summary = sealText(vault.sealer, id, 'summary', 'summaries:v1', 'summary text');
    const tag = sealText(vault.sealer, id, 'tags', 'tags:t1', 'pricing');
    vault.destroyArtifacts([{ recordingId: id, artifact: 'recording', rule: 'test', dueOn: '2026-01-01' }]);
    expect(vault.recordings.get(id)?.wrappedKey.length).toBe(0);
    expect(openText(vault.sealer, id, 'transcript', 'transcripts:v1', transcript)).toBe('Zyxquorbant pricing');

    vault.destroyArtifacts([{ recordingId: id, artifact: 'transcript', rule: 'test', dueOn: '2026-01-02' }]);
    expect(refusal(() => vault.sealer.open(id, 'transcript', 'transcripts:v1', transcript))).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal(() => vault.sealer.open(id, 'transcript', 'transcripts:v1', transcript)).message).toMatch(/transcript of this call was destroyed/);
    expect(() => vault.sealer.open(id, 'summary', 'summaries:v1', summary)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(vault.sealer.keyedHash(id, 'transcript', new Uint8Array([1]))).toBeUndefined();
    expect(openText(vault.sealer, id, 'tags', 'tags:t1', tag)).toBe('pricing');
    // New content after a destruction gets a fresh key: the destroyed one is never revived.
    const fresh = sealText(vault.sealer, id, 'transcript', 'transcripts:v1', 'new');
    expect(openText(vault.sealer, id, 'transcript', 'transcripts:v1', fresh)).toBe('new');
    expect(() => vault.sealer.open(id, 'transcript', 'transcripts:v1', transcript)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    const dir = t.profile.vaultDir;
    vault.close();
    const raw = await openRawVaultDb(dir, t.ctx.crypto);
    expect(raw.prepare("SELECT artifact, length(wrapped_key) > 0 AS live FROM artifact_keys WHERE owner = ? ORDER BY artifact").all(id)).toEqual([
      { artifact: 'summary', live: 0 },
      { artifact: 'tags', live: 1 },
      { artifact: 'transcript', live: 1 },
    ]);
    raw.close();
  });

  it('deleting a recording removes its artifact keys', async () => {
    const t = await createTestVault();
    const { vault } = t;
    const id = addRecording(vault, 'A');
    const sealed = sealText(vault.sealer, id, 'transcript', 'transcripts:v1', 'words');
    vault.destroyRecording(id);
    expect(() => vault.sealer.open(id, 'transcript', 'transcripts:v1', sealed)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    const dir = t.profile.vaultDir;
    vault.close();
    const raw = await openRawVaultDb(dir, t.ctx.crypto);
    expect(raw.prepare('SELECT count(*) FROM artifact_keys').pluck().get()).toBe(0);
    raw.close();
  });
});
