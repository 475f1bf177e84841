// Crypto.shortHash (SipHash-2-4 through libsodium's crypto_shorthash), the search index's term
// hash: known answers from the SipHash paper (Aumasson and Bernstein, appendix A) and the
// reference implementation's test vectors, which libsodium's own tests use.
import { describe, expect, it } from 'vitest';
import { createCrypto } from '../../../src/platform/crypto/sodium-crypto';

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i); // 00 01 .. 0f
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('Crypto.shortHash (SipHash-2-4)', () => {
  it('gives the known answers for key 00..0f', async () => {
    const crypto = await createCrypto();
    // The empty message (reference vectors, first entry).
    expect(hex(crypto.shortHash(KEY, new Uint8Array(0)))).toBe('310e0edd47db6f72');
    // The paper's example: message 00 01 .. 0e, output 0xa129ca6149be45e5 (little-endian bytes).
    expect(hex(crypto.shortHash(KEY, Uint8Array.from({ length: 15 }, (_, i) => i)))).toBe('e545be4961ca29a1');
  });

  it('depends on every key bit and refuses a key that is not 16 bytes', async () => {
    const crypto = await createCrypto();
    const message = new TextEncoder().encode('quarterly');
    const other = Uint8Array.from(KEY);
    other[15] = (other[15] ?? 0) ^ 1;
    expect(hex(crypto.shortHash(other, message))).not.toBe(hex(crypto.shortHash(KEY, message)));
    expect(crypto.shortHash(KEY, message)).toHaveLength(8);
    expect(() => crypto.shortHash(new Uint8Array(32), message)).toThrow(/16 bytes/);
    expect(() => crypto.shortHash(new Uint8Array(15), message)).toThrow(/16 bytes/);
  });
});
