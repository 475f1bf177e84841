import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Argon2idParams, Crypto, SymmetricKey } from '../../core/ports/crypto';
import { assertKdfParamsInBounds, TEST_KDF_ENV, testKdfAllowed, TEST_WEAK_ARGON2ID } from '../crypto/passphrase-kdf';
import { decodeRecoveryKey, encodeRecoveryKey, RecoveryKeyFormatError } from '../../core/vault/recovery-key-format';
import { HEADER_FILE, headerMacInput, readVaultHeader, VaultHeaderError, writeVaultHeader, type VaultHeader } from './vault-header';
import { CallVaultError } from '../../shared/callvault-error';

export type VaultSecret =
  | { readonly kind: 'passphrase'; readonly passphrase: string }
  | { readonly kind: 'recovery-key'; readonly recoveryKey: string };

export class WrongSecretError extends CallVaultError {
  override readonly name = 'WrongSecretError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('WRONG_SECRET', message, options);
  }
}

const encoder = new TextEncoder();
const wrapAd = (kind: 'passphrase' | 'recovery', vaultId: string) => encoder.encode(`cv-wrap-v1:${kind}:${vaultId}`);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * Which Argon2id parameters a new vault (or a new passphrase) gets. 'test-weak' is TEST ONLY:
 * only test helpers ask for it, and it is refused unless CALLVAULT_TEST_KDF=weak is set.
 */
export type KdfProfile = 'production' | 'test-weak';

function kdfParamsFor(crypto: Crypto, profile: KdfProfile): Argon2idParams {
  const params = crypto.newArgon2idParams();
  if (profile === 'production') {
    return params;
  }
  if (!testKdfAllowed()) {
    throw new Error(`The weak test KDF profile is only for tests (set ${TEST_KDF_ENV}=weak in a test process).`);
  }
  return { ...params, ...TEST_WEAK_ARGON2ID };
}

function recoveryKek(crypto: Crypto, recoverySecret: Uint8Array, vaultId: string): SymmetricKey {
  return crypto.deriveKeyFromHighEntropy(recoverySecret, `recovery:${vaultId}`);
}

/**
 * The vault's recovery box (#15 section 2): an X25519 key pair derived from the recovery secret,
 * so only the recovery key re-creates its secret half. The shred secret is sealed to its public
 * key inside the database, which lets the recovery key open the vault on a machine without the
 * key store. The caller wipes `secretKey`.
 */
export function recoveryBoxFromSecret(crypto: Crypto, recoverySecret: Uint8Array, vaultId: string): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const seed = crypto.deriveKeyFromHighEntropy(recoverySecret, `shred-recovery-box-v1:${vaultId}`);
  try {
    return crypto.boxKeyPairFromSeed(seed);
  } finally {
    crypto.wipe(seed);
  }
}

/** The recovery box of a recovery key as typed (after it unwrapped the master key); the caller wipes `secretKey`. */
export function recoveryBoxFromKey(crypto: Crypto, recoveryKey: string, vaultId: string): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const secret = decodeRecoveryKey(recoveryKey);
  try {
    return recoveryBoxFromSecret(crypto, secret, vaultId);
  } finally {
    crypto.wipe(secret);
  }
}

/** Signs a header with the MAC key derived from the master key. */
export function signHeader(crypto: Crypto, masterKey: SymmetricKey, unsigned: Omit<VaultHeader, 'mac'>): VaultHeader {
  const macKey = crypto.deriveSubkey(masterKey, { kind: 'header-mac' });
  const mac = b64(crypto.mac(macKey, headerMacInput(unsigned)));
  crypto.wipe(macKey);
  return { ...unsigned, mac };
}

export function headerPath(vaultDir: string): string {
  return path.join(vaultDir, HEADER_FILE);
}

/** Makes a new master key, wraps it twice, and writes the header. Returns the key and the printable recovery key. */
export async function createVaultKeys(vaultDir: string, passphrase: string, crypto: Crypto, now: Date, kdfProfile: KdfProfile = 'production') {
  const kdf = kdfParamsFor(crypto, kdfProfile);
  const vaultId = randomUUID();
  const masterKey = crypto.randomKey();
  const recoverySecret = crypto.randomBytes(32);
  const kek = await crypto.deriveKeyFromPassphrase(passphrase, kdf);
  const rkek = recoveryKek(crypto, recoverySecret, vaultId);
  const header = signHeader(crypto, masterKey, {
    format: 'callvault-vault',
    version: 1,
    vaultId,
    createdAt: now.toISOString(),
    kdf,
    database: { file: 'vault.db', cipher: 'chacha20' },
    wraps: {
      passphrase: b64(crypto.seal(kek, masterKey, wrapAd('passphrase', vaultId))),
      recovery: b64(crypto.seal(rkek, masterKey, wrapAd('recovery', vaultId))),
    },
    keyEpoch: 0,
  });
  crypto.wipe(kek);
  crypto.wipe(rkek);
  const recoveryKey = encodeRecoveryKey(recoverySecret);
  const box = recoveryBoxFromSecret(crypto, recoverySecret, vaultId);
  crypto.wipe(box.secretKey);
  crypto.wipe(recoverySecret);
  return { masterKey, recoveryKey, recoveryPublicKey: box.publicKey, header, write: () => { writeVaultHeader(headerPath(vaultDir), header); } };
}

