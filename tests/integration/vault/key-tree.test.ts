// The key tree (#15 section 2, migration 023): recordings' and artifacts' keys are wrapped under
// their bucket's KEK, and only the KEKs under the shred epoch's key. A delete gives its bucket a
// fresh KEK and rotates the shred secret over the KEKs: far fewer keys rewrapped than are live,
// and still no copy of the vault folder from before opens the destroyed call, with the passphrase
// or with the current vault's own KEKs. Real libsodium, real SQLite files, the app's OpenVault.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openText, sealText } from '../../../src/core/ports/artifact-sealer';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { bucketOf, bucketRef } from '../../../src/platform/vault/key-tree';
import { ProfileStore, type Profile } from '../../../src/platform/vault/profile-store';
import { defaultShredKeyStorePath, fileShredKeyStore } from '../../../src/platform/vault/shred-key-store';
import { unwrapMasterKey } from '../../../src/platform/vault/vault-keys';
import type { Crypto } from '../../../src/core/ports/crypto';
import { flattenKeyTree, treeKeysOf } from '../../helpers/key-tree';
import { openRawVaultDb } from '../../helpers/raw-vault-db';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';

const vaults: OpenVault[] = [];
afterEach(() => {
  for (const v of vaults.splice(0)) {
    v.close();
  }
});

const ARTIFACTS = ['transcript', 'notes', 'tags'] as const;

/** A recording with a data key and three artifact keys, each artifact holding `words`. */
function addCall(vault: OpenVault, words: string): string {
  const { record, writer } = vault.startRecording({ title: 'Check-in', callType: 'discovery', policyHash: 'test-policy-hash' });
  writer.append(new Uint8Array(64).fill(3));
  writer.finish(new Uint8Array(64).fill(7));
  for (const artifact of ARTIFACTS) {
    sealedOf.set(`${record.id}/${artifact}`, sealText(vault.sealer, record.id, artifact, 'canary', words));
  }
  return record.id;
}
const sealedOf = new Map<string, Uint8Array>();

function readAll(vault: OpenVault, id: string): string[] {
  return ARTIFACTS.map((artifact) => openText(vault.sealer, id, artifact, 'canary', sealedOf.get(`${id}/${artifact}`) ?? new Uint8Array()));
}

type KeyRows = Map<string, { keyEpoch: number; wrapped: string }>;

/** Every live wrapped key of a vault database, by table and owner, as stored. */
async function keyRows(profile: Profile, crypto: Crypto): Promise<{ keys: KeyRows; keks: Map<number, string> }> {
  const raw = await openRawVaultDb(profile.vaultDir, crypto);
  try {
    const keys: KeyRows = new Map();
    for (const r of raw.prepare<[], { id: string; key_epoch: number; wrapped_key: Buffer }>('SELECT id, key_epoch, wrapped_key FROM recordings WHERE length(wrapped_key) > 0').all()) {
      keys.set(`recording ${r.id}`, { keyEpoch: r.key_epoch, wrapped: r.wrapped_key.toString('hex') });
    }
    for (const k of raw.prepare<[], { owner: string; artifact: string; key_epoch: number; wrapped_key: Buffer }>('SELECT owner, artifact, key_epoch, wrapped_key FROM artifact_keys WHERE length(wrapped_key) > 0').all()) {
      keys.set(`${k.artifact} ${k.owner}`, { keyEpoch: k.key_epoch, wrapped: k.wrapped_key.toString('hex') });
    }
    const keks = new Map(raw.prepare<[], { bucket: number; wrapped_kek: Buffer }>('SELECT bucket, wrapped_kek FROM key_buckets').all().map((b) => [b.bucket, b.wrapped_kek.toString('hex')]));
    return { keys, keks };
  } finally {
    raw.close();
  }
}

function storeOf(profile: Profile, vaultId: string) {
  return fileShredKeyStore(defaultShredKeyStorePath(profile.dir, vaultId), vaultId);
}

