import { describe, expect, it } from 'vitest';
import { DecryptionError } from '../../../src/core/ports/crypto';
import { createCrypto } from '../../../src/platform/crypto/sodium-crypto';
import { RecordingKeys } from '../../../src/platform/vault/recording-keys';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('recording key custody', () => {
  it('unwraps a data key only for the recording and epoch it was wrapped for', async () => {
    const crypto = await createCrypto();
    const master = crypto.randomKey();
    const keys = new RecordingKeys(crypto, () => master);
    const dataKey = keys.newDataKey();
    const wrapped = keys.wrap(A, dataKey, 3);
    expect(keys.unwrap({ id: A, keyEpoch: 3, wrappedKey: wrapped })).toEqual(dataKey);
    // Moved onto another recording's row, or claimed for another epoch: refused as tampering.
    expect(() => keys.unwrap({ id: B, keyEpoch: 3, wrappedKey: wrapped })).toThrow(DecryptionError);
    expect(() => keys.unwrap({ id: A, keyEpoch: 4, wrappedKey: wrapped })).toThrow(/does not open: its database row was altered/);
    // Under another master key it does not open either.
    const other = new RecordingKeys(crypto, () => crypto.randomKey());
    expect(() => other.unwrap({ id: A, keyEpoch: 3, wrappedKey: wrapped })).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
    // A sealed value that is not 32 bytes never passes as a key.
    const epochKey = crypto.deriveSubkey(master, { kind: 'recording-wrap', epoch: 3 });
    const notAKey = crypto.seal(epochKey, new Uint8Array(31), new TextEncoder().encode(`cv-datakey-v1:${A}`));
    expect(() => keys.unwrap({ id: A, keyEpoch: 3, wrappedKey: notAKey })).toThrow(DecryptionError);
    expect(() => crypto.keyFromBytes(new Uint8Array(16))).toThrow(DecryptionError);
  });
});
