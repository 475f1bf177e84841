import { describe, expect, it } from 'vitest';
import { findEntry, normalizeModelName, parseManifest } from '../../../src/platform/models/model-manifest';

describe('model names', () => {
  const manifest = parseManifest(
    {
      version: 1,
      sources: { s: 'source' },
      models: [{ name: 'base.en', file: 'ggml-base.en.bin', bytes: 1, sha256: 'a'.repeat(64), url: 'https://example.com/ggml-base.en.bin', multilingual: false, quantization: 'f16', memoryBytes: 1, description: 'd', verifiedBy: ['s'] }],
    },
    'test',
  );

  it('accepts the short name, the ggml- name and the file name', () => {
    expect(['base.en', 'ggml-base.en', 'ggml-base.en.bin', ' Base.EN '].map((n) => findEntry(manifest, n)?.name)).toEqual(['base.en', 'base.en', 'base.en', 'base.en']);
    expect(normalizeModelName('ggml-small.en-q5_1.bin')).toBe('small.en-q5_1');
    expect(findEntry(manifest, 'base')).toBeUndefined();
  });
});
