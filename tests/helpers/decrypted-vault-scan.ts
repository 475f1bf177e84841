import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Crypto } from '../../src/core/ports/crypto';
import { unwrapMasterKey } from '../../src/platform/vault/vault-keys';
import { tempDir } from './temp-dir';
import { PASSPHRASE } from './vault-fixture';

/**
 * What an attacker who knows the passphrase reads from a copy of a vault folder: the database
 * decrypted page by page (rekeyed to no cipher on a scratch copy, so every page, free pages
 * included, is rewritten as plaintext), after folding in the WAL the copy holds. Returns the
 * canaries found in the decrypted file, or in any other file of the folder as it is.
 */
export async function canariesReadableWithPassphrase(vaultDir: string, crypto: Crypto, canaries: readonly string[]): Promise<string[]> {
  const scratch = tempDir();
  for (const name of fs.readdirSync(vaultDir)) {
    const from = path.join(vaultDir, name);
    if (fs.statSync(from).isFile()) {
      fs.copyFileSync(from, path.join(scratch, name));
    }
  }
  const { masterKey } = await unwrapMasterKey(scratch, { kind: 'passphrase', passphrase: PASSPHRASE }, crypto);
  const dbKey = crypto.deriveSubkey(masterKey, { kind: 'database' });
  const file = path.join(scratch, 'vault.db');
  const db = new Database(file);
  try {
    db.pragma(`cipher='chacha20'`);
    db.pragma(`key="x'${Buffer.from(dbKey).toString('hex')}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey=''`);
  } finally {
    db.close();
  }
  const plain = fs.readFileSync(file);
  if (!plain.subarray(0, 15).equals(Buffer.from('SQLite format 3'))) {
    throw new Error('the scratch copy did not decrypt');
  }
  const hits: string[] = [];
  for (const canary of canaries) {
    for (const variant of [canary, canary.toLowerCase()]) {
      if (plain.includes(Buffer.from(variant, 'utf8')) || plain.includes(Buffer.from(variant, 'utf16le'))) {
        hits.push(`vault.db (decrypted) holds "${canary}"`);
      }
      for (const [encoding, needles] of encodedForms(variant)) {
        if (needles.some((needle) => plain.includes(needle))) {
          hits.push(`vault.db (decrypted) holds "${canary}" (${encoding})`);
        }
      }
    }
    for (const name of fs.readdirSync(scratch)) {
      if (name !== 'vault.db' && fs.statSync(path.join(scratch, name)).isFile() && fs.readFileSync(path.join(scratch, name)).includes(Buffer.from(canary, 'utf8'))) {
        hits.push(`${name} holds "${canary}"`);
      }
    }
  }
  return [...new Set(hits)];
}

/**
 * The canary as a program might have stored it encoded: hex (either case) and base64 (at each of
 * the three alignments a longer base64 text could put it in, without the characters its
 * neighbours change).
 */
function encodedForms(text: string): [string, Buffer[]][] {
  const bytes = Buffer.from(text, 'utf8');
  const hex = bytes.toString('hex');
  const base64 = [0, 1, 2].map((pad) => {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64').replace(/=+$/u, '');
    // Drop the characters that mix in the padding bytes before, and the last one (mixed with what follows).
    const from = pad === 0 ? 0 : pad === 1 ? 2 : 3;
    return Buffer.from(encoded.slice(from, -1), 'ascii');
  });
  return [
    ['hex', [Buffer.from(hex, 'ascii'), Buffer.from(hex.toUpperCase(), 'ascii')]],
    ['base64', base64],
  ];
}
