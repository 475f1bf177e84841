// The shred secret (#15 section 2, step 4): the key that wraps every recording's and artifact's
// key is derived from the master key AND a secret kept outside the vault folder, rotated after
// every destruction. A copy of the vault folder taken before a destruction, opened with the
// passphrase, no longer unwraps anything it held; the current vault reads everything that was
// kept; the recovery key opens a copy anywhere (and re-creates the key store). Real libsodium,
// real SQLite files, the app's own repositories.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openText, sealText } from '../../../src/core/ports/artifact-sealer';
import { OpenVault, type VaultContext } from '../../../src/app/vault/open-vault';
import type { ShredStep } from '../../../src/app/vault/shred-secret';
import { createArtifactKeyStore } from '../../../src/platform/db/artifact-key-repo';
import { createVaultRepositories } from '../../../src/platform/db/vault-repositories';
import { ArtifactKeys } from '../../../src/platform/vault/artifact-keys';
import { ProfileStore, type Profile } from '../../../src/platform/vault/profile-store';
import { bucketOf } from '../../../src/platform/vault/key-tree';
import { openKek, shredWrapKey } from '../../../src/platform/vault/recording-keys';
import { defaultShredKeyStorePath, fileShredKeyStore } from '../../../src/platform/vault/shred-key-store';
import { unwrapMasterKey } from '../../../src/platform/vault/vault-keys';
import { flattenKeyTree, treeKeysOf } from '../../helpers/key-tree';
import { openRawVaultDb } from '../../helpers/raw-vault-db';
import { retentionFixture } from '../../helpers/retention-fixture';
import { hashTree, tempDir } from '../../helpers/temp-dir';
import { timedSegment } from '../../helpers/timed-segment';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';
import { readLinesUntil, spawnTsx } from '../../helpers/spawn-tsx';

const CANARY = 'Quorvantine';
const KEPT = 'Brellisandor';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const fixtures: Fixture[] = [];
const vaults: OpenVault[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) {
    f.session.lock();
  }
  for (const v of vaults.splice(0)) {
    v.close();
  }
});

/** A copy of a vault folder made a profile of its own (a backup restored, or another machine). */
function profileFromCopy(vaultDir: string, name = 'copy'): Profile {
  const home = tempDir();
  const dir = path.join(home, 'profiles', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'profile.json'), JSON.stringify({ id: name, displayName: 'Copy' }));
  fs.cpSync(vaultDir, path.join(dir, 'vault'), { recursive: true });
  return new ProfileStore(home).get(name);
}

function storeOf(profile: Profile, vaultId: string) {
  return fileShredKeyStore(defaultShredKeyStorePath(profile.dir, vaultId), vaultId);
}

async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; detail?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; detail?: string; message: string };
  }
  throw new Error('expected a refusal');
}

function addRecording(vault: OpenVault, words: string): string {
  const { record, writer } = vault.startRecording({ title: 'Check-in', callType: 'discovery', policyHash: 'test-policy-hash' });
  writer.append(new Uint8Array(400).fill(3));
  writer.finish(new Uint8Array(400).fill(7));
  vault.updateRecording(record.id, 1_000, 'complete');
  vault.transcripts.add({ recordingId: record.id, kind: 'machine', createdAt: new Date().toISOString(), createdBy: 'Rita Rep', engine: 'hand-written', language: 'en', segments: [timedSegment('customer', 0, 900, `We said ${words} on the call.`)] });
  return record.id;
}

function transcriptText(vault: OpenVault, recordingId: string): string {
  return (vault.transcripts.latest(recordingId)?.segments ?? []).map((s) => s.text).join(' ');
}

