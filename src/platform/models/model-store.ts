/**
 * The whisper models on this machine: `<appHome>/models/`, outside every vault (a model is public
 * data, shared by the profiles). Every file is pinned by sha256, either by the manifest or by a
 * trust record an administrator granted, and nothing lands under a model's final name before its
 * size, sha256 and ggml structure have been checked: a failed download or import leaves the
 * installed model as it was.
 */
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspectModelFile, sha256File, type WhisperModelInfo } from '../transcription/ggml-model-check';
import { downloadToPart, type DownloadOptions } from './model-download';
import { asModelError, ModelError } from './model-error';
import { fileSize, installAtomically, withFileLock } from './model-store-io';
import { importModelFile, unknownModelFile, type ImportOptions, type ImportResult } from './model-import';
import { findEntry, loadManifest, normalizeModelName, type ModelEntry, type ModelManifest } from './model-manifest';
import { ensureDiskSpace, ensureMemoryFor, formatBytes, freeDiskBytes, type FreeDiskBytes } from './model-resources';
import { readTrusted, writeTrusted, type TrustRecord } from './trusted-models';

export type { ImportOptions, ImportResult, TrustGrant } from './model-import';

export type ModelOrigin = 'manifest' | 'trusted';
/** installed/bundled: present with the right size (run verify for the hash); damaged: wrong size. */
export type ModelStatus = 'installed' | 'bundled' | 'partial' | 'available' | 'damaged';

export interface ModelListing {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly origin: ModelOrigin;
  readonly status: ModelStatus;
  readonly path?: string;
  /** Bytes of an interrupted download, which the next download resumes. */
  readonly partialBytes?: number;
  readonly entry?: ModelEntry;
  readonly trust?: TrustRecord;
}

/** What the engine needs: the file and the sha256 it must have (WhisperEngineConfig.modelSha256). */
export interface ResolvedModel {
  readonly name: string;
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly origin: ModelOrigin;
  /** Approximate memory need from the manifest (unknown for trusted files). */
  readonly memoryBytes?: number;
  readonly readOnly: boolean;
}

export interface VerifiedModel extends ResolvedModel {
  readonly info: WhisperModelInfo;
}

export interface ModelStoreOptions {
  readonly manifest: ModelManifest;
  /** Writable models directory, normally modelsDir(appHome). */
  readonly dir: string;
  /** A packaged build's read-only models (manifest files only), listed as installed. */
  readonly bundledDir?: string;
  readonly freeDiskBytes?: FreeDiskBytes;
  /** The machine's memory; a model that needs more is not downloaded. Default os.totalmem(). */
  readonly totalMemoryBytes?: number;
  readonly now?: () => Date;
}

export function modelsDir(appHome: string): string {
  return path.join(appHome, 'models');
}

export class ModelStore {
  readonly manifest: ModelManifest;
  readonly dir: string;
  private readonly bundledDir: string | undefined;
  private readonly freeDisk: FreeDiskBytes;
  private readonly totalMemory: number;
  private readonly now: () => Date;

  constructor(options: ModelStoreOptions) {
    this.manifest = options.manifest;
    this.dir = options.dir;
    this.bundledDir = options.bundledDir;
    this.freeDisk = options.freeDiskBytes ?? freeDiskBytes;
    this.totalMemory = options.totalMemoryBytes ?? os.totalmem();
    this.now = options.now ?? (() => new Date());
  }

  static async open(options: { readonly appHome: string; readonly manifestPath?: string; readonly bundledDir?: string }): Promise<ModelStore> {
    const manifest = await loadManifest(options.manifestPath);
    return new ModelStore({ manifest, dir: modelsDir(options.appHome), ...(options.bundledDir !== undefined && { bundledDir: options.bundledDir }) });
  }

  /** Every manifest model and every trusted one, with what is on disk (sizes only, no hashing). */
  async list(): Promise<ModelListing[]> {
    const out: ModelListing[] = [];
    for (const entry of this.manifest.models) {
      out.push(await this.describe(entry.name, entry.file, entry.bytes, entry.sha256, 'manifest', { entry }));
    }
    for (const trust of readTrusted(this.dir)) {
      out.push(await this.describe(trust.name, trust.file, trust.bytes, trust.sha256, 'trusted', { trust }));
    }
    return out;
  }

