// Every error class reaches the bridge with the code it stands for, through the one base class:
// toAppError has no per-class cases, so a class that forgot its code would show up here.
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../src/app/app-failure';
import { toAppError } from '../../../src/app/dispatch';
import type { Logger } from '../../../src/app/logger';
import { DecryptionError } from '../../../src/core/ports/crypto';
import { TranscriptionError } from '../../../src/core/ports/transcription';
import { ReviewError } from '../../../src/core/redaction/review';
import { RecoveryKeyFormatError } from '../../../src/core/vault/recovery-key-format';
import { AudioChunkError } from '../../../src/platform/audio/audio-chunk';
import { ChunkFileError } from '../../../src/platform/audio/chunk-file';
import { WavFormatError } from '../../../src/platform/audio/wav';
import { DatabaseIntegrityError, DatabaseKeyError } from '../../../src/platform/db/connection';
import { MigrationError } from '../../../src/platform/db/migrations';
import { TranscriptRowError } from '../../../src/platform/db/transcript-repo';
import { ModelError } from '../../../src/platform/models/model-error';
import { ModelFileError } from '../../../src/platform/transcription/ggml-model-check';
import { ProfileError } from '../../../src/platform/vault/profile-store';
import { VaultHeaderError } from '../../../src/platform/vault/vault-header';
import { WrongSecretError } from '../../../src/platform/vault/vault-keys';
import { CallVaultError } from '../../../src/shared/callvault-error';
import { AppError, type ErrorCode } from '../../../src/shared/contract';

function recordingLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { errors, info: () => undefined, warn: () => undefined, error: (_message, error) => { errors.push(error); } };
}

const MESSAGE = 'What happened, and what to do about it.';

const cases: readonly (readonly [string, CallVaultError, ErrorCode])[] = [
  ['AppFailure', new AppFailure('POLICY_BLOCKED', MESSAGE), 'POLICY_BLOCKED'],
  ['ProfileError', new ProfileError('PROFILE_EXISTS', MESSAGE), 'PROFILE_EXISTS'],
  ['ProfileError (not found)', new ProfileError('PROFILE_NOT_FOUND', MESSAGE), 'PROFILE_NOT_FOUND'],
  ['WrongSecretError', new WrongSecretError(MESSAGE), 'WRONG_SECRET'],
  ['RecoveryKeyFormatError', new RecoveryKeyFormatError(MESSAGE), 'WRONG_SECRET'],
  ['VaultHeaderError', new VaultHeaderError(MESSAGE), 'VAULT_CORRUPT'],
  ['DatabaseKeyError', new DatabaseKeyError(MESSAGE), 'VAULT_CORRUPT'],
  ['MigrationError', new MigrationError(MESSAGE), 'VAULT_CORRUPT'],
  ['DatabaseIntegrityError', new DatabaseIntegrityError(MESSAGE), 'INTEGRITY'],
  ['ChunkFileError', new ChunkFileError(MESSAGE), 'INTEGRITY'],
  ['AudioChunkError', new AudioChunkError(MESSAGE), 'INTEGRITY'],
  ['DecryptionError', new DecryptionError(MESSAGE), 'INTEGRITY'],
  ['TranscriptRowError', new TranscriptRowError('INTEGRITY', MESSAGE), 'INTEGRITY'],
  ['WavFormatError', new WavFormatError(MESSAGE), 'BAD_AUDIO'],
  ['ReviewError', new ReviewError(MESSAGE), 'BAD_REQUEST'],
  ['ModelError (not installed)', new ModelError('not-installed', MESSAGE), 'NOT_FOUND'],
  ['ModelError (not in manifest)', new ModelError('not-in-manifest', MESSAGE), 'NOT_FOUND'],
  ['ModelError (checksum)', new ModelError('checksum-mismatch', MESSAGE), 'MODEL_UNAVAILABLE'],
  ['ModelError (no space)', new ModelError('no-space', MESSAGE), 'MODEL_UNAVAILABLE'],
  ['ModelFileError', new ModelFileError('truncated', MESSAGE), 'MODEL_UNAVAILABLE'],
  ['TranscriptionError (model)', new TranscriptionError('model-invalid', MESSAGE), 'MODEL_UNAVAILABLE'],
];

describe('toAppError', () => {
  it.each(cases)('%s crosses the bridge with its code and its own message', (_name, error, code) => {
    const logger = recordingLogger();
    expect(error).toBeInstanceOf(CallVaultError);
    expect(toAppError(error, logger)).toEqual({ code, message: MESSAGE, ...(error.detail !== undefined && { detail: error.detail }) });
    expect(logger.errors).toEqual([]);
  });

  it('carries the finer detail across the bridge as the fixed word it is (the CLI exits on it), and no detail when there is none', () => {
    const error = new ModelError('truncated', MESSAGE);
    expect(error).toMatchObject({ code: 'MODEL_UNAVAILABLE', detail: 'truncated' });
    expect(toAppError(error, recordingLogger())).toEqual({ code: 'MODEL_UNAVAILABLE', message: MESSAGE, detail: 'truncated' });
    expect(AppError.parse(toAppError(error, recordingLogger()))).toEqual({ code: 'MODEL_UNAVAILABLE', message: MESSAGE, detail: 'truncated' });
    expect(Object.keys(toAppError(new AppFailure('NOT_FOUND', MESSAGE), recordingLogger()))).toEqual(['code', 'message']);
  });

  it.each([
    ['an unknown error', new Error('SQLITE_MISUSE at row 12')],
    ['a string', 'boom'],
    ['a CallVaultError marked INTERNAL', new TranscriptionError('engine-crashed', 'The engine stopped (signal SIGSEGV).')],
    ['a TranscriptRowError for a write the app must not make', new TranscriptRowError('INTERNAL', 'Recording x already has a machine transcript.')],
  ])('logs %s and says only that something broke', (_name, error) => {
    const logger = recordingLogger();
    const appError = toAppError(error, logger);
    expect(appError.code).toBe('INTERNAL');
    expect(appError.message).toMatch(/^Something went wrong inside CallVault/);
    expect(logger.errors).toEqual([error]);
  });
});
