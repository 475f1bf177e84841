import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { machineTier, recommendModel, type RecommendableModel } from '../../../src/core/transcription/model-recommendation';

const GIB = 1024 ** 3;
const manifest = JSON.parse(fs.readFileSync('resources/models/manifest.json', 'utf8')) as { models: RecommendableModel[] };
const models = manifest.models.map(({ name, bytes, multilingual }) => ({ name, bytes, multilingual }));

describe('the first-run model recommendation', () => {
  it('sorts machines by cores and memory', () => {
    expect(machineTier({ cores: 12, memoryBytes: 32 * GIB })).toBe('large');
    expect(machineTier({ cores: 8, memoryBytes: 8 * GIB })).toBe('medium');
    expect(machineTier({ cores: 4, memoryBytes: 8 * GIB })).toBe('medium');
    expect(machineTier({ cores: 2, memoryBytes: 4 * GIB })).toBe('small');
    expect(machineTier({ cores: 1, memoryBytes: 2 * GIB })).toBe('minimal');
  });

  it('recommends a bigger model to a bigger machine, English-only for English calls, from the shipped manifest', () => {
    expect(recommendModel({ cores: 12, memoryBytes: 32 * GIB }, true, models)?.name).toBe('small.en-q5_1');
    expect(recommendModel({ cores: 4, memoryBytes: 8 * GIB }, true, models)?.name).toBe('base.en');
    expect(recommendModel({ cores: 2, memoryBytes: 4 * GIB }, true, models)?.name).toBe('base.en-q5_1');
    expect(recommendModel({ cores: 1, memoryBytes: 2 * GIB }, true, models)?.name).toBe('tiny.en-q5_1');
    expect(recommendModel({ cores: 4, memoryBytes: 8 * GIB }, false, models)?.name).toBe('base');
    expect(recommendModel({ cores: 12, memoryBytes: 32 * GIB }, false, models)?.name).toBe('small-q5_1');
  });

  it('says why in words, without the manifest’s jargon', () => {
    const rec = recommendModel({ cores: 4, memoryBytes: 8 * GIB }, true, models);
    expect(rec).toMatchObject({ label: 'Base, English', languages: 'English only', speed: expect.stringMatching(/Fast/) as unknown });
    expect(rec?.why).toMatch(/^This computer has 4 cores and 8 GB of memory: /);
    const compact = recommendModel({ cores: 2, memoryBytes: 4 * GIB }, true, models);
    for (const text of [compact?.label, compact?.why, compact?.speed, compact?.languages]) {
      expect(text).not.toMatch(/f16|q5_1|q8_0|ggml|quantis/);
    }
  });

  it('falls back to the smallest fitting model of a manifest without the usual names, and to none when none fits', () => {
    const own = [{ name: 'acme-big', bytes: 900, multilingual: false }, { name: 'acme-small', bytes: 100, multilingual: false }];
    expect(recommendModel({ cores: 8, memoryBytes: 16 * GIB }, true, own)?.name).toBe('acme-small');
    expect(recommendModel({ cores: 8, memoryBytes: 16 * GIB }, false, own)).toBeUndefined();
  });
});
