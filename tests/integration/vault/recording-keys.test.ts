import { describe, expect, it } from 'vitest';
import { DecryptionError } from '../../../src/core/ports/crypto';
import { createCrypto } from '../../../src/platform/crypto/sodium-crypto';
import { RecordingKeys, shredWrapKey } from '../../../src/platform/vault/recording-keys';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('recording key custody', () => {
  it('unwraps a data key only for the recording and epoch it was wrapped for', async () => {
    const crypto = await createCrypto();
    const master = crypto.randomKey();
    // Epochs >= 1 wrap under the master key AND that epoch's shred secret (#15 section 2).
    const secrets = new Map([3, 4].map((e) => [e, crypto.randomBytes(32)]));
    const keys = new RecordingKeys(crypto, () => master, (e) => secrets.get(e));
    const dataKey = keys.newDataKey();
    const wrapped = keys.wrap(A, dataKey, 3);
    expect(keys.unwrap({ id: A, keyEpoch: 3, wrappedKey: wrapped })).toEqual(dataKey);
    // Moved onto another recording's row, or claimed for another epoch: refused as tampering.
    expect(() => keys.unwrap({ id: B, keyEpoch: 3, wrappedKey: wrapped })).toThrow(DecryptionError);
    expect(() => keys.unwrap({ id: A, keyEpoch: 4, wrappedKey: wrapped })).toThrow(/does not open: its database row was altered/);
    // Under another master key it does not open either.
    const other = new RecordingKeys(crypto, () => crypto.randomKey(), (e) => secrets.get(e));
    expect(() => other.unwrap({ id: A, keyEpoch: 3, wrappedKey: wrapped })).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    // The right master key without that epoch's shred secret (it was rotated away): refused too.
    const withoutSecret = new RecordingKeys(crypto, () => master);
    expect(() => withoutSecret.unwrap({ id: A, keyEpoch: 3, wrappedKey: wrapped })).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    // Nor with another epoch's secret put in its place.
    const swapped = new RecordingKeys(crypto, () => master, () => secrets.get(4));
    expect(() => swapped.unwrap({ id: A, keyEpoch: 3, wrappedKey: wrapped })).toThrow(DecryptionError);
    // A sealed value that is not 32 bytes never passes as a key.
    const epochKey = shredWrapKey(crypto, master, secrets.get(3) ?? new Uint8Array(32), 3);
    const notAKey = crypto.seal(epochKey, new Uint8Array(31), new TextEncoder().encode(`cv-datakey-v1:${A}`));
    expect(() => keys.unwrap({ id: A, keyEpoch: 3, wrappedKey: notAKey })).toThrow(DecryptionError);
    expect(() => crypto.keyFromBytes(new Uint8Array(16))).toThrow(DecryptionError);
  });
});
