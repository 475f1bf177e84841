/**
 * Importing a model file from disk, for machines on networks that cannot download: the file is
 * copied under a temporary name in the models directory (hashed on the way), its structure is
 * walked, it is matched against the manifest (by the name asked for or by its sha256) or a trust
 * record, and only then renamed into place. An installed model is never touched by a failed
 * import.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { inspectModelFile } from '../transcription/ggml-model-check';
import { asModelError, ModelError } from './model-error';
import { copyHashing, fileSize, installAtomically, withFileLock } from './model-store-io';
import { findEntry, MODEL_NAME, normalizeModelName, type ModelManifest } from './model-manifest';
import { ensureDiskSpace, type FreeDiskBytes } from './model-resources';
import { readTrusted, writeTrusted, type TrustRecord } from './trusted-models';

/**
 * Permission to pin a file no manifest entry vouches for. The caller has checked that the
 * profile holds the admin role; `audit` writes the entry in that profile's vault. It runs after
 * the file is verified and before anything is trusted or installed: if it throws, nothing is.
 */
export interface TrustGrant {
  readonly by: { readonly profileId: string };
  readonly roleChecked: 'admin';
  readonly audit: (record: TrustRecord) => void | Promise<void>;
}

export interface ImportOptions {
  /** The model this file should be ("base.en"); by default found from its hash or file name. */
  readonly name?: string;
  readonly trust?: TrustGrant;
  readonly signal?: AbortSignal;
}

export interface ImportResult {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly origin: 'manifest' | 'trusted';
  /** Set when this import granted a new trust (and audited it). */
  readonly trusted?: TrustRecord;
}

export interface ImportContext {
  readonly manifest: ModelManifest;
  readonly dir: string;
  readonly freeDisk: FreeDiskBytes;
  readonly now: () => Date;
}

interface Target {
  readonly name: string;
  readonly file: string;
  readonly origin: 'manifest' | 'trusted';
  /** A trusted target that still needs the grant (and its audit entry). */
  readonly newTrust: boolean;
}

export function unknownModelFile(file: string, sha256: string): ModelError {
  return new ModelError(
    'not-in-manifest',
    `${file} matches no model in the manifest (its sha256 is ${sha256}). Nothing was installed. If your organisation has vetted this file, an administrator can trust it: callvault models import FILE --trust.`,
  );
}

export async function importModelFile(ctx: ImportContext, source: string, options: ImportOptions): Promise<ImportResult> {
  const bytes = await fileSize(source).catch(() => undefined);
  if (bytes === undefined) {
    throw new ModelError('unreadable', `Cannot read the model file ${source}: it does not exist or is not a file.`);
  }
  await mkdir(ctx.dir, { recursive: true });
  await ensureDiskSpace(ctx.dir, bytes, `importing ${path.basename(source)}`, ctx.freeDisk);
  const temp = path.join(ctx.dir, `.import-${randomBytes(6).toString('hex')}.tmp`);
  try {
    let copied: { bytes: number; sha256: string };
    try {
      copied = await copyHashing(source, temp, options.signal);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
      throw new ModelError(options.signal?.aborted === true ? 'aborted' : 'unreadable', `Could not copy the model file ${source} (${reason}). Nothing was installed.`, { cause: error });
    }
    await asModelError(path.basename(source), () => inspectModelFile(temp));
    const target = importTarget(ctx, source, copied, options);
    return await withFileLock(ctx.dir, target.file, target.name, async () => {
      let trusted: TrustRecord | undefined;
      if (target.newTrust) {
        if (options.trust === undefined) {
          throw unknownModelFile(source, copied.sha256);
        }
        trusted = { name: target.name, file: target.file, bytes: copied.bytes, sha256: copied.sha256, trustedAt: ctx.now().toISOString(), trustedBy: { profileId: options.trust.by.profileId } };
        await options.trust.audit(trusted);
      }
      const final = path.join(ctx.dir, target.file);
      await installAtomically(temp, final);
      if (trusted !== undefined) {
        const record = trusted;
        writeTrusted(ctx.dir, [...readTrusted(ctx.dir).filter((t) => t.name !== record.name), record]);
      }
      return { name: target.name, path: final, bytes: copied.bytes, sha256: copied.sha256, origin: target.origin, ...(trusted !== undefined && { trusted }) };
    });
  } finally {
    await rm(temp, { force: true });
  }
}

/** Which model an imported file is; throws when it cannot be one. */
function importTarget(ctx: ImportContext, source: string, copied: { bytes: number; sha256: string }, options: ImportOptions): Target {
  const requested = options.name === undefined ? undefined : normalizeModelName(options.name);
  const byHash = ctx.manifest.models.find((m) => m.sha256 === copied.sha256);
  if (byHash !== undefined && (requested === undefined || requested === byHash.name)) {
    return { name: byHash.name, file: byHash.file, origin: 'manifest', newTrust: false };
  }
  // Named (or named like) a manifest model but with other bytes: a damaged or substituted copy.
  const byName = findEntry(ctx.manifest, options.name ?? path.basename(source));
  if (byName !== undefined) {
    throw new ModelError(
      'checksum-mismatch',
      `${source} is not the published model ${byName.name}: its sha256 is ${copied.sha256}, the manifest says ${byName.sha256}. It is damaged or a different model; get a fresh copy. Nothing was installed.`,
    );
  }
  const trusted = readTrusted(ctx.dir);
  const known = trusted.find((t) => t.sha256 === copied.sha256);
  if (known !== undefined && (requested === undefined || requested === known.name)) {
    return { name: known.name, file: known.file, origin: 'trusted', newTrust: false };
  }
  if (options.trust === undefined) {
    throw unknownModelFile(source, copied.sha256);
  }
  const name = requested ?? normalizeModelName(path.basename(source));
  if (!MODEL_NAME.test(name)) {
    throw new ModelError('name-conflict', `"${name}" cannot be a model name: use lower-case letters, digits, ".", "_" and "-" (pass --name).`);
  }
  if (ctx.manifest.models.some((m) => m.name === name) || trusted.some((t) => t.name === name)) {
    throw new ModelError('name-conflict', `A model called ${name} already exists with different contents. Choose another name with --name.`);
  }
  return { name, file: `ggml-${name}.bin`, origin: 'trusted', newTrust: true };
}
