import fs from 'node:fs';
import path from 'node:path';
import type { OrgSigner, ServerCrypto } from './crypto/server-crypto';
import { bytesOf, type Queryable } from './db/db';
import { newestStatement } from './services/org-key';

/**
 * Where a deployment keeps its organisation key: `CALLVAULT_ORG_KEY` (every process of the
 * deployment shares it) or `<data>/org-signing.key`, mode 0600. A rotation in file mode writes
 * the new seed to `org-signing.key.next` first, commits the statement, then renames it over the
 * old file; a process that starts between those two steps finishes the rename itself.
 */
export const ORG_KEY_FILE = 'org-signing.key';

export function orgKeyPath(dataDir: string): string {
  return path.join(dataDir, ORG_KEY_FILE);
}

export function nextOrgKeyPath(dataDir: string): string {
  return `${orgKeyPath(dataDir)}.next`;
}

/** Writes a fresh seed (hex) to `file`, which must not exist yet, owner-only. */
export function writeNewSeed(crypto: ServerCrypto, file: string): Uint8Array {
  const seed = crypto.randomBytes(32);
  fs.writeFileSync(file, `${Buffer.from(seed).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return seed;
}

function readSeed(file: string): Uint8Array | undefined {
  const hex = fs.readFileSync(file, 'utf8').trim();
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

/**
 * The signer this process may use: `signer` when it is the key in force, else (file mode) the
 * key an interrupted rotation left in `org-signing.key.next` when that one is in force. A
 * retired key is refused at start, with what to do.
 */
export async function orgSignerInForce(db: Queryable, crypto: ServerCrypto, signer: OrgSigner, dataDir: string, fromEnv: boolean): Promise<OrgSigner> {
  const head = await newestStatement(db);
  if (head === undefined || Buffer.from(bytesOf(head.new_key)).equals(Buffer.from(signer.publicKey))) {
    return signer;
  }
  const next = nextOrgKeyPath(dataDir);
  if (!fromEnv && fs.existsSync(next)) {
    const seed = readSeed(next);
    const pending = seed === undefined ? undefined : crypto.orgSigner(seed);
    if (pending !== undefined && Buffer.from(bytesOf(head.new_key)).equals(Buffer.from(pending.publicKey))) {
      fs.renameSync(next, orgKeyPath(dataDir));
      return pending;
    }
  }
  const where = fromEnv ? 'CALLVAULT_ORG_KEY' : orgKeyPath(dataDir);
  throw new Error(
    `The organisation key in ${where} was retired by key rotation ${String(head.sequence)} (the key in force has fingerprint ${crypto.fingerprint('signing', bytesOf(head.new_key))}). ` +
      'Start with the current key: the one `callvault-server org-key rotate` wrote.',
  );
}
