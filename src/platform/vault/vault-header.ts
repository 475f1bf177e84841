import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { CallVaultError } from '../../shared/callvault-error';

/**
 * vault.json: everything needed to unlock, nothing secret. The master key appears only
 * wrapped (sealed) under a passphrase-derived key and under the recovery key. After an unlock
 * the header's MAC, keyed from the master key, proves nobody edited the parameters.
 */
export const VaultHeader = z.object({
  format: z.literal('callvault-vault'),
  version: z.literal(1),
  vaultId: z.uuid(),
  createdAt: z.string(),
  kdf: z.object({
    alg: z.literal('argon2id13'),
    opsLimit: z.number().int().min(1).max(64),
    memLimitBytes: z.number().int().min(8 * 1024).max(4 * 1024 * 1024 * 1024),
    salt: z.string().regex(/^[0-9a-f]{32}$/),
  }),
  database: z.object({ file: z.literal('vault.db'), cipher: z.literal('chacha20') }),
  wraps: z.object({
    passphrase: z.string().min(1),
    recovery: z.string().min(1),
  }),
  keyEpoch: z.number().int().nonnegative(),
  /**
   * Where the database was when this header was last written: its generation counter and its
   * audit head. Covered by the MAC, so an older vault.db put back beside it is recognised.
   * Absent only in headers written before anchoring existed; the first unlock adds it.
   */
  anchor: z
    .object({
      generation: z.number().int().nonnegative(),
      auditSeq: z.number().int().nonnegative(),
      auditHash: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .optional(),
  mac: z.string(),
});
export type VaultHeader = z.infer<typeof VaultHeader>;

export const HEADER_FILE = 'vault.json';

export class VaultHeaderError extends CallVaultError {
  override readonly name = 'VaultHeaderError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('VAULT_CORRUPT', message, options);
  }
}

export function readVaultHeader(file: string): VaultHeader {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new VaultHeaderError(`The vault header could not be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VaultHeaderError('The vault header is damaged (it is not valid JSON). Restore vault.json from a backup; your data cannot be opened without it.');
  }
  const parsed = VaultHeader.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VaultHeaderError(`The vault header is damaged (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}). Restore vault.json from a backup.`);
  }
  return parsed.data;
}

export function writeVaultHeader(file: string, header: VaultHeader): void {
  writeFileAtomic(file, `${JSON.stringify(header, null, 2)}\n`);
}

/** The bytes the header MAC covers: every field but the MAC, in a fixed order. */
export function headerMacInput(header: Omit<VaultHeader, 'mac'>): Uint8Array {
  const { format, version, vaultId, createdAt, kdf, database, wraps, keyEpoch, anchor } = header;
  const fields: (string | number)[] = [format, version, vaultId, createdAt, kdf.alg, kdf.opsLimit, kdf.memLimitBytes, kdf.salt, database.file, database.cipher, wraps.passphrase, wraps.recovery, keyEpoch];
  if (anchor !== undefined) {
    // Appended only when present, so headers written before anchoring still verify; with it the
    // array is longer, so the two forms cannot be confused.
    fields.push('anchor-v1', anchor.generation, anchor.auditSeq, anchor.auditHash);
  }
  return new TextEncoder().encode(JSON.stringify(fields));
}
