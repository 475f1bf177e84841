import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/platform/models/model-error';
import { defaultManifestPath, loadManifest } from '../../../src/platform/models/model-manifest';
import { ModelStore } from '../../../src/platform/models/model-store';
import { tempDir } from '../../helpers/temp-dir';
import { testManifest, writeManifest } from './model-fixtures';

async function manifestError(file: string): Promise<ModelError> {
  const error = await loadManifest(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelError);
  expect((error as ModelError).detail).toBe('manifest-invalid');
  return error as ModelError;
}

describe('the shipped model manifest', () => {
  it('loads and lists the usual whisper.cpp models with their Hugging Face URLs', async () => {
    const manifest = await loadManifest(defaultManifestPath());
    const names = manifest.models.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['tiny.en', 'tiny', 'base.en', 'base', 'small.en', 'small', 'base.en-q5_1', 'small.en-q5_1', 'small.en-q8_0']));
    for (const model of manifest.models) {
      expect(model.file).toBe(`ggml-${model.name}.bin`);
      expect(model.url).toBe(`https://huggingface.co/ggerganov/whisper.cpp/resolve/main/${model.file}`);
      expect(model.multilingual).toBe(!model.name.includes('.en'));
      expect(model.quantization).toBe(/-(q\d_\d)$/.exec(model.name)?.[1] ?? 'f16');
    }
    // Spot checks against the published LFS object ids (see docs/MODELS.md for the sources).
    expect(manifest.models.find((m) => m.name === 'base.en')).toMatchObject({ bytes: 147_964_211, sha256: 'a03779c86df3323075f5e796cb2ce5029f00ec8869eee3fdfb897afe36c6d002' });
    expect(manifest.models.find((m) => m.name === 'tiny')).toMatchObject({ bytes: 77_691_713, sha256: 'be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21' });
  });

  it('is what a store opened without options uses', async () => {
    const store = await ModelStore.open({ appHome: tempDir() });
    expect(store.dir).toMatch(/models$/);
    expect((await store.list()).every((m) => m.status === 'available')).toBe(true);
  });
});

describe('a malformed manifest', () => {
  it('is refused when it cannot be read or is not JSON', async () => {
    expect((await manifestError(path.join(tempDir(), 'missing.json'))).message).toMatch(/cannot be read \(ENOENT\)\. Reinstall CallVault or restore the file\./);
    const notJson = path.join(tempDir(), 'manifest.json');
    fs.writeFileSync(notJson, '{"version": 1, "models": [');
    expect((await manifestError(notJson)).message).toMatch(/is not valid JSON/);
  });

  it('is refused whole, with every mistake listed', async () => {
    const manifest = testManifest();
    const [alpha, beta] = manifest.models;
    const broken = {
      ...manifest,
      models: [
        { ...alpha, file: '../../outside.bin', url: 'http://huggingface.co/x.bin' },
        { ...beta, name: 'alpha', verifiedBy: ['hearsay'], bytes: -1 },
      ],
    };
    const { message } = await manifestError(writeManifest(broken));
    expect(message).toMatch(/models\.0\.file: a file name without directories, ending in \.bin/);
    expect(message).toMatch(/models\.0\.url: an https URL/);
    expect(message).toMatch(/models\.1\.bytes: /);
    expect(message).toMatch(/models\.1\.name: duplicate name "alpha"/);
    expect(message).toMatch(/models\.1\.verifiedBy\.0: "hearsay" is not one of the manifest's sources/);
  });

  it('is refused when it has unknown fields or no models', async () => {
    expect((await manifestError(writeManifest({ ...testManifest(), extra: true }))).message).toMatch(/Unrecognized key/i);
    expect((await manifestError(writeManifest({ ...testManifest(), models: [] }))).message).toMatch(/models: /);
  });
});
