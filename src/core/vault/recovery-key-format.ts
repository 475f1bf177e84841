/**
 * The printable recovery key: 32 random bytes plus a 16-bit checksum, in Crockford base32
 * (no I, L, O or U, so it survives being read aloud or copied by hand), in dash-separated
 * groups of five. The checksum catches typos before an unlock is even attempted.
 */
import { CallVaultError } from '../../shared/callvault-error';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_BYTES = 32;
const ENCODED_LENGTH = 55;

export class RecoveryKeyFormatError extends CallVaultError {
  override readonly name = 'RecoveryKeyFormatError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('WRONG_SECRET', message, options);
  }
}

function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

export function encodeRecoveryKey(secret: Uint8Array): string {
  if (secret.length !== KEY_BYTES) {
    throw new RecoveryKeyFormatError('A recovery key holds exactly 32 bytes.');
  }
  const crc = crc16(secret);
  const bytes = new Uint8Array([...secret, crc >> 8, crc & 0xff]);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) {
    out += ALPHABET.charAt((value << (5 - bits)) & 31);
  }
  return out.match(/.{1,5}/g)?.join('-') ?? out;
}

export function decodeRecoveryKey(text: string): Uint8Array {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (cleaned.length !== ENCODED_LENGTH) {
    throw new RecoveryKeyFormatError(`A recovery key has ${ENCODED_LENGTH} characters (11 groups of 5); this one has ${cleaned.length}.`);
  }
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of cleaned) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) {
      throw new RecoveryKeyFormatError(`"${char}" is not a recovery-key character.`);
    }
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  const secret = new Uint8Array(bytes.slice(0, KEY_BYTES));
  const crc = ((bytes[KEY_BYTES] ?? 0) << 8) | (bytes[KEY_BYTES + 1] ?? 0);
  if (crc16(secret) !== crc) {
    throw new RecoveryKeyFormatError('That recovery key has a typo: its checksum does not match. Check each group against your printed copy.');
  }
  return secret;
}
