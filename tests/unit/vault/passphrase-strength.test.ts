import { describe, expect, it } from 'vitest';
import { judgePassphrase } from '../../../src/core/vault/passphrase-strength';

describe('passphrase strength', () => {
  it('refuses short and guessable passphrases with advice, accepts a few unrelated words', () => {
    expect(judgePassphrase('Tr0ub4dor&3')).toMatchObject({ acceptable: false, problem: expect.stringMatching(/at least 12/) as unknown });
    expect(judgePassphrase('password1234')).toMatchObject({ acceptable: false, problem: expect.stringMatching(/too easy/) as unknown });
    expect(judgePassphrase('qwertyuiop123')).toMatchObject({ acceptable: false });
    expect(judgePassphrase('granite ocelot lantern mosaic 42')).toMatchObject({ acceptable: true });
  });
});
