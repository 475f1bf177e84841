// The settings repository (#11 section 4): each setting declares its schema (core/settings), a
// stored value is parsed against it, never cast, and a value of the wrong shape cannot land.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readTranscriptionSettings } from '../../../src/app/transcription/transcription-settings';
import { openEncryptedDatabase } from '../../../src/platform/db/connection';
import { latestSchemaVersion } from '../../../src/platform/db/migrations';
import { createSettingsRepo } from '../../../src/platform/db/settings-repo';
import type { Setting } from '../../../src/core/settings/settings-store';
import { CallVaultError } from '../../../src/shared/callvault-error';
import { databaseAtVersion, MIGRATION_TEST_KEY } from '../../helpers/migration-db';
import { createTestVault } from '../../helpers/vault-fixture';

const MINUTES: Setting<number> = { key: 'autoLockMinutes', schema: z.number().int().min(1).max(240) };

function latestDatabase() {
  const { file, db } = databaseAtVersion(latestSchemaVersion);
  db.close();
  return openEncryptedDatabase(file, MIGRATION_TEST_KEY, { create: false });
}

function thrown(run: () => unknown): CallVaultError {
  try {
    run();
  } catch (error) {
    if (error instanceof CallVaultError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an error');
}

describe('the settings repository', () => {
  it('reads back what it wrote as the typed value, and undefined for a setting never written', () => {
    const db = latestDatabase();
    const settings = createSettingsRepo(db);
    expect(settings.read(MINUTES)).toBeUndefined();
    settings.write(MINUTES, 30);
    expect(settings.read(MINUTES)).toBe(30);
    expect(db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'autoLockMinutes'").get()?.value).toBe('30');
    db.close();
  });

  it('refuses a stored value of the wrong shape as damage naming the setting, instead of casting it', () => {
    const db = latestDatabase();
    const settings = createSettingsRepo(db);
    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    put.run('autoLockMinutes', '"thirty"');
    expect(thrown(() => settings.read(MINUTES))).toMatchObject({ code: 'INTEGRITY', message: expect.stringMatching(/vault setting "autoLockMinutes" is damaged: its stored value is not in the expected shape/) as unknown });
    put.run('autoLockMinutes', '{not json');
    expect(thrown(() => settings.read(MINUTES))).toMatchObject({ code: 'INTEGRITY', message: expect.stringMatching(/does not parse/) as unknown });
    db.close();
  });

  it('writes nothing when the value does not fit its schema (a bug, reported as INTERNAL)', () => {
    const db = latestDatabase();
    const settings = createSettingsRepo(db);
    settings.write(MINUTES, 15);
    expect(thrown(() => { settings.write(MINUTES, 9999); }).code).toBe('INTERNAL');
    expect(settings.read(MINUTES)).toBe(15);
    db.close();
  });

  it('gives the app typed settings with their defaults: transcription settings', async () => {
    const { vault } = await createTestVault();
    try {
      // A setting an older build wrote with fewer fields keeps the defaults for the rest.
      vault.settings.write({ key: 'transcription.settings', schema: z.object({ threads: z.number() }) }, { threads: 2 });
      expect(readTranscriptionSettings(vault)).toEqual({ threads: 2, language: 'en', model: '', autoTranscribe: true });
    } finally {
      vault.close();
    }
  });
});

