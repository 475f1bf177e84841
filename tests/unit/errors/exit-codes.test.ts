// The command line's one table from error codes to its documented exit codes (main.ts's help,
// "callvault models --help", README): 3 wrong secret, 4 integrity, 5 not found, 6 policy,
// 7 export refused, 1 anything else.
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../../src/cli/exit-codes';
import { TranscriptionError } from '../../../src/core/ports/transcription';
import { ModelError, type ModelErrorCode } from '../../../src/platform/models/model-error';
import { ErrorCode } from '../../../src/shared/contract';
import { AppFailure } from '../../../src/app/app-failure';

const documented: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 1,
  UNKNOWN_METHOD: 1,
  UNAUTHORIZED: 1,
  WRONG_SECRET: 3,
  VAULT_LOCKED: 1,
  VAULT_EXISTS: 1,
  VAULT_NOT_FOUND: 1,
  VAULT_CORRUPT: 4,
  VAULT_HEADER_TAMPERED: 4,
  VAULT_ROLLED_BACK: 4,
  PROFILE_NOT_FOUND: 1,
  PROFILE_EXISTS: 1,
  WEAK_PASSPHRASE: 1,
  INTEGRITY: 4,
  NOT_FOUND: 5,
  POLICY_UNAVAILABLE: 6,
  POLICY_NOT_ACKNOWLEDGED: 6,
  POLICY_CHANGED: 6,
  POLICY_BLOCKED: 6,
  CONSENT_REQUIRED: 6,
  BAD_AUDIO: 1,
  EXPORT_REFUSED: 7,
  CONFLICT: 1,
  MODEL_UNAVAILABLE: 1,
  SETUP_INCOMPLETE: 1,
  INTERNAL: 1,
};

const modelExits: Readonly<Record<ModelErrorCode, number>> = {
  'not-installed': 5,
  'not-in-manifest': 5,
  'checksum-mismatch': 4,
  corrupt: 4,
  truncated: 4,
  'manifest-invalid': 4,
  'no-space': 1,
  'no-memory': 1,
  'download-failed': 1,
  aborted: 1,
  'read-only': 1,
  busy: 1,
  'name-conflict': 1,
  unreadable: 1,
};

describe('exitCodeFor', () => {
  it.each(ErrorCode.options)('exits for %s as documented', (code) => {
    expect(exitCodeFor({ code })).toBe(documented[code]);
  });

  it.each(Object.entries(modelExits))('exits for a model that is %s as "callvault models --help" says', (detail, exit) => {
    expect(exitCodeFor(new ModelError(detail as ModelErrorCode, 'm'))).toBe(exit);
  });

  it('keeps the model exit codes when transcription re-codes the problem as MODEL_UNAVAILABLE', () => {
    const missing = new ModelError('not-installed', 'm');
    expect(exitCodeFor(new AppFailure('MODEL_UNAVAILABLE', 'm', { cause: missing, detail: missing.detail }))).toBe(5);
    expect(exitCodeFor(new AppFailure('MODEL_UNAVAILABLE', 'm', { detail: 'truncated' }))).toBe(4);
    expect(exitCodeFor(new AppFailure('MODEL_UNAVAILABLE', 'm'))).toBe(1);
  });

  it('exits 4 for a model the engine refuses and 1 for an engine failure', () => {
    expect(exitCodeFor(new TranscriptionError('model-invalid', 'm'))).toBe(4);
    expect(exitCodeFor(new TranscriptionError('engine-missing', 'm'))).toBe(1);
    expect(exitCodeFor(new TranscriptionError('engine-crashed', 'm'))).toBe(1);
  });

  it('ignores a detail it has no row for', () => {
    expect(exitCodeFor({ code: 'INTEGRITY', detail: 'something-new' })).toBe(4);
  });
});