/**
 * Unwraps the master key with a passphrase or the recovery key. Writes nothing: a wrong secret
 * leaves every vault file exactly as it was.
 */
export async function unwrapMasterKey(vaultDir: string, secret: VaultSecret, crypto: Crypto): Promise<{ masterKey: SymmetricKey; header: VaultHeader }> {
  const header = readVaultHeader(headerPath(vaultDir));
  let kek: SymmetricKey;
  let wrapped: string;
  let ad: Uint8Array;
  if (secret.kind === 'passphrase') {
    // Before Argon2id runs: an edited header must not buy a 4 GiB derivation.
    assertKdfParamsInBounds(header.kdf);
    kek = await crypto.deriveKeyFromPassphrase(secret.passphrase, header.kdf);
    wrapped = header.wraps.passphrase;
    ad = wrapAd('passphrase', header.vaultId);
  } else {
    let recoverySecret: Uint8Array;
    try {
      recoverySecret = decodeRecoveryKey(secret.recoveryKey);
    } catch (error) {
      throw new WrongSecretError(error instanceof RecoveryKeyFormatError ? error.message : 'That is not a recovery key.');
    }
    kek = recoveryKek(crypto, recoverySecret, header.vaultId);
    crypto.wipe(recoverySecret);
    wrapped = header.wraps.recovery;
    ad = wrapAd('recovery', header.vaultId);
  }
  let masterKey: SymmetricKey;
  try {
    masterKey = crypto.openKey(kek, unb64(wrapped), ad);
  } catch {
    throw new WrongSecretError(
      secret.kind === 'passphrase'
        ? "That passphrase doesn't open this vault. Check caps lock and keyboard layout, or use your recovery key."
        : "That recovery key doesn't open this vault. Make sure it is the key printed for this profile.",
    );
  } finally {
    crypto.wipe(kek);
  }
  const macKey = crypto.deriveSubkey(masterKey, { kind: 'header-mac' });
  const genuine = crypto.verifyMac(macKey, unb64(header.mac), headerMacInput(header));
  crypto.wipe(macKey);
  if (!genuine) {
    crypto.wipe(masterKey);
    throw new VaultHeaderError('The vault header was altered: its parameters no longer match their signature. Restore vault.json from a backup.');
  }
  return { masterKey, header };
}

/** Accepts a master key from elsewhere (device unlock) only if it verifies this vault's header MAC. */
export function verifyMasterKey(vaultDir: string, masterKey: SymmetricKey, crypto: Crypto): VaultHeader {
  const header = readVaultHeader(headerPath(vaultDir));
  const macKey = crypto.deriveSubkey(masterKey, { kind: 'header-mac' });
  const genuine = crypto.verifyMac(macKey, unb64(header.mac), headerMacInput(header));
  crypto.wipe(macKey);
  if (!genuine) {
    throw new WrongSecretError('The key this device holds does not open this vault. Unlock with your passphrase.');
  }
  return header;
}

/** Re-wraps the same master key under a new passphrase (fresh salt); no data is re-encrypted. */
export async function rewrapForPassphrase(vaultDir: string, header: VaultHeader, masterKey: SymmetricKey, passphrase: string, crypto: Crypto, kdfProfile: KdfProfile = 'production'): Promise<VaultHeader> {
  const kdf = kdfParamsFor(crypto, kdfProfile);
  const kek = await crypto.deriveKeyFromPassphrase(passphrase, kdf);
  const { mac: _old, ...rest } = header;
  const next = signHeader(crypto, masterKey, {
    ...rest,
    kdf,
    wraps: { ...header.wraps, passphrase: b64(crypto.seal(kek, masterKey, wrapAd('passphrase', header.vaultId))) },
  });
  crypto.wipe(kek);
  writeVaultHeader(headerPath(vaultDir), next);
  return next;
}

/** Rewrites the header with a new anchor (atomically, MAC'd); everything else stays. */
export function writeAnchoredHeader(vaultDir: string, header: VaultHeader, masterKey: SymmetricKey, crypto: Crypto, anchor: NonNullable<VaultHeader['anchor']>): VaultHeader {
  const { mac: _old, ...rest } = header;
  const next = signHeader(crypto, masterKey, { ...rest, anchor });
  writeVaultHeader(headerPath(vaultDir), next);
  return next;
}