  private async describe(name: string, file: string, bytes: number, sha256: string, origin: ModelOrigin, extra: { entry?: ModelEntry; trust?: TrustRecord }): Promise<ModelListing> {
    const base = { name, file, bytes, sha256, origin, ...extra };
    const own = path.join(this.dir, file);
    const ownSize = await fileSize(own);
    if (ownSize !== undefined) {
      return { ...base, status: ownSize === bytes ? 'installed' : 'damaged', path: own };
    }
    const bundled = origin === 'manifest' ? this.bundledPath(file) : undefined;
    const bundledSize = bundled === undefined ? undefined : await fileSize(bundled);
    if (bundled !== undefined && bundledSize !== undefined) {
      return { ...base, status: bundledSize === bytes ? 'bundled' : 'damaged', path: bundled };
    }
    const partial = await fileSize(this.partPath(file));
    return partial === undefined ? { ...base, status: 'available' } : { ...base, status: 'partial', partialBytes: partial };
  }

  /**
   * The model to run, by name ("base.en") or by path to a file. A name must be installed with
   * the right size; a path is hashed and must match the manifest or a trusted record. The engine
   * verifies the returned sha256 before first use and the structure before every use.
   */
  async resolve(nameOrPath: string): Promise<ResolvedModel> {
    if (nameOrPath.includes('/') || nameOrPath.includes(path.sep)) {
      return this.resolvePath(path.resolve(nameOrPath));
    }
    const known = this.lookup(nameOrPath);
    for (const candidate of this.candidates(known.file, known.origin)) {
      const size = await fileSize(candidate.path);
      if (size === undefined) {
        continue;
      }
      if (size !== known.bytes) {
        throw new ModelError(
          size < known.bytes ? 'truncated' : 'corrupt',
          `The installed model ${known.name} (${candidate.path}) has ${size} bytes instead of ${known.bytes}: it is ${size < known.bytes ? 'incomplete' : 'damaged'}. Delete it and download or import it again.`,
        );
      }
      return { ...known, path: candidate.path, readOnly: candidate.readOnly };
    }
    throw new ModelError('not-installed', `The transcription model ${known.name} is not installed. Download it with "callvault models download ${known.name}", or import a copy with "callvault models import FILE".`);
  }

  private async resolvePath(file: string): Promise<ResolvedModel> {
    const bytes = await fileSize(file);
    if (bytes === undefined) {
      throw new ModelError('not-installed', `There is no model file at ${file}.`);
    }
    const sha256 = await sha256File(file);
    const known = this.bySha256(sha256);
    if (known === undefined) {
      throw unknownModelFile(file, sha256);
    }
    return { ...known, path: file, readOnly: true };
  }

  /** Structure walk and full sha256 of an installed model against the manifest or its trust record. */
  async verify(name: string, signal?: AbortSignal): Promise<VerifiedModel> {
    const model = await this.resolve(name);
    const info = await asModelError(model.name, () => inspectModelFile(model.path));
    const actual = await sha256File(model.path, signal);
    if (actual !== model.sha256) {
      throw new ModelError(
        'checksum-mismatch',
        `The installed model ${model.name} (${model.path}) does not match its ${model.origin === 'manifest' ? 'published' : 'trusted'} checksum (sha256): it was changed or damaged after it was installed. ${model.readOnly ? 'Reinstall CallVault.' : `Delete it ("callvault models delete ${model.name}") and download or import it again.`}`,
      );
    }
    return { ...model, info };
  }

  /** Removes an installed model (and any partial download of it). Bundled models are read-only. */
  async delete(name: string): Promise<{ name: string; removed: string[] }> {
    const known = this.lookup(name);
    await mkdir(this.dir, { recursive: true });
    return withFileLock(this.dir, known.file, known.name, async () => {
      const removed: string[] = [];
      for (const file of [path.join(this.dir, known.file), this.partPath(known.file)]) {
        if ((await fileSize(file)) !== undefined) {
          await rm(file, { force: true });
          removed.push(file);
        }
      }
      if (known.origin === 'trusted') {
        writeTrusted(this.dir, readTrusted(this.dir).filter((t) => t.name !== known.name));
      }
      if (removed.length === 0) {
        const bundled = this.bundledPath(known.file);
        if (bundled !== undefined && (await fileSize(bundled)) !== undefined) {
          throw new ModelError('read-only', `The model ${known.name} is bundled with CallVault (${bundled}) and cannot be deleted.`);
        }
        if (known.origin === 'manifest') {
          throw new ModelError('not-installed', `The model ${known.name} is not installed, so there is nothing to delete.`);
        }
      }
      return { name: known.name, removed };
    });
  }

