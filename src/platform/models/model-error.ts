import { ModelFileError } from '../transcription/ggml-model-check';
import { CallVaultError } from '../../shared/callvault-error';

/** What went wrong with a model, for callers that react differently (CLI exit codes, UI hints). */
export type ModelErrorCode =
  | 'not-installed'
  | 'not-in-manifest'
  | 'checksum-mismatch'
  | 'corrupt'
  | 'truncated'
  | 'no-space'
  | 'no-memory'
  | 'download-failed'
  | 'aborted'
  | 'manifest-invalid'
  | 'read-only'
  | 'busy'
  | 'name-conflict'
  | 'unreadable';

/**
 * A model problem with a message that says what happened and what the user can do. Messages hold
 * model names, file paths, sizes and hashes only. `detail` says which problem; for the bridge a
 * model that is not there is NOT_FOUND and every other problem MODEL_UNAVAILABLE.
 */
export class ModelError extends CallVaultError {
  override readonly name = 'ModelError';
  declare readonly detail: ModelErrorCode;

  constructor(detail: ModelErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(detail === 'not-installed' || detail === 'not-in-manifest' ? 'NOT_FOUND' : 'MODEL_UNAVAILABLE', message, { ...options, detail });
  }
}

/** Turns ggml-model-check.ts's structural verdict (truncated or corrupt, set where it was found) into a ModelError. */
export function fromModelFileError(error: ModelFileError, label: string): ModelError {
  const advice = error.detail === 'truncated' ? 'Download or import it again.' : 'Delete it and download or import it again.';
  return new ModelError(error.detail, `The model ${label} cannot be used: ${error.message} ${advice}`, { cause: error });
}

/** Runs a structural check and re-throws its verdict as a ModelError. */
export async function asModelError<T>(label: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ModelFileError) {
      throw fromModelFileError(error, label);
    }
    throw error;
  }
}
