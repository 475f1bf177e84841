/**
 * Model files that match no manifest entry but that an administrator trusted on this machine,
 * pinned by sha256 and size. The list lives beside the models, outside every vault, so it is
 * only as safe as that directory; the audit entry written in the admin's vault when the trust
 * was granted is the tamper-evident record of who trusted what. Whisper models and summary
 * models keep one list each (same format, own file and name rules), read and written here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../vault/atomic-file';
import { MODEL_FILE_NAME, MODEL_NAME } from './model-manifest';
import { ModelError } from './model-error';

/** The record of one trusted file, with the name and file-name rules of its kind of model. */
export function trustRecordSchema(name: RegExp, file: RegExp) {
  return z.strictObject({
    name: z.string().regex(name),
    file: z.string().regex(file),
    bytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    trustedAt: z.iso.datetime(),
    trustedBy: z.strictObject({ profileId: z.string().min(1) }),
  });
}

/** One trust list: its file name in the models directory, its record schema, and what it trusts (for messages). */
export interface TrustList<R> {
  readonly file: string;
  readonly record: z.ZodType<R>;
  /** What it trusts, singular, for error messages: "model" or "summary model". */
  readonly what: string;
}

export function readTrustList<R>(dir: string, list: TrustList<R>): R[] {
  const file = path.join(dir, list.file);
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
  const parsed = z.strictObject({ version: z.literal(1), models: z.array(list.record) }).safeParse(json);
  if (!parsed.success) {
    // Fail closed: a damaged list trusts nothing, and says so instead of silently forgetting.
    throw new ModelError('manifest-invalid', `The list of trusted ${list.what}s (${file}) is damaged, so no trusted ${list.what} can be used. An administrator can delete it and import the models again with --trust.`);
  }
  return parsed.data.models;
}

export function writeTrustList<R>(dir: string, list: TrustList<R>, records: readonly R[]): void {
  writeFileAtomic(path.join(dir, list.file), `${JSON.stringify({ version: 1, models: records }, null, 2)}\n`);
}

const whisperTrustRecord = trustRecordSchema(MODEL_NAME, MODEL_FILE_NAME);

export type TrustRecord = z.infer<typeof whisperTrustRecord>;

export const TRUST_FILE = 'trusted-models.json';

const WHISPER_TRUST_LIST: TrustList<TrustRecord> = { file: TRUST_FILE, record: whisperTrustRecord, what: 'model' };

export function readTrusted(dir: string): TrustRecord[] {
  return readTrustList(dir, WHISPER_TRUST_LIST);
}

export function writeTrusted(dir: string, records: readonly TrustRecord[]): void {
  writeTrustList(dir, WHISPER_TRUST_LIST, records);
}
