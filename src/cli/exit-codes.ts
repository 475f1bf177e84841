// The one table from error codes to the command line's documented exit codes (see the help in
// main.ts and the README). A code says which exit; a detail, where it has a row here, refines it
// (a damaged model is an integrity failure, a missing one is not found).
import type { TranscriptionErrorCode } from '../core/ports/transcription';
import type { ModelErrorCode } from '../platform/models/model-error';
import type { ErrorCode } from '../shared/contract';
import { ExitCode } from './cli-io';

const byCode: Readonly<Record<ErrorCode, ExitCode>> = {
  BAD_REQUEST: ExitCode.failure,
  UNKNOWN_METHOD: ExitCode.failure,
  UNAUTHORIZED: ExitCode.failure,
  WRONG_SECRET: ExitCode.wrongSecret,
  VAULT_LOCKED: ExitCode.failure,
  VAULT_EXISTS: ExitCode.failure,
  VAULT_NOT_FOUND: ExitCode.failure,
  VAULT_CORRUPT: ExitCode.integrity,
  VAULT_HEADER_TAMPERED: ExitCode.integrity,
  VAULT_ROLLED_BACK: ExitCode.integrity,
  PROFILE_NOT_FOUND: ExitCode.failure,
  PROFILE_EXISTS: ExitCode.failure,
  WEAK_PASSPHRASE: ExitCode.failure,
  INTEGRITY: ExitCode.integrity,
  NOT_FOUND: ExitCode.notFound,
  POLICY_UNAVAILABLE: ExitCode.policyBlocked,
  POLICY_NOT_ACKNOWLEDGED: ExitCode.policyBlocked,
  POLICY_CHANGED: ExitCode.policyBlocked,
  POLICY_BLOCKED: ExitCode.policyBlocked,
  CONSENT_REQUIRED: ExitCode.policyBlocked,
  BAD_AUDIO: ExitCode.failure,
  EXPORT_REFUSED: ExitCode.exportRefused,
  CONFLICT: ExitCode.failure,
  MODEL_UNAVAILABLE: ExitCode.failure,
  SETUP_INCOMPLETE: ExitCode.failure,
  INTERNAL: ExitCode.failure,
};

/** Model and transcription problems, as "callvault models" and "callvault transcribe" document them. */
const byDetail: Readonly<Record<ModelErrorCode | TranscriptionErrorCode, ExitCode>> = {
  'not-installed': ExitCode.notFound,
  'not-in-manifest': ExitCode.notFound,
  'checksum-mismatch': ExitCode.integrity,
  corrupt: ExitCode.integrity,
  truncated: ExitCode.integrity,
  'manifest-invalid': ExitCode.integrity,
  'model-invalid': ExitCode.integrity,
  'no-space': ExitCode.failure,
  'no-memory': ExitCode.failure,
  'download-failed': ExitCode.failure,
  aborted: ExitCode.failure,
  'read-only': ExitCode.failure,
  busy: ExitCode.failure,
  'name-conflict': ExitCode.failure,
  unreadable: ExitCode.failure,
  'engine-missing': ExitCode.failure,
  'engine-crashed': ExitCode.failure,
  'engine-failed': ExitCode.failure,
};
const detailExits: ReadonlyMap<string, ExitCode> = new Map(Object.entries(byDetail));

/** The exit code for an error with this code (and detail, from a CallVaultError thrown in-process). */
export function exitCodeFor(error: { readonly code: ErrorCode; readonly detail?: string | undefined }): ExitCode {
  return (error.detail !== undefined ? detailExits.get(error.detail) : undefined) ?? byCode[error.code];
}