  /**
   * Imports a model file from disk (for machines that cannot download); see model-import.ts.
   * A file no manifest entry or trust record vouches for is refused unless `trust` is given.
   */
  importModel(source: string, options: ImportOptions = {}): Promise<ImportResult> {
    return importModelFile({ manifest: this.manifest, dir: this.dir, freeDisk: this.freeDisk, now: this.now }, source, options);
  }

  /**
   * Downloads a manifest model (the only network use of this store), resuming a partial
   * download, and installs it once size, sha256 and structure check out.
   */
  async download(name: string, options: DownloadOptions = {}): Promise<{ name: string; path: string; alreadyInstalled: boolean }> {
    const entry = findEntry(this.manifest, name);
    if (entry === undefined) {
      const trusted = readTrusted(this.dir).find((t) => t.name === normalizeModelName(name));
      throw new ModelError(
        'not-in-manifest',
        trusted === undefined ? `There is no model called ${name} to download. ${this.knownNames()}` : `The model ${trusted.name} is a file trusted on this machine and has no download; import it again instead.`,
      );
    }
    const final = path.join(this.dir, entry.file);
    if ((await fileSize(final)) === entry.bytes) {
      return { name: entry.name, path: final, alreadyInstalled: true };
    }
    ensureMemoryFor(entry, { totalBytes: this.totalMemory });
    await mkdir(this.dir, { recursive: true });
    return withFileLock(this.dir, entry.file, entry.name, async () => {
      const part = this.partPath(entry.file);
      const have = (await fileSize(part)) ?? 0;
      await ensureDiskSpace(this.dir, Math.max(0, entry.bytes - have), `the model ${entry.name} (${formatBytes(entry.bytes)})`, this.freeDisk);
      await downloadToPart(entry, part, options);
      await installAtomically(part, final);
      return { name: entry.name, path: final, alreadyInstalled: false };
    });
  }

  private lookup(raw: string): { name: string; file: string; bytes: number; sha256: string; origin: ModelOrigin; memoryBytes?: number } {
    const entry = findEntry(this.manifest, raw);
    if (entry !== undefined) {
      return { name: entry.name, file: entry.file, bytes: entry.bytes, sha256: entry.sha256, origin: 'manifest', memoryBytes: entry.memoryBytes };
    }
    const trusted = readTrusted(this.dir).find((t) => t.name === normalizeModelName(raw));
    if (trusted !== undefined) {
      return { name: trusted.name, file: trusted.file, bytes: trusted.bytes, sha256: trusted.sha256, origin: 'trusted' };
    }
    throw new ModelError('not-in-manifest', `There is no model called ${raw}. ${this.knownNames()}`);
  }

  private bySha256(sha256: string): Omit<ResolvedModel, 'path' | 'readOnly'> | undefined {
    const entry = this.manifest.models.find((m) => m.sha256 === sha256);
    if (entry !== undefined) {
      return { name: entry.name, sha256, bytes: entry.bytes, origin: 'manifest', memoryBytes: entry.memoryBytes };
    }
    const trusted = readTrusted(this.dir).find((t) => t.sha256 === sha256);
    return trusted && { name: trusted.name, sha256, bytes: trusted.bytes, origin: 'trusted' };
  }

  private knownNames(): string {
    return `Known models: ${this.manifest.models.map((m) => m.name).join(', ')}.`;
  }

  private candidates(file: string, origin: ModelOrigin): { path: string; readOnly: boolean }[] {
    const bundled = origin === 'manifest' ? this.bundledPath(file) : undefined;
    return [{ path: path.join(this.dir, file), readOnly: false }, ...(bundled === undefined ? [] : [{ path: bundled, readOnly: true }])];
  }

  private bundledPath(file: string): string | undefined {
    return this.bundledDir === undefined ? undefined : path.join(this.bundledDir, file);
  }

  private partPath(file: string): string {
    return path.join(this.dir, `${file}.part`);
  }
}
