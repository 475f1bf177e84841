import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/platform/models/model-error';
import { DISK_HEADROOM_BYTES, ensureDiskSpace, ensureMemoryFor, formatBytes } from '../../../src/platform/models/model-resources';

const model = { name: 'small.en', memoryBytes: 852_000_000 };

function thrown(run: () => void): ModelError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error('expected a ModelError');
}

describe('ensureMemoryFor', () => {
  it('accepts a model that fits in the free memory', () => {
    expect(() => {
      ensureMemoryFor(model, { freeBytes: 2e9, totalBytes: 8e9 });
    }).not.toThrow();
  });

  it('refuses a model larger than the machine, suggesting a smaller one', () => {
    const error = thrown(() => {
      ensureMemoryFor(model, { freeBytes: 5e8, totalBytes: 5e8 });
    });
    expect(error.detail).toBe('no-memory');
    expect(error.message).toBe('The model small.en needs about 852 MB of memory and this computer has 500 MB in all. Choose a smaller model (a tiny or quantised one).');
  });

  it('refuses a model that does not fit now, suggesting to close programs', () => {
    const error = thrown(() => {
      ensureMemoryFor(model, { freeBytes: 6e8, totalBytes: 8e9 });
    });
    expect(error.detail).toBe('no-memory');
    expect(error.message).toMatch(/only 600 MB is free now\. Close other programs and try again, or choose a smaller model\./);
  });

  it('asks only about the total when the free memory is not given (before a download)', () => {
    expect(() => {
      ensureMemoryFor(model, { totalBytes: 8e9 });
    }).not.toThrow();
  });
});

describe('ensureDiskSpace', () => {
  it('needs the file plus headroom', async () => {
    await expect(ensureDiskSpace('/models', 1000, 'x', () => Promise.resolve(1000 + DISK_HEADROOM_BYTES))).resolves.toBeUndefined();
    await expect(ensureDiskSpace('/models', 1001, 'the model x', () => Promise.resolve(1000 + DISK_HEADROOM_BYTES))).rejects.toMatchObject({ detail: 'no-space' });
  });
});

describe('formatBytes', () => {
  it('rounds to what a person reads', () => {
    expect([formatBytes(77_704_715), formatBytes(1_533_763_059), formatBytes(1500)]).toEqual(['78 MB', '1.5 GB', '2 kB']);
  });
});