async function newVault(): Promise<{ vault: OpenVault; profile: Profile; ctx: Awaited<ReturnType<typeof vaultContext>>; recoveryKey: string }> {
  const ctx = await vaultContext();
  const profile = new ProfileStore(tempDir()).create('Rita Rep');
  const { vault, recoveryKey } = await OpenVault.create(profile, PASSPHRASE, ctx);
  vaults.push(vault);
  return { vault, profile, ctx, recoveryKey };
}

describe('key tree', () => {
  it('a single delete rekeys only its bucket: every other bucket\'s keys are byte for byte the same, and far fewer keys are rewrapped than are live', async () => {
    const { vault, profile, ctx } = await newVault();
    const ids: string[] = [];
    for (let i = 0; i < 120; i += 1) {
      ids.push(addCall(vault, `canary-${String(i)}`));
    }
    const victim = ids[0] ?? '';
    const bucket = bucketOf(victim);
    const before = await keyRows(profile, ctx.crypto);
    expect(before.keys.size).toBe(120 * 4);
    // Every key sits in its owner's bucket.
    for (const [name, row] of before.keys) {
      expect(row.keyEpoch, name).toBe(bucketRef(bucketOf(name.split(' ')[1] ?? '')));
    }

    vault.destroyRecording(victim);
    const stats = vault.lastShredRotation;
    const after = await keyRows(profile, ctx.crypto);
    expect(after.keys.size).toBe(before.keys.size - 4);
    const inBucket = [...after.keys.values()].filter((r) => r.keyEpoch === bucketRef(bucket)).length;
    expect(stats).toMatchObject({ bucketsRekeyed: 1, keysRewrapped: inBucket, keksRewrapped: after.keks.size });
    const rewrapped = (stats?.keysRewrapped ?? 0) + (stats?.keksRewrapped ?? 0);
    expect(rewrapped).toBeLessThan(after.keys.size / 3);
    // Outside the victim's bucket not one wrapped key changed; inside it every one did; every KEK moved to the new epoch.
    for (const [name, row] of after.keys) {
      const old = before.keys.get(name);
      if (row.keyEpoch === bucketRef(bucket)) {
        expect(row.wrapped, name).not.toBe(old?.wrapped);
      } else {
        expect(row.wrapped, name).toBe(old?.wrapped);
      }
    }
    for (const [b, wrapped] of after.keks) {
      expect(wrapped, `bucket ${String(b)}`).not.toBe(before.keks.get(b));
    }
    // The audit entry counts them (ids and counts only), and everything kept reads.
    const rotated = vault.audit.entries().filter((e) => e.event === 'vault.shred_rotated').at(-1);
    expect(JSON.parse(rotated?.detail ?? '{}')).toEqual({ epoch: vault.keyEpoch, keys: rewrapped, buckets: 1 });
    for (const [i, id] of ids.slice(1).entries()) {
      expect(readAll(vault, id)).toEqual(ARTIFACTS.map(() => `canary-${String(i + 1)}`));
    }
    expect(vault.readRecording(ids[1] ?? '').ok).toBe(true);
  });

  it('an earlier copy opens nothing with the passphrase, and the current vault\'s own KEKs do not open the destroyed call\'s keys in it', async () => {
    const { vault, profile, ctx } = await newVault();
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      ids.push(addCall(vault, `canary-${String(i)}`));
    }
    const victim = ids[0] ?? '';
    // A kept call in another bucket: the control that the current KEKs do open what they wrapped.
    const untouched = ids.find((id) => bucketOf(id) !== bucketOf(victim)) ?? '';
    const epochBefore = vault.keyEpoch;
    const earlier = tempDir();
    fs.cpSync(profile.vaultDir, earlier, { recursive: true });
    vault.destroyRecording(victim);
    const secrets = storeOf(profile, vault.vaultId).read() ?? new Map<number, Uint8Array>();
    expect([...secrets.keys()]).toEqual([epochBefore + 1]);

    const master = (await unwrapMasterKey(earlier, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx.crypto)).masterKey;
    const copy = await openRawVaultDb(earlier, ctx.crypto);
    const current = await openRawVaultDb(profile.vaultDir, ctx.crypto);
    try {
      const rowOf = (id: string) => {
        const row = copy.prepare<[string], { key_epoch: number; wrapped_key: Buffer }>('SELECT key_epoch, wrapped_key FROM recordings WHERE id = ?').get(id);
        return { id, keyEpoch: row?.key_epoch ?? 0, wrappedKey: new Uint8Array(row?.wrapped_key ?? Buffer.alloc(0)) };
      };
      const artifactOf = (id: string) => {
        const row = copy.prepare<[string], { key_epoch: number; wrapped_key: Buffer }>("SELECT key_epoch, wrapped_key FROM artifact_keys WHERE owner = ? AND artifact = 'transcript'").get(id);
        return { keyEpoch: row?.key_epoch ?? 0, wrappedKey: new Uint8Array(row?.wrapped_key ?? Buffer.alloc(0)) };
      };
      // (1) The copy through its own key tree, with the passphrase and every secret the store now holds: no call opens.
      const copyKeys = treeKeysOf(copy, ctx.crypto, master, (e) => secrets.get(e), epochBefore);
      for (const id of ids) {
        expect(() => copyKeys.unwrap(rowOf(id)), id).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      }
      copyKeys.wipe();
      // (2) The copy's wrapped keys under the CURRENT vault's KEKs (unwrapped with the current
      // store): the destroyed call's keys do not open, its bucket has a fresh KEK...
      const currentKeys = treeKeysOf(current, ctx.crypto, master, (e) => secrets.get(e), epochBefore + 1);
      expect(() => currentKeys.unwrap(rowOf(victim))).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      expect(() => currentKeys.unwrapArtifactKey(victim, 'transcript', artifactOf(victim))).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      // ...while an untouched bucket keeps its KEK, which never wrapped the destroyed call's keys:
      // the copy's key of a call the vault still holds opens (the current vault reads that call anyway).
      expect(currentKeys.unwrap(rowOf(untouched)).length).toBe(32);
      expect(currentKeys.unwrapArtifactKey(untouched, 'transcript', artifactOf(untouched)).length).toBe(32);
      currentKeys.wipe();
    } finally {
      copy.close();
      current.close();
      ctx.crypto.wipe(master);
    }
    expect(readAll(vault, untouched)[0]).toMatch(/^canary-/);
  });

  it('a bucket KEK altered or moved to another bucket is refused as INTEGRITY; the other buckets still read', async () => {
    const { vault, profile, ctx } = await newVault();
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      ids.push(addCall(vault, `canary-${String(i)}`));
    }
    const [a = '', b = ''] = ids.filter((id, i, all) => all.findIndex((x) => bucketOf(x) === bucketOf(id)) === i);
    vault.close();
    const tamper = async (sql: string, ...params: unknown[]) => {
      const raw = await openRawVaultDb(profile.vaultDir, ctx.crypto);
      const saved = raw.prepare<[number], { wrapped_kek: Buffer }>('SELECT wrapped_kek FROM key_buckets WHERE bucket = ?').get(bucketOf(a))?.wrapped_kek;
      raw.prepare(sql).run(...params);
      raw.close();
      const open = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
      vaults.push(open);
      let refused: unknown;
      try {
        readAll(open, a);
      } catch (error) {
        refused = error;
      }
      expect(refused).toMatchObject({ code: 'INTEGRITY' });
      expect(() => open.readRecording(a)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      expect(readAll(open, b)[0]).toMatch(/^canary-/);
      open.close();
      const restore = await openRawVaultDb(profile.vaultDir, ctx.crypto);
      restore.prepare('UPDATE key_buckets SET wrapped_kek = ? WHERE bucket = ?').run(saved, bucketOf(a));
      restore.close();
    };
    // One byte flipped.
    const raw = await openRawVaultDb(profile.vaultDir, ctx.crypto);
    const kek = raw.prepare<[number], Buffer>('SELECT wrapped_kek FROM key_buckets WHERE bucket = ?').pluck().get(bucketOf(a)) ?? Buffer.alloc(0);
    const kekB = raw.prepare<[number], Buffer>('SELECT wrapped_kek FROM key_buckets WHERE bucket = ?').pluck().get(bucketOf(b)) ?? Buffer.alloc(0);
    raw.close();
    const flipped = Buffer.from(kek);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    await tamper('UPDATE key_buckets SET wrapped_kek = ? WHERE bucket = ?', flipped, bucketOf(a));
    // Another bucket's (genuine) KEK put in a's row.
    await tamper('UPDATE key_buckets SET wrapped_kek = ? WHERE bucket = ?', kekB, bucketOf(a));
    // Restored: it reads again.
    const fine = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    vaults.push(fine);
    expect(readAll(fine, a)[0]).toMatch(/^canary-/);
  });

  it('a schema-22 vault (keys wrapped flat under S_n) is put in the key tree at its first unlock, in one transaction, and reads the same', async () => {
    const { vault, profile, ctx } = await newVault();
    const ids = [addCall(vault, 'canary-0'), addCall(vault, 'canary-1'), addCall(vault, 'canary-2')];
    const vaultId = vault.vaultId;
    const epoch = vault.keyEpoch;
    vault.close();
    const secret = storeOf(profile, vaultId).read()?.get(epoch);
    const master = (await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx.crypto)).masterKey;
    const raw = await openRawVaultDb(profile.vaultDir, ctx.crypto);
    flattenKeyTree(raw, ctx.crypto, master, (e) => (e === epoch ? secret : undefined), epoch, epoch);
    // What a schema-22 database is: no key_buckets table, no triggers, no indexes (023), and no
    // search block filters (024).
    raw.exec(`
      ALTER TABLE search_scopes DROP COLUMN blocks;
      DROP TRIGGER recordings_key_emptied; DROP TRIGGER recordings_key_deleted;
      DROP TRIGGER artifact_keys_key_emptied; DROP TRIGGER artifact_keys_key_deleted;
      DROP INDEX recordings_by_key_epoch; DROP INDEX artifact_keys_by_key_epoch;
      DROP TABLE key_buckets;
    `);
    raw.pragma('user_version = 22');
    expect(raw.prepare('SELECT count(*) FROM recordings WHERE key_epoch = ?').pluck().get(epoch)).toBe(3);
    raw.close();
    ctx.crypto.wipe(master);

    const converted = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    vaults.push(converted);
    expect(converted.keyEpoch).toBe(epoch); // nothing destroyed: no rotation
    for (const [i, id] of ids.entries()) {
      expect(readAll(converted, id)).toEqual(ARTIFACTS.map(() => `canary-${String(i)}`));
    }
    const built = converted.audit.entries().filter((e) => e.event === 'vault.key_tree_built');
    expect(built).toHaveLength(1);
    expect(JSON.parse(built[0]?.detail ?? '{}')).toMatchObject({ epoch, keys: 12 });
    const rows = await keyRows(profile, ctx.crypto);
    expect([...rows.keys.values()].every((r) => r.keyEpoch < 0)).toBe(true);
    // And a delete afterwards rekeys its bucket and rotates as in any vault.
    converted.destroyRecording(ids[0] ?? '');
    expect(converted.keyEpoch).toBe(epoch + 1);
    expect(converted.lastShredRotation?.bucketsRekeyed).toBe(1);
    expect(readAll(converted, ids[1] ?? '')[0]).toBe('canary-1');
  });
});
