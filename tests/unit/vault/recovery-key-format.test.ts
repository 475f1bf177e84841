import { describe, expect, it } from 'vitest';
import { decodeRecoveryKey, encodeRecoveryKey } from '../../../src/core/vault/recovery-key-format';

const secret = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff);

describe('recovery key format', () => {
  it('round-trips 32 bytes through 11 dash-separated groups of Crockford base32', () => {
    const text = encodeRecoveryKey(secret);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(decodeRecoveryKey(text)).toEqual(secret);
  });

  it('accepts what people type: lower case, spaces, I/L for 1 and O for 0', () => {
    const text = encodeRecoveryKey(secret);
    const sloppy = text.toLowerCase().replaceAll('-', ' ').replaceAll('1', 'l').replaceAll('0', 'o');
    expect(decodeRecoveryKey(sloppy)).toEqual(secret);
  });

  it('catches a single-character typo with the checksum, and a wrong length', () => {
    const text = encodeRecoveryKey(secret);
    const typo = `${text.slice(0, 7)}${text[7] === 'Z' ? 'Y' : 'Z'}${text.slice(8)}`;
    expect(() => decodeRecoveryKey(typo)).toThrow(/typo/);
    expect(() => decodeRecoveryKey(text.slice(0, -1))).toThrow(/55 characters/);
    expect(() => decodeRecoveryKey(text.replace(/^./, 'U'))).toThrow(/not a recovery-key character/);
  });
});
