import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/platform/models/model-error';
import { ModelStore } from '../../../src/platform/models/model-store';
import type { TrustRecord } from '../../../src/platform/models/trusted-models';
import { tempDir } from '../../helpers/temp-dir';
import { filesIn, generatedModel, sha256Of, testManifest, testStore } from './model-fixtures';

/** The rejection of `promise`, asserted to be a ModelError. */
async function modelError(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

/** A copy of `source` in a temp directory, optionally altered. */
function copyOf(source: string, name: string, alter?: (bytes: Buffer) => Buffer): string {
  const file = path.join(tempDir(), name);
  const bytes = fs.readFileSync(source);
  fs.writeFileSync(file, alter ? alter(bytes) : bytes);
  return file;
}

const adminGrant = (audited: TrustRecord[]) => ({
  by: { profileId: 'admin-1' },
  roleChecked: 'admin' as const,
  audit: (record: TrustRecord) => {
    audited.push(record);
  },
});

describe('ModelStore import', () => {
  it('imports a file that matches the manifest by hash, whatever it is called, and can then resolve and verify it', async () => {
    const { store, dir } = testStore();
    const source = copyOf(generatedModel(2), 'downloaded-on-a-usb-stick.bin');
    expect((await store.list()).map((m) => [m.name, m.status])).toEqual([['alpha', 'available'], ['beta', 'available']]);

    const result = await store.importModel(source);

    expect(result).toMatchObject({ name: 'beta', origin: 'manifest', path: path.join(dir, 'ggml-beta.bin'), sha256: sha256Of(source) });
    expect(result.trusted).toBeUndefined();
    expect(filesIn(dir)).toEqual(['ggml-beta.bin']);
    expect(sha256Of(path.join(dir, 'ggml-beta.bin'))).toBe(sha256Of(source));
    expect((await store.list()).find((m) => m.name === 'beta')?.status).toBe('installed');
    expect(await store.resolve('beta')).toMatchObject({ path: path.join(dir, 'ggml-beta.bin'), sha256: sha256Of(source), readOnly: false });
    expect(await store.resolve('ggml-beta.bin')).toMatchObject({ name: 'beta' });
    const verified = await store.verify('beta');
    expect(verified.info.tensors).toBe(11 + 15 + 24);
    // The source is copied, never moved or changed.
    expect(fs.existsSync(source)).toBe(true);
  });

  it('refuses a file named as a manifest model whose bytes differ, and keeps the good installed one', async () => {
    const { store, dir } = testStore();
    await store.importModel(generatedModel(1));
    const good = sha256Of(path.join(dir, 'ggml-alpha.bin'));

    const impostor = copyOf(generatedModel(3), 'ggml-alpha.bin');
    const byFileName = await modelError(store.importModel(impostor));
    expect(byFileName.detail).toBe('checksum-mismatch');
    expect(byFileName.message).toMatch(/is not the published model alpha: its sha256 is [0-9a-f]{64}, the manifest says/);
    const byOption = await modelError(store.importModel(generatedModel(3), { name: 'alpha' }));
    expect(byOption.detail).toBe('checksum-mismatch');
    // Even a valid manifest file is refused when the caller said it should be another model.
    expect((await modelError(store.importModel(generatedModel(2), { name: 'alpha' }))).detail).toBe('checksum-mismatch');

    expect(filesIn(dir)).toEqual(['ggml-alpha.bin']);
    expect(sha256Of(path.join(dir, 'ggml-alpha.bin'))).toBe(good);
  });

  it('refuses a file the manifest does not list, saying that an administrator can trust it', async () => {
    const { store, dir } = testStore();
    const error = await modelError(store.importModel(generatedModel(3)));
    expect(error.detail).toBe('not-in-manifest');
    expect(error.message).toMatch(/matches no model in the manifest \(its sha256 is [0-9a-f]{64}\)\. Nothing was installed\./);
    expect(error.message).toMatch(/an administrator can trust it: callvault models import FILE --trust/);
    expect(filesIn(dir)).toEqual([]);
  });

  it('refuses truncated and corrupt files with the reason, and leaves the installed model as it was', async () => {
    const { store, dir } = testStore();
    await store.importModel(generatedModel(1));
    const good = sha256Of(path.join(dir, 'ggml-alpha.bin'));

    const cut = copyOf(generatedModel(1), 'ggml-alpha.bin', (b) => b.subarray(0, b.length - 1000));
    const truncated = await modelError(store.importModel(cut));
    expect(truncated.detail).toBe('truncated');
    expect(truncated.message).toMatch(/cannot be used: The model file is truncated \(it ends inside the data of tensor \d+\)\. Download or import it again\./);

    const garbage = copyOf(generatedModel(1), 'ggml-alpha.bin', (b) => {
      const bad = Buffer.from(b);
      bad.writeUInt32LE(0xdeadbeef, 0);
      return bad;
    });
    const corrupt = await modelError(store.importModel(garbage));
    expect(corrupt.detail).toBe('corrupt');
    expect(corrupt.message).toMatch(/not a whisper model in ggml format/);

    const missing = await modelError(store.importModel(path.join(tempDir(), 'nope.bin')));
    expect(missing.detail).toBe('unreadable');

    expect(filesIn(dir)).toEqual(['ggml-alpha.bin']);
    expect(sha256Of(path.join(dir, 'ggml-alpha.bin'))).toBe(good);
  });

  it('checks the free disk space before copying anything', async () => {
    const { store, dir } = testStore({ freeDiskBytes: () => Promise.resolve(20 * 1024 * 1024) });
    const error = await modelError(store.importModel(generatedModel(1)));
    expect(error.detail).toBe('no-space');
    expect(error.message).toMatch(/Not enough disk space for importing .*: it needs 8 MB \(plus 67 MB to spare\) and .* has 21 MB free\. Free some space or choose a smaller model\./);
    expect(filesIn(dir)).toEqual([]);
  });
});

describe('ModelStore trust', () => {
  it('installs an unlisted file when an admin grant is given, audits before installing, and then treats it as known', async () => {
    const { store, dir } = testStore({ now: () => new Date('2026-03-01T10:00:00Z') });
    const audited: TrustRecord[] = [];
    const source = copyOf(generatedModel(3), 'ggml-in-house.en.bin');

    const result = await store.importModel(source, { trust: adminGrant(audited) });

    const record = { name: 'in-house.en', file: 'ggml-in-house.en.bin', bytes: fs.statSync(source).size, sha256: sha256Of(source), trustedAt: '2026-03-01T10:00:00.000Z', trustedBy: { profileId: 'admin-1' } };
    expect(result).toMatchObject({ name: 'in-house.en', origin: 'trusted', trusted: record });
    expect(audited).toEqual([record]);
    expect(filesIn(dir)).toEqual(['ggml-in-house.en.bin', 'trusted-models.json']);
    expect((await store.list()).find((m) => m.name === 'in-house.en')).toMatchObject({ origin: 'trusted', status: 'installed', trust: record });
    expect((await store.verify('in-house.en')).sha256).toBe(sha256Of(source));

    // Re-importing the same bytes needs no new grant and writes no new audit entry.
    fs.rmSync(path.join(dir, 'ggml-in-house.en.bin'));
    const again = await store.importModel(source);
    expect(again).toMatchObject({ name: 'in-house.en', origin: 'trusted' });
    expect(again.trusted).toBeUndefined();
    expect(audited).toHaveLength(1);
  });

  it('trusts nothing and installs nothing when the audit entry cannot be written', async () => {
    const { store, dir } = testStore();
    const failingAudit = {
      by: { profileId: 'admin-1' },
      roleChecked: 'admin' as const,
      audit: () => {
        throw new Error('vault is locked');
      },
    };
    await expect(store.importModel(generatedModel(3), { trust: failingAudit })).rejects.toThrow('vault is locked');
    expect(filesIn(dir)).toEqual([]);
    expect((await modelError(store.importModel(generatedModel(3)))).detail).toBe('not-in-manifest');
  });

  it('never lets a trusted file take the name of a manifest model, and does not audit a file the manifest already vouches for', async () => {
    const { store, dir } = testStore();
    const audited: TrustRecord[] = [];
    expect((await modelError(store.importModel(generatedModel(3), { name: 'beta', trust: adminGrant(audited) }))).detail).toBe('checksum-mismatch');
    const listed = await store.importModel(generatedModel(1), { trust: adminGrant(audited) });
    expect(listed).toMatchObject({ name: 'alpha', origin: 'manifest' });
    expect(audited).toEqual([]);
    expect(filesIn(dir)).toEqual(['ggml-alpha.bin']);
  });

  it('refuses a trust list that was tampered with into something unreadable (fails closed)', async () => {
    const { store, dir } = testStore();
    await store.importModel(generatedModel(3), { name: 'custom', trust: adminGrant([]) });
    fs.writeFileSync(path.join(dir, 'trusted-models.json'), '{"version":1,"models":[{"name":"custom"}]}');
    const error = await modelError(store.resolve('custom'));
    expect(error.detail).toBe('manifest-invalid');
    expect(error.message).toMatch(/list of trusted models .* is damaged/);
  });
});

describe('ModelStore verify, resolve and delete', () => {
  it('detects a model that was changed after it was installed, and one that was cut short', async () => {
    const { store, dir } = testStore();
    await store.importModel(generatedModel(1));
    const file = path.join(dir, 'ggml-alpha.bin');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);

    // Same size, so resolve (cheap) still hands it out; the engine and verify hash it.
    expect((await store.resolve('alpha')).path).toBe(file);
    const changed = await modelError(store.verify('alpha'));
    expect(changed.detail).toBe('checksum-mismatch');
    expect(changed.message).toMatch(/does not match its published checksum \(sha256\): it was changed or damaged after it was installed\. Delete it \("callvault models delete alpha"\)/);

    fs.truncateSync(file, bytes.length - 100);
    const cut = await modelError(store.resolve('alpha'));
    expect(cut.detail).toBe('truncated');
    expect((await store.list()).find((m) => m.name === 'alpha')?.status).toBe('damaged');
  });

  it('says clearly when a model is not installed or does not exist', async () => {
    const { store } = testStore();
    const missing = await modelError(store.resolve('alpha'));
    expect(missing.detail).toBe('not-installed');
    expect(missing.message).toBe('The transcription model alpha is not installed. Download it with "callvault models download alpha", or import a copy with "callvault models import FILE".');
    const unknown = await modelError(store.resolve('gamma'));
    expect(unknown.detail).toBe('not-in-manifest');
    expect(unknown.message).toMatch(/There is no model called gamma\. Known models: alpha, beta\./);
  });

  it('resolves a model given by path only when its hash is in the manifest', async () => {
    const { store } = testStore();
    expect(await store.resolve(generatedModel(2))).toMatchObject({ name: 'beta', path: generatedModel(2), sha256: sha256Of(generatedModel(2)) });
    expect((await modelError(store.resolve(generatedModel(3)))).detail).toBe('not-in-manifest');
  });

  it('deletes an installed model and its partial download, and says when there is nothing to delete', async () => {
    const { store, dir } = testStore();
    await store.importModel(generatedModel(2));
    fs.writeFileSync(path.join(dir, 'ggml-beta.bin.part'), 'partial');
    const result = await store.delete('beta');
    expect(result.removed.sort()).toEqual([path.join(dir, 'ggml-beta.bin'), path.join(dir, 'ggml-beta.bin.part')]);
    expect(filesIn(dir)).toEqual([]);
    expect((await modelError(store.delete('beta'))).detail).toBe('not-installed');
  });

  it('lists bundled models as installed, verifies them, and refuses to delete them', async () => {
    const bundledDir = tempDir();
    fs.copyFileSync(generatedModel(1), path.join(bundledDir, 'ggml-alpha.bin'));
    const home = tempDir();
    const store = new ModelStore({ manifest: testManifest(), dir: path.join(home, 'models'), bundledDir });

    expect((await store.list()).find((m) => m.name === 'alpha')).toMatchObject({ status: 'bundled', path: path.join(bundledDir, 'ggml-alpha.bin') });
    expect(await store.resolve('alpha')).toMatchObject({ path: path.join(bundledDir, 'ggml-alpha.bin'), readOnly: true });
    expect((await store.verify('alpha')).origin).toBe('manifest');
    const error = await modelError(store.delete('alpha'));
    expect(error.detail).toBe('read-only');
    expect(fs.existsSync(path.join(bundledDir, 'ggml-alpha.bin'))).toBe(true);

    // A damaged bundled file is caught like any other.
    fs.appendFileSync(path.join(bundledDir, 'ggml-alpha.bin'), 'x');
    expect((await modelError(store.resolve('alpha'))).detail).toBe('corrupt');
  });

  it('does not let two tasks write the same model at once', async () => {
    const { store, dir } = testStore();
    fs.mkdirSync(dir, { recursive: true });
    // A lock held by this (live) process, as a running download would hold it.
    fs.writeFileSync(path.join(dir, '.ggml-alpha.bin.lock'), String(process.pid));
    const busy = await modelError(store.importModel(generatedModel(1)));
    expect(busy.detail).toBe('busy');
    // A lock left by a process that no longer exists is taken over.
    fs.writeFileSync(path.join(dir, '.ggml-alpha.bin.lock'), '2147483646');
    expect((await store.importModel(generatedModel(1))).name).toBe('alpha');
    expect(filesIn(dir)).toEqual(['ggml-alpha.bin']);
  });
});
