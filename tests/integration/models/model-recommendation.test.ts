// models.recommendation through the handler table: the shipped manifest, this machine's cores and
// memory, and the rep's transcription language; refused while the window's vault is locked.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { machineTier } from '../../../src/core/transcription/model-recommendation';
import { callFixture } from '../../helpers/call-fixture';

describe('models.recommendation', () => {
  it('suggests an English model for English calls and a multilingual one otherwise, sized for this computer', async () => {
    const { call, dispatch } = await callFixture();
    const english = await call<{ name: string; label: string; why: string; tier: string } | null>('models.recommendation');
    expect(english).not.toBeNull();
    expect(english?.name).toMatch(/\.en/);
    expect(english?.tier).toBe(machineTier({ cores: os.availableParallelism(), memoryBytes: os.totalmem() }));
    expect(english?.why).toContain(`${String(os.availableParallelism())} core`);

    await call('transcription.setSettings', { threads: 0, language: 'de', model: '', autoTranscribe: true });
    const german = await call<{ name: string; languages: string } | null>('models.recommendation');
    expect(german?.name).not.toMatch(/\.en/);
    expect(german?.languages).toBe('About 100 languages');

    await dispatch('vault.lock', {});
    expect(await dispatch('models.recommendation', {})).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });
});
