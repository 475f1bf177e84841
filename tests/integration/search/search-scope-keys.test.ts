// The search index's per-scope keys (#15 section 2, search p95): each scope's SipHash key is derived
// once from its artifact key and cached with it. A destroyed artifact key takes its derived keys with
// it (wiped, no longer cached, no hits), and locking the vault wipes them all. Real vault, real
// SQLite3MultipleCiphers, real libsodium; the key cache is observed by recording what the reader is given.
import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../../src/core/search/search-query';
import type { OpenVault } from '../../../src/app/vault/open-vault';
import { ArtifactKeys } from '../../../src/platform/vault/artifact-keys';
import { createTestVault } from '../../helpers/vault-fixture';

function addRecording(vault: OpenVault, title: string): string {
  const { record, writer } = vault.startRecording({ title, callType: 'discovery', policyHash: 'test-policy-hash' });
  writer.append(new Uint8Array(400).fill(3));
  writer.finish(new Uint8Array(400).fill(7));
  vault.updateRecording(record.id, 1_000, 'complete');
  return record.id;
}

const zero = (key: Uint8Array): boolean => key.every((b) => b === 0);

describe('per-scope search keys', () => {
  it('are derived once per scope, wiped and dropped when the artifact key is destroyed and when the vault locks', async () => {
    const { vault } = await createTestVault();
    const a = addRecording(vault, 'A');
    const b = addRecording(vault, 'B');
    vault.searchIndex.add(a, 'Quillimanjaro asked for a pilot', 'notes');
    vault.searchIndex.add(b, 'Quillimanjaro asked for a renewal', 'notes');
    const artifactKeys = vault.sealer;
    if (!(artifactKeys instanceof ArtifactKeys)) {
      throw new Error('expected the vault to seal with ArtifactKeys');
    }
    // Record the keys the reader is given (the same objects the cache holds).
    const given = new Map<string, Uint8Array>();
    const derive = artifactKeys.shortHashKey.bind(artifactKeys);
    artifactKeys.shortHashKey = (owner, artifact, label) => {
      const key = derive(owner, artifact, label);
      if (key !== undefined) {
        given.set(owner, key);
      }
      return key;
    };
    const found = (text: string): string[] => vault.search.query(parseSearchQuery(text), {}, 10).map((h) => h.recordingId).sort();

    expect(found('quillimanjaro asked')).toEqual([a, b].sort());
    expect(artifactKeys.cachedShortHashKeys(a, 'notes')).toBe(1);
    expect(artifactKeys.cachedShortHashKeys(b, 'notes')).toBe(1);
    const keyOfA = given.get(a);
    const keyOfB = given.get(b);
    expect(keyOfA).toHaveLength(16);
    expect(zero(keyOfA ?? new Uint8Array(0))).toBe(false);
    // A second query derives nothing new: the same cached keys.
    expect(found('pilot')).toEqual([a]);
    expect(given.get(a)).toBe(keyOfA);
    expect(artifactKeys.cachedShortHashKeys(a, 'notes')).toBe(1);

    // Destroying A's notes key wipes A's derived key and drops it; A is no longer found, B is.
    vault.destroyArtifacts([{ recordingId: a, artifact: 'notes', rule: 'test', dueOn: '2027-03-01' }]);
    expect(zero(keyOfA ?? new Uint8Array(1).fill(1))).toBe(true);
    expect(artifactKeys.cachedShortHashKeys(a, 'notes')).toBe(0);
    expect(artifactKeys.shortHashKey(a, 'notes', 'cv-search-scope-v1\n1')).toBeUndefined();
    expect(found('quillimanjaro')).toEqual([b]);
    expect(found('pilot')).toEqual([]);
    expect(zero(keyOfB ?? new Uint8Array(0))).toBe(false);
    expect(artifactKeys.cachedShortHashKeys(b, 'notes')).toBe(1);

    // Locking wipes every derived key.
    vault.close();
    expect(zero(keyOfB ?? new Uint8Array(1).fill(1))).toBe(true);
    expect(artifactKeys.cachedShortHashKeys(b, 'notes')).toBe(0);
  });
});