describe('shred secret outside the vault folder', () => {
  it('after a recording is destroyed, a copy of the folder taken before opens nothing with the passphrase; the current vault reads everything kept', async () => {
    const f = await retentionFixture('2027-01-04T10:00:00.000Z');
    fixtures.push(f);
    const gone = await f.addCall('discovery', CANARY);
    const kept = await f.addCall('discovery', KEPT);
    const vault = f.vault();
    const vaultId = vault.vaultId;
    const epochBefore = vault.keyEpoch;
    const store = storeOf(vault.profile, vaultId);
    // The store is outside the vault folder, file 0600 in a 0700 folder.
    expect(path.relative(vault.profile.vaultDir, store.location).startsWith('..')).toBe(true);
    expect(fs.statSync(store.location).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(store.location)).mode & 0o777).toBe(0o700);
    expect([...(store.read()?.keys() ?? [])]).toEqual([epochBefore]);

    const earlier = tempDir();
    fs.cpSync(vault.profile.vaultDir, earlier, { recursive: true });
    // Control: before the destruction, the copy's sealed transcript opens through the app's own
    // repositories with the passphrase and the store's secret.
    const secretsNow = store.read() ?? new Map<number, Uint8Array>();
    const readCopy = async (secrets: ReadonlyMap<number, Uint8Array>) => {
      const raw = await openRawVaultDb(earlier, f.session.crypto);
      const { masterKey } = await unwrapMasterKey(earlier, { kind: 'passphrase', passphrase: PASSPHRASE }, f.session.crypto);
      // The copy's own key tree (migration 023): its bucket KEKs are wrapped under the epoch's secret.
      const recordingKeys = treeKeysOf(raw, f.session.crypto, masterKey, (e) => secrets.get(e), epochBefore);
      const sealer = new ArtifactKeys(f.session.crypto, recordingKeys, createArtifactKeyStore(raw), () => epochBefore);
      const repos = createVaultRepositories(raw, sealer);
      const attempt = (fn: () => string): string | { code: string } => {
        try {
          return fn();
        } catch (error) {
          return { code: (error as { code: string }).code };
        }
      };
      const dataKeyOf = (id: string) => {
        const row = repos.recordings.get(id);
        return attempt(() => (row === undefined ? 'no row' : `${recordingKeys.unwrap(row).length} bytes`));
      };
      const result = {
        transcript: attempt(() => (repos.transcripts.latest(gone.recordingId)?.segments ?? []).map((s) => s.text).join(' ')),
        notes: attempt(() => repos.calls.notes(gone.callId) ?? 'none'),
        audioKey: dataKeyOf(gone.recordingId),
        keptTranscript: attempt(() => (repos.transcripts.latest(kept.recordingId)?.segments ?? []).map((s) => s.text).join(' ')),
      };
      raw.close();
      f.session.crypto.wipe(masterKey);
      return result;
    };
    const before = await readCopy(secretsNow);
    expect(before.transcript).toContain(CANARY);
    expect(before.notes).toContain(CANARY);
    expect(before.audioKey).toBe('32 bytes');

    // The rep deletes the call (the app's delete: OpenVault.destroyRecording), which rotates.
    await f.call('recordings.destroy', { recordingId: gone.recordingId });
    const epochAfter = vault.keyEpoch;
    expect(epochAfter).toBe(epochBefore + 1);
    const storedAfter = store.read();
    expect([...(storedAfter?.keys() ?? [])]).toEqual([epochAfter]); // S_n deleted from the store

    // The earlier copy, with the passphrase and everything the store now holds: nothing unwraps.
    const after = await readCopy(storedAfter ?? new Map());
    expect(after.transcript).toEqual({ code: 'INTEGRITY' });
    expect(after.notes).toEqual({ code: 'INTEGRITY' });
    expect(after.audioKey).toEqual({ code: 'INTEGRITY' });
    // What the copy held of the call that was kept is unreadable from the copy too (its wrapped key
    // there is under the rotated secret); the current vault reads it.
    expect(after.keptTranscript).toEqual({ code: 'INTEGRITY' });
    expect(transcriptText(vault, kept.recordingId)).toContain(KEPT);
    expect(vault.calls.notes(kept.callId)).toContain(KEPT);
    expect(vault.readRecording(kept.recordingId).chunks.length).toBeGreaterThan(0);
    // And through the app: the copy as a profile is refused with the passphrase, store or no store.
    const copy = profileFromCopy(earlier);
    const appCtx: VaultContext = { crypto: f.session.crypto, now: () => f.clock.now() };
    const missing = await refusalOf(OpenVault.unlock(copy, { kind: 'passphrase', passphrase: PASSPHRASE }, appCtx));
    expect(missing).toMatchObject({ code: 'WRONG_SECRET', detail: 'key-store-missing' });
    expect(missing.message).toMatch(/recovery key/);
    fs.mkdirSync(path.dirname(defaultShredKeyStorePath(copy.dir, vaultId)), { recursive: true });
    fs.copyFileSync(store.location, defaultShredKeyStorePath(copy.dir, vaultId));
    const stale = await refusalOf(OpenVault.unlock(copy, { kind: 'passphrase', passphrase: PASSPHRASE }, appCtx));
    expect(stale).toMatchObject({ code: 'WRONG_SECRET', detail: 'key-store-mismatch' });
    // The audit chain of the current vault verifies, the rotation in it (ids and counts only).
    expect(vault.audit.verify().ok).toBe(true);
    const rotated = vault.audit.entries().filter((e) => e.event === 'vault.shred_rotated');
    expect(rotated.length).toBe(1);
    expect(JSON.parse(rotated[0]?.detail ?? '{}')).toMatchObject({ epoch: epochAfter });
  });

  it('a retention sweep rotates once per run, however many artifacts it destroys', async () => {
    const f = await retentionFixture('2027-01-04T10:00:00.000Z');
    fixtures.push(f);
    await f.addCall('discovery', CANARY);
    await f.addCall('discovery', CANARY);
    const keep = await f.addCall('discovery', KEPT);
    const epoch = f.vault().keyEpoch;
    f.clock.advanceDays(400);
    await f.call('retention.setDealOutcome', { recordingId: keep.recordingId, outcome: 'won', decidedOn: f.clock.day() });
    const report = await f.call('retention.run', { dryRun: false });
    expect(report.destroyed.length).toBeGreaterThan(4);
    expect(f.vault().keyEpoch).toBe(epoch + 1);
    expect(f.vault().audit.entries().filter((e) => e.event === 'vault.shred_rotated')).toHaveLength(1);
    // Nothing due: no rotation.
    await f.call('retention.run', { dryRun: false });
    expect(f.vault().keyEpoch).toBe(epoch + 1);
  });

  it('the recovery key opens a copy on a machine without the key store and re-creates it; the passphrase alone is refused and changes nothing', async () => {
    const ctx = await vaultContext();
    const home = tempDir();
    const profile = new ProfileStore(home).create('Rita Rep');
    const { vault, recoveryKey } = await OpenVault.create(profile, PASSPHRASE, ctx);
    const a = addRecording(vault, CANARY);
    const b = addRecording(vault, KEPT);
    const vaultId = vault.vaultId;
    const earlier = tempDir();
    vault.close();
    fs.cpSync(profile.vaultDir, earlier, { recursive: true });
    const open = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    open.destroyRecording(a);
    open.close();

    // The current folder, moved to another machine without its store.
    const moved = profileFromCopy(profile.vaultDir, 'moved');
    const files = hashTree(moved.dir);
    const refused = await refusalOf(OpenVault.unlock(moved, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx));
    expect(refused).toMatchObject({ code: 'WRONG_SECRET', detail: 'key-store-missing' });
    expect(hashTree(moved.dir)).toEqual(files);
    const recovered = await OpenVault.unlock(moved, { kind: 'recovery-key', recoveryKey }, ctx);
    vaults.push(recovered);
    expect(transcriptText(recovered, b)).toContain(KEPT);
    expect(recovered.recordings.get(a)).toBeUndefined();
    expect(recovered.audit.entries().some((e) => e.event === 'vault.key_store_recreated')).toBe(true);
    expect([...(storeOf(moved, vaultId).read()?.keys() ?? [])]).toEqual([recovered.keyEpoch]);
    recovered.close();
    // Re-created: the passphrase opens it there from now on.
    const again = await OpenVault.unlock(moved, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    vaults.push(again);
    expect(transcriptText(again, b)).toContain(KEPT);
    again.close();

    // The documented limit: a copy taken BEFORE the destruction plus the recovery key still reads
    // what that copy held (its escrow is sealed to the recovery box). Only the passphrase is shut out.
    const old = profileFromCopy(earlier, 'old');
    expect(await refusalOf(OpenVault.unlock(old, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx))).toMatchObject({ code: 'WRONG_SECRET' });
    const oldWithRecovery = await OpenVault.unlock(old, { kind: 'recovery-key', recoveryKey }, ctx);
    vaults.push(oldWithRecovery);
    expect(transcriptText(oldWithRecovery, a)).toContain(CANARY);
  });

  it('a tampered, foreign or damaged key store is refused with a clear error and nothing written; the recovery key repairs it', async () => {
    const ctx = await vaultContext();
    const profile = new ProfileStore(tempDir()).create('Rita Rep');
    const { vault, recoveryKey } = await OpenVault.create(profile, PASSPHRASE, ctx);
    const a = addRecording(vault, KEPT);
    const vaultId = vault.vaultId;
    const epoch = vault.keyEpoch;
    vault.close();
    const store = storeOf(profile, vaultId);
    const good = fs.readFileSync(store.location, 'utf8');
    const cases: [string, string, string][] = [
      ['a wrong secret', good.replace(/"1":"[^"]+"/, `"${epoch}":"${Buffer.alloc(32, 9).toString('base64')}"`), 'key-store-mismatch'],
      ['another vault\'s store', good.replace(vaultId, '00000000-0000-4000-8000-000000000000'), 'key-store-mismatch'],
      ['not JSON', '{"format": "callvault-shred-keys", ', 'key-store-mismatch'],
      ['a secret of the wrong length', good.replace(/"1":"[^"]+"/, `"${epoch}":"${Buffer.alloc(16, 9).toString('base64')}"`), 'key-store-mismatch'],
      ['an empty store', good.replace(/"secrets":\{[^}]*\}/, '"secrets":{}'), 'key-store-mismatch'],
    ];
    expect(good).toContain(`"${epoch}":`);
    for (const [what, text, detail] of cases) {
      fs.writeFileSync(store.location, text);
      const vaultFiles = hashTree(profile.vaultDir);
      const refused = await refusalOf(OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx));
      expect(refused, what).toMatchObject({ code: 'WRONG_SECRET', detail });
      expect(refused.message, what).toMatch(/recovery key/);
      expect(hashTree(profile.vaultDir), what).toEqual(vaultFiles);
      expect(fs.readFileSync(store.location, 'utf8'), what).toBe(text);
    }
    const repaired = await OpenVault.unlock(profile, { kind: 'recovery-key', recoveryKey }, ctx);
    vaults.push(repaired);
    expect(transcriptText(repaired, a)).toContain(KEPT);
    repaired.close();
    const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    vaults.push(reopened);
    expect(transcriptText(reopened, a)).toContain(KEPT);
  });

  it('an escrow altered in the database is refused as INTEGRITY even with the recovery key', async () => {
    const ctx = await vaultContext();
    const profile = new ProfileStore(tempDir()).create('Rita Rep');
    const { vault, recoveryKey } = await OpenVault.create(profile, PASSPHRASE, ctx);
    const vaultId = vault.vaultId;
    vault.close();
    const raw = await openRawVaultDb(profile.vaultDir, ctx.crypto);
    const other = ctx.crypto.boxKeyPairFromSeed(new Uint8Array(32).fill(5));
    raw.prepare('UPDATE shred_state SET escrow = ?').run(Buffer.from(ctx.crypto.sealToPublicKey(other.publicKey, ctx.crypto.randomBytes(32))));
    raw.close();
    storeOf(profile, vaultId).remove();
    expect(await refusalOf(OpenVault.unlock(profile, { kind: 'recovery-key', recoveryKey }, ctx))).toMatchObject({ code: 'INTEGRITY', detail: 'shred-escrow' });
  });

  for (const step of ['bucket-rekeyed', 'store-written', 'rewrapped', 'committed', 'cleaned'] as const satisfies readonly ShredStep[]) {
    it(`a crash during the rotation (after "${step}") is finished at unlock: one secret left, destroyed keys gone, kept ones readable`, async () => {
      let crashAt: ShredStep | undefined;
      const ctx: VaultContext = {
        ...(await vaultContext()),
        shredHooks: {
          afterStep: (s) => {
            if (s === crashAt) {
              throw new Error(`simulated crash after ${s}`);
            }
          },
        },
      };
      const profile = new ProfileStore(tempDir()).create('Rita Rep');
      const { vault } = await OpenVault.create(profile, PASSPHRASE, ctx);
      const a = addRecording(vault, CANARY);
      const b = addRecording(vault, KEPT);
      const notes = sealText(vault.sealer, b, 'notes', 'extra', KEPT);
      const epoch = vault.keyEpoch;
      const earlier = tempDir();
      vault.close();
      fs.cpSync(profile.vaultDir, earlier, { recursive: true });
      const open = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
      crashAt = step;
      expect(() => { open.destroyRecording(a); }).toThrow(/simulated crash/);
      crashAt = undefined;
      // The process dies here: no orderly close (the database is left as the crash left it).
      (open as unknown as { db: { close(): void } }).db.close();
      const storeNow = storeOf(profile, open.vaultId).read();
      // A crash while the touched buckets get fresh KEKs comes before S_n+1 is written.
      expect(storeNow?.size, 'the store holds S_n and S_n+1 until the cleanup').toBe(step === 'cleaned' || step === 'bucket-rekeyed' ? 1 : 2);

      const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
      vaults.push(reopened);
      expect(reopened.keyEpoch).toBe(epoch + 1);
      expect([...(storeOf(profile, reopened.vaultId).read()?.keys() ?? [])]).toEqual([epoch + 1]);
      expect(reopened.recordings.get(a)).toBeUndefined();
      expect(transcriptText(reopened, b)).toContain(KEPT);
      expect(openText(reopened.sealer, b, 'notes', 'extra', notes)).toBe(KEPT);
      expect(reopened.readRecording(b).chunks.length).toBeGreaterThan(0);
      expect(reopened.audit.verify().ok).toBe(true);
      // The copy from before: its keys are under S_epoch, which no longer exists anywhere.
      const master = (await unwrapMasterKey(earlier, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx.crypto)).masterKey;
      const raw = await openRawVaultDb(earlier, ctx.crypto);
      const row = raw.prepare<[string], { key_epoch: number; wrapped_key: Buffer }>('SELECT key_epoch, wrapped_key FROM recordings WHERE id = ?').get(a);
      const kekRow = raw.prepare<[number], { wrapped_kek: Buffer }>('SELECT wrapped_kek FROM key_buckets WHERE bucket = ?').get(bucketOf(a));
      expect(kekRow, 'the copy holds the recording\'s bucket KEK').toBeDefined();
      const current = storeOf(profile, reopened.vaultId).read() ?? new Map<number, Uint8Array>();
      for (const secret of current.values()) {
        const keys = treeKeysOf(raw, ctx.crypto, master, () => secret, epoch);
        expect(() => keys.unwrap({ id: a, keyEpoch: row?.key_epoch ?? 0, wrappedKey: new Uint8Array(row?.wrapped_key ?? Buffer.alloc(0)) })).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
        const wrapKey = shredWrapKey(ctx.crypto, master, secret, epoch);
        expect(() => openKek(ctx.crypto, wrapKey, bucketOf(a), new Uint8Array(kekRow?.wrapped_kek ?? Buffer.alloc(0)))).toThrow();
      }
      raw.close();
    });
  }

  for (const step of ['bucket-rekeyed', 'rewrapped', 'committed'] as const) {
    it(`a real kill -9 of the process after "${step}" of a rotation: the next unlock finishes it`, async () => {
      const ctx = await vaultContext();
      const home = tempDir();
      const profile = new ProfileStore(home).create('Rita Rep');
      const { vault } = await OpenVault.create(profile, PASSPHRASE, ctx);
      const a = addRecording(vault, CANARY);
      const b = addRecording(vault, KEPT);
      const epoch = vault.keyEpoch;
      const vaultId = vault.vaultId;
      vault.close();
      const child = spawnTsx('tests/fixtures/crash-rotator.ts', [home, profile.id, a, step], { CALLVAULT_PASSPHRASE: PASSPHRASE });
      const exit = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => { resolve(signal); }));
      const lines = await readLinesUntil(child, (l) => l.includes(`killed after ${step}`), 60_000);
      expect(await exit).toBe('SIGKILL');
      expect(lines).not.toContain('finished');
      // S_n and S_n+1: the cleanup never ran (killed while rekeying the buckets: S_n+1 not written yet).
      expect(storeOf(profile, vaultId).read()?.size).toBe(step === 'bucket-rekeyed' ? 1 : 2);

      const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
      vaults.push(reopened);
      expect(reopened.keyEpoch).toBe(epoch + 1);
      expect([...(storeOf(profile, vaultId).read()?.keys() ?? [])]).toEqual([epoch + 1]);
      expect(reopened.recordings.get(a)).toBeUndefined();
      expect(transcriptText(reopened, b)).toContain(KEPT);
      expect(reopened.readRecording(b).ok).toBe(true);
      expect(reopened.audit.verify().ok).toBe(true);
    }, 90_000);
  }

  it('a vault from before the shred secret is converted at its first unlock (keys rewrapped, store made); its first recovery-key unlock moves the escrow to the recovery box', async () => {
    const ctx = await vaultContext();
    const profile = new ProfileStore(tempDir()).create('Rita Rep');
    const { vault, recoveryKey } = await OpenVault.create(profile, PASSPHRASE, ctx);
    const a = addRecording(vault, KEPT);
    const vaultId = vault.vaultId;
    const epoch = vault.keyEpoch;
    vault.close();
    // Make it what an older build left: every key wrapped under the master key's epoch-0 sub-key,
    // no shred_state row, no key store.
    const store = storeOf(profile, vaultId);
    const secret = store.read()?.get(epoch) ?? new Uint8Array(32);
    const master = (await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx.crypto)).masterKey;
    const raw = await openRawVaultDb(profile.vaultDir, ctx.crypto);
    // Since migration 023 the keys are in the key tree: each is taken out of its bucket and wrapped
    // flat under epoch 0, as an older build wrapped it, and the buckets are dropped.
    flattenKeyTree(raw, ctx.crypto, master, (e) => (e === epoch ? secret : undefined), epoch, 0);
    raw.prepare('DELETE FROM shred_state').run();
    raw.close();
    store.remove();

    const converted = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    expect(converted.keyEpoch).toBe(1);
    expect(transcriptText(converted, a)).toContain(KEPT);
    expect(store.read()?.size).toBe(1);
    converted.close();
    const raw2 = await openRawVaultDb(profile.vaultDir, ctx.crypto);
    expect(raw2.prepare('SELECT escrow_kind FROM shred_state').pluck().get()).toBe('master');
    expect(raw2.prepare('SELECT count(*) FROM recordings WHERE key_epoch = 0').pluck().get()).toBe(0);
    expect(raw2.prepare('SELECT count(*) FROM artifact_keys WHERE key_epoch = 0').pluck().get()).toBe(0);
    expect(raw2.prepare('SELECT count(*) FROM recordings WHERE key_epoch >= 0').pluck().get()).toBe(0); // all in the key tree
    expect(raw2.prepare('SELECT count(*) FROM key_buckets WHERE key_epoch = 1').pluck().get()).toBeGreaterThan(0);
    raw2.close();
    // The recovery key moves the escrow to the recovery box and rotates away the secret the master escrow held.
    const upgraded = await OpenVault.unlock(profile, { kind: 'recovery-key', recoveryKey }, ctx);
    vaults.push(upgraded);
    expect(upgraded.keyEpoch).toBe(2);
    expect(transcriptText(upgraded, a)).toContain(KEPT);
    upgraded.close();
    const raw3 = await openRawVaultDb(profile.vaultDir, ctx.crypto);
    expect(raw3.prepare('SELECT escrow_kind FROM shred_state').pluck().get()).toBe('recovery-box');
    raw3.close();
    ctx.crypto.wipe(master);
  });
});
