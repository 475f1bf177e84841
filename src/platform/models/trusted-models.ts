/**
 * Model files that match no manifest entry but that an administrator trusted on this machine,
 * pinned by sha256 and size. The list lives beside the models, outside every vault, so it is
 * only as safe as that directory; the audit entry written in the admin's vault when the trust
 * was granted is the tamper-evident record of who trusted what.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../vault/atomic-file';
import { MODEL_FILE_NAME, MODEL_NAME } from './model-manifest';
import { ModelError } from './model-error';

const trustRecordSchema = z.strictObject({
  name: z.string().regex(MODEL_NAME),
  file: z.string().regex(MODEL_FILE_NAME),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  trustedAt: z.iso.datetime(),
  trustedBy: z.strictObject({ profileId: z.string().min(1) }),
});

const trustFileSchema = z.strictObject({ version: z.literal(1), models: z.array(trustRecordSchema) });

export type TrustRecord = z.infer<typeof trustRecordSchema>;

export const TRUST_FILE = 'trusted-models.json';

export function readTrusted(dir: string): TrustRecord[] {
  const file = path.join(dir, TRUST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = trustFileSchema.safeParse(json);
  if (!parsed.success) {
    // Fail closed: a damaged list trusts nothing, and says so instead of silently forgetting.
    throw new ModelError('manifest-invalid', `The list of trusted models (${file}) is damaged, so no trusted model can be used. An administrator can delete it and import the models again with --trust.`);
  }
  return parsed.data.models;
}

export function writeTrusted(dir: string, records: readonly TrustRecord[]): void {
  writeFileAtomic(path.join(dir, TRUST_FILE), `${JSON.stringify({ version: 1, models: records }, null, 2)}\n`);
}
