// A model file's problem (truncated or corrupt) is set where it is found, not read back out of
// the message: rewording a message cannot change what the user is told to do or the exit code.
import { describe, expect, it } from 'vitest';
import { fromModelFileError } from '../../../src/platform/models/model-error';
import { ModelFileError } from '../../../src/platform/transcription/ggml-model-check';

describe('fromModelFileError', () => {
  it('keeps "truncated" for a cut-off file whatever its message says', () => {
    const error = fromModelFileError(new ModelFileError('truncated', 'The file stops before its last tensor.'), 'base.en');
    expect(error).toMatchObject({ code: 'MODEL_UNAVAILABLE', detail: 'truncated' });
    expect(error.message).toBe('The model base.en cannot be used: The file stops before its last tensor. Download or import it again.');
  });

  it('keeps "corrupt" even when the message mentions truncation', () => {
    const error = fromModelFileError(new ModelFileError('corrupt', 'This is not truncated or incomplete; a header field is impossible.'), 'base.en');
    expect(error).toMatchObject({ code: 'MODEL_UNAVAILABLE', detail: 'corrupt' });
    expect(error.message).toMatch(/Delete it and download or import it again\.$/);
  });
});
