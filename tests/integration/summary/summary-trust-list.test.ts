// The summary models' trust list goes through the same reader as the whisper models' one
// (src/platform/models/trusted-models.ts): an admin-trusted GGUF survives a fresh store, and a
// list that was tampered with fails closed, in the summary list's own words, with its own file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/platform/models/model-error';
import { SummaryModelStore } from '../../../src/platform/summary/summary-model-store';
import { tempDir } from '../../helpers/temp-dir';
import { tinyGguf } from '../../helpers/tiny-gguf';

function storeIn(dir: string): SummaryModelStore {
  return new SummaryModelStore([], dir, () => new Date('2026-03-01T10:00:00Z'));
}

describe('summary model trust list', () => {
  it('keeps an admin-trusted model across stores, and fails closed when the list is tampered with', async () => {
    const dir = tempDir();
    const source = path.join(tempDir(), 'mine.gguf');
    fs.writeFileSync(source, tinyGguf({ seed: 5 }));
    const audited: string[] = [];
    await storeIn(dir).importFile(source, { trust: { by: { profileId: 'admin-1' }, roleChecked: 'admin', audit: (r) => audited.push(r.name) } });
    expect(audited).toEqual(['mine']);
    expect(storeIn(dir).trusted()).toMatchObject([{ name: 'mine', file: 'mine.gguf', trustedBy: { profileId: 'admin-1' } }]);
    // The whisper list is a different file: trusting a summary model trusts no whisper model.
    expect(fs.existsSync(path.join(dir, 'trusted-models.json'))).toBe(false);

    fs.writeFileSync(path.join(dir, 'trusted-summary-models.json'), '{"version":1,"models":[{"name":"mine"}]}');
    let caught: unknown;
    try {
      storeIn(dir).trusted();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as ModelError).detail).toBe('manifest-invalid');
    expect((caught as ModelError).message).toMatch(/list of trusted summary models \(.*trusted-summary-models\.json\) is damaged, so no trusted summary model can be used/);
    await expect(storeIn(dir).list()).rejects.toThrow(/damaged/);
  });
});
