import { ModelFileError } from '../transcription/model-file';

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
 * model names, file paths, sizes and hashes only.
 */
export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    readonly code: ModelErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Turns model-file.ts's structural verdict into a coded ModelError. That module words every
 * cut-off file as "truncated" or "incomplete"; everything else it refuses is damage or a foreign
 * file.
 */
export function fromModelFileError(error: ModelFileError, label: string): ModelError {
  const code = /truncated|incomplete/i.test(error.message) ? 'truncated' : 'corrupt';
  const advice = code === 'truncated' ? 'Download or import it again.' : 'Delete it and download or import it again.';
  return new ModelError(code, `The model ${label} cannot be used: ${error.message} ${advice}`, { cause: error });
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
