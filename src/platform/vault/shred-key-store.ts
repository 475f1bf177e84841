import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { CallVaultError } from '../../shared/callvault-error';

/**
 * The shred key store (#15 section 2): the vault's current shred secret S_n, kept OUTSIDE the
 * vault folder, so a copy of the folder does not carry it. The key that wraps every recording's
 * and artifact's key is derived from the master key and S_n; each destruction rotates S_n and
 * deletes the old one here, so an earlier copy of the folder opened with the passphrase no
 * longer unwraps anything (see docs/RETENTION.md, "Shred secret").
 *
 * The store holds at most two secrets: the one the database names, and during a rotation the
 * next one (or, after a crash, the previous one); the vault finishes the cleanup at unlock.
 */
export interface ShredKeyStore {
  /** Where the secrets live (for messages; no secret in it). */
  readonly location: string;
  /** The secrets by epoch, or undefined when there is no store (a folder moved to another machine). Throws `ShredKeyStoreError` for a damaged or foreign one. */
  read(): Map<number, Uint8Array> | undefined;
  /** Replaces the store's content, atomically and durably (fsync, rename, fsync the directory). */
  write(secrets: ReadonlyMap<number, Uint8Array>): void;
  /** Removes the store (a vault creation that failed). */
  remove(): void;
}

/**
 * How the host protects the store's bytes at rest: the Electron host can pass one built on
 * `safeStorage` (the OS keychain); the browser host and the CLI keep the file at mode 0600.
 */
export interface ShredKeyProtector {
  readonly name: string;
  protect(plaintext: Uint8Array): Uint8Array;
  unprotect(stored: Uint8Array): Uint8Array;
}

export class ShredKeyStoreError extends CallVaultError {
  override readonly name = 'ShredKeyStoreError';

  constructor(message: string) {
    super('WRONG_SECRET', message, { detail: 'key-store-damaged' });
  }
}

const StoreFile = z
  .object({
    format: z.literal('callvault-shred-keys'),
    version: z.literal(1),
    vaultId: z.uuid(),
    protector: z.string().min(1).max(64),
    secrets: z.record(z.string().regex(/^[1-9][0-9]{0,8}$/), z.string().min(1).max(1024)),
  })
  .strict();

const SECRET_BYTES = 32;
const PLAIN: ShredKeyProtector = { name: 'file-0600', protect: (b) => b, unprotect: (b) => b };

/** The default place: `<profile dir>/keystore/<vaultId>.json`, beside the vault folder, never in it. */
export function defaultShredKeyStorePath(profileDir: string, vaultId: string): string {
  return path.join(profileDir, 'keystore', `${vaultId}.json`);
}

/** A store in one JSON file (mode 0600, its directory 0700). */
export function fileShredKeyStore(file: string, vaultId: string, protector: ShredKeyProtector = PLAIN): ShredKeyStore {
  return {
    location: file,
    read() {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return undefined;
        }
        throw new ShredKeyStoreError(`The vault's key store (${file}) could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}). Unlock with your recovery key to re-create it.`);
      }
      let parsed;
      try {
        parsed = StoreFile.safeParse(JSON.parse(text));
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) {
        throw new ShredKeyStoreError(`The vault's key store (${file}) is damaged. Unlock with your recovery key to re-create it.`);
      }
      if (parsed.data.vaultId !== vaultId) {
        throw new ShredKeyStoreError(`The key store at ${file} belongs to another vault. Unlock with your recovery key to re-create this vault's.`);
      }
      if (parsed.data.protector !== protector.name) {
        throw new ShredKeyStoreError(`The vault's key store (${file}) was written by another protector (${parsed.data.protector}). Unlock with your recovery key to re-create it.`);
      }
      const secrets = new Map<number, Uint8Array>();
      for (const [epoch, value] of Object.entries(parsed.data.secrets)) {
        let secret: Uint8Array;
        try {
          secret = protector.unprotect(new Uint8Array(Buffer.from(value, 'base64')));
        } catch {
          throw new ShredKeyStoreError(`The vault's key store (${file}) cannot be opened on this device. Unlock with your recovery key to re-create it.`);
        }
        if (secret.length !== SECRET_BYTES) {
          throw new ShredKeyStoreError(`The vault's key store (${file}) is damaged. Unlock with your recovery key to re-create it.`);
        }
        secrets.set(Number(epoch), secret);
      }
      return secrets;
    },
    write(secrets) {
      const dir = path.dirname(file);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const body = {
        format: 'callvault-shred-keys',
        version: 1,
        vaultId,
        protector: protector.name,
        secrets: Object.fromEntries([...secrets].map(([epoch, secret]) => [String(epoch), Buffer.from(protector.protect(secret)).toString('base64')])),
      };
      writeFileAtomic(file, `${JSON.stringify(body)}\n`);
    },
    remove() {
      fs.rmSync(file, { force: true });
    },
  };
}
