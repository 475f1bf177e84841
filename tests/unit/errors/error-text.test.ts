// The renderer's one table of error wording covers every code the bridge can carry. The switch in
// error-text.ts ends in assertNever, so a new code without wording fails to compile; this proves
// at run time that every code, in every context, has words a person can act on even when the
// host sent no message.
import { describe, expect, it } from 'vitest';
import { describeError, type ErrorContext } from '../../../src/renderer/client/error-text';
import { ErrorCode } from '../../../src/shared/contract';

const contexts: readonly ErrorContext[] = ['general', 'passphrase', 'recovery-key'];

describe('describeError', () => {
  it.each(ErrorCode.options)('words %s without the host’s message', (code) => {
    for (const context of contexts) {
      const text = describeError({ code, message: '' }, context);
      expect(text.trim().length).toBeGreaterThan(20);
      expect(text).toMatch(/[.!]$/);
    }
  });

  it('gives the recovery-key advice for a wrong recovery key', () => {
    expect(describeError({ code: 'WRONG_SECRET', message: 'x' }, 'recovery-key')).toMatch(/recovery key/);
    expect(describeError({ code: 'WRONG_SECRET', message: 'x' }, 'passphrase')).toMatch(/passphrase/);
  });

  it('says the key store is missing, not that the passphrase is wrong, when the passphrase was right (#15 shred secret)', () => {
    const missing = describeError({ code: 'WRONG_SECRET', detail: 'key-store-missing', message: "This vault's key store is not on this device. Unlock with your recovery key to re-create it." }, 'passphrase');
    expect(missing).toMatch(/key store is not on this device/);
    expect(missing).not.toMatch(/caps lock/);
    expect(describeError({ code: 'WRONG_SECRET', detail: 'key-store-mismatch', message: '' }, 'passphrase')).toMatch(/recovery key to re-create it/);
  });
});
