/**
 * The summary (GGUF) models on this machine: `<appHome>/summary-models/`, beside the whisper
 * models and like them outside every vault. A file is used only when its sha256 is in the shipped
 * manifest (resources/summary-models/manifest.json) or in this directory's trust list, which an
 * admin extends by importing a file with trust (audited in the admin's vault). Downloads reuse
 * the whisper download path (resume with Range, https only, sha256 before install); nothing lands
 * under its final name before its hash and GGUF header are checked.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { downloadToPart, type DownloadOptions } from '../models/model-download';
import { ModelError } from '../models/model-error';
import { copyHashing, fileSize, installAtomically, withFileLock } from '../models/model-store-io';
import { readTrustList, trustRecordSchema, writeTrustList, type TrustList } from '../models/trusted-models';
import { readSummaryManifest, SummaryModelError, type SummaryManifestEntry } from './summary-model-check';

export const SUMMARY_MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const GGUF_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,126}\.gguf$/;

const trustRecord = trustRecordSchema(SUMMARY_MODEL_NAME, GGUF_FILE);
export type SummaryTrustRecord = z.infer<typeof trustRecord>;
const SUMMARY_TRUST_LIST: TrustList<SummaryTrustRecord> = { file: 'trusted-summary-models.json', record: trustRecord, what: 'summary model' };

export type SummaryModelStatus = 'installed' | 'partial' | 'available' | 'damaged';

export interface SummaryModelListing {
  readonly name: string;
  readonly file: string;
  readonly sha256: string;
  /** Null when the manifest has no exact size yet (then it cannot be downloaded, only imported). */
  readonly bytes: number | null;
  readonly origin: 'manifest' | 'trusted';
  readonly status: SummaryModelStatus;
  readonly path: string | null;
  readonly partialBytes: number | null;
  readonly parameters: string | null;
  readonly quantisation: string | null;
  readonly trustedBy: string | null;
}

/** Permission to trust a file no manifest lists: the caller checked the admin role; `audit` runs before anything is installed. */
export interface SummaryTrustGrant {
  readonly by: { readonly profileId: string };
  readonly roleChecked: 'admin';
  readonly audit: (record: SummaryTrustRecord) => void;
}

export interface InstalledSummaryModel {
  readonly name: string;
  readonly path: string;
  readonly sha256: string;
}

export function defaultSummaryManifestPath(resourcesDir?: string): string {
  const base = resourcesDir ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources');
  return path.join(base, 'summary-models', 'manifest.json');
}

export function summaryModelsDir(appHome: string): string {
  return path.join(appHome, 'summary-models');
}

async function isGguf(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head.toString('latin1') !== 'GGUF') {
      throw new SummaryModelError('corrupt', 'The file is not a GGUF model (damaged or the wrong file). Nothing was installed.');
    }
  } finally {
    await handle.close();
  }
}

export class SummaryModelStore {
  constructor(
    readonly manifest: readonly SummaryManifestEntry[],
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  static open(appHome: string, manifestPath: string = defaultSummaryManifestPath(), now?: () => Date): SummaryModelStore {
    return new SummaryModelStore(readSummaryManifest(manifestPath), summaryModelsDir(appHome), now);
  }

  trusted(): SummaryTrustRecord[] {
    return readTrustList(this.dir, SUMMARY_TRUST_LIST);
  }

  /** Every sha256 a summary model may have: the manifest's and the trusted ones. */
  knownSha256(): Set<string> {
    return new Set([...this.manifest.map((m) => m.sha256), ...this.trusted().map((t) => t.sha256)]);
  }

  async list(): Promise<SummaryModelListing[]> {
    const rows: SummaryModelListing[] = [];
    for (const m of this.manifest) {
      rows.push(await this.describe({ name: m.name, file: m.file, sha256: m.sha256, bytes: m.sizeBytes, origin: 'manifest', parameters: m.parameters, quantisation: m.quantisation, trustedBy: null }));
    }
    for (const t of this.trusted()) {
      rows.push(await this.describe({ name: t.name, file: t.file, sha256: t.sha256, bytes: t.bytes, origin: 'trusted', parameters: null, quantisation: null, trustedBy: t.trustedBy.profileId }));
    }
    return rows;
  }

  private async describe(base: Omit<SummaryModelListing, 'status' | 'path' | 'partialBytes'>): Promise<SummaryModelListing> {
    const own = path.join(this.dir, base.file);
    const size = await fileSize(own);
    if (size !== undefined) {
      // Sizes only here; the engine hashes the whole file against the known sha256 before every load.
      return { ...base, status: base.bytes === null || size === base.bytes ? 'installed' : 'damaged', path: own, partialBytes: null };
    }
    const partial = await fileSize(this.partPath(base.file));
    return { ...base, status: partial === undefined ? 'available' : 'partial', path: null, partialBytes: partial ?? null };
  }

  /** The first installed model (manifest order, then trusted), or undefined. The engine verifies its hash before loading. */
  async installed(): Promise<InstalledSummaryModel | undefined> {
    const found = (await this.list()).find((m) => m.status === 'installed' && m.path !== null);
    return found && found.path !== null ? { name: found.name, path: found.path, sha256: found.sha256 } : undefined;
  }

  /**
   * Imports a GGUF file: copied under a temporary name (hashed on the way), matched by sha256
   * against the manifest or the trust list, or trusted with `trust` (audited first), then renamed
   * into place. An unknown file without trust, or a file named like a manifest model with other
   * bytes, is refused and nothing is installed.
   */
  async importFile(source: string, options: { readonly name?: string | undefined; readonly trust?: SummaryTrustGrant | undefined } = {}): Promise<{ name: string; path: string; sha256: string; origin: 'manifest' | 'trusted'; trusted: boolean }> {
    if ((await fileSize(source).catch(() => undefined)) === undefined) {
      throw new ModelError('unreadable', `Cannot read the model file ${source}: it does not exist or is not a file.`);
    }
    await mkdir(this.dir, { recursive: true });
    const temp = path.join(this.dir, `.import-${randomBytes(6).toString('hex')}.tmp`);
    try {
      const copied = await copyHashing(source, temp);
      await isGguf(temp);
      const byHash = this.manifest.find((m) => m.sha256 === copied.sha256);
      const known = this.trusted().find((t) => t.sha256 === copied.sha256);
      let target: { name: string; file: string; origin: 'manifest' | 'trusted'; grant?: SummaryTrustRecord };
      if (byHash !== undefined) {
        if (byHash.sizeBytes !== null && byHash.sizeBytes !== copied.bytes) {
          throw new ModelError('checksum-mismatch', `${source} has the sha256 of ${byHash.name} but not its size. Nothing was installed.`);
        }
        target = { name: byHash.name, file: byHash.file, origin: 'manifest' };
      } else if (known !== undefined) {
        target = { name: known.name, file: known.file, origin: 'trusted' };
      } else {
        const byName = this.manifest.find((m) => m.name === options.name || m.file === path.basename(source));
        if (byName !== undefined) {
          throw new ModelError('checksum-mismatch', `${source} is not the published model ${byName.name}: its sha256 is ${copied.sha256}, the manifest says ${byName.sha256}. It is damaged or a different model. Nothing was installed.`);
        }
        if (options.trust === undefined) {
          throw new ModelError('not-in-manifest', `${source} matches no summary model in the manifest (its sha256 is ${copied.sha256}). Nothing was installed. If your organisation has vetted this file, an administrator can trust it: callvault summary models import FILE --trust.`);
        }
        const name = (options.name ?? path.basename(source, '.gguf')).toLowerCase();
        if (!SUMMARY_MODEL_NAME.test(name) || this.manifest.some((m) => m.name === name) || this.trusted().some((t) => t.name === name)) {
          throw new ModelError('name-conflict', `"${name}" cannot be the name of a new summary model (taken, or not lower-case letters, digits, ".", "_" and "-"). Choose another with --name.`);
        }
        const grant: SummaryTrustRecord = { name, file: `${name}.gguf`, bytes: copied.bytes, sha256: copied.sha256, trustedAt: this.now().toISOString(), trustedBy: { profileId: options.trust.by.profileId } };
        options.trust.audit(grant);
        target = { name, file: grant.file, origin: 'trusted', grant };
      }
      return await withFileLock(this.dir, target.file, target.name, async () => {
        const final = path.join(this.dir, target.file);
        await installAtomically(temp, final);
        if (target.grant !== undefined) {
          const record = target.grant;
          writeTrustList(this.dir, SUMMARY_TRUST_LIST, [...this.trusted().filter((t) => t.name !== record.name), record]);
        }
        return { name: target.name, path: final, sha256: copied.sha256, origin: target.origin, trusted: target.grant !== undefined };
      });
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** The manifest entry a download would fetch; refused (before anything starts) for an unknown name or an entry without an exact size. */
  downloadable(name: string): SummaryManifestEntry & { readonly sizeBytes: number } {
    const entry = this.manifest.find((m) => m.name === name);
    if (entry === undefined) {
      throw new ModelError('not-in-manifest', `There is no summary model called ${name} to download. Known: ${this.manifest.map((m) => m.name).join(', ')}.`);
    }
    if (entry.sizeBytes === null) {
      throw new ModelError('download-failed', `The manifest has no exact size for ${entry.name} yet, so it cannot be downloaded safely. Download the file yourself from ${entry.url} and import it (callvault summary models import FILE); its sha256 is checked.`);
    }
    return { ...entry, sizeBytes: entry.sizeBytes };
  }

  /**
   * Reads an installed model whole and checks it against what it must be: a GGUF header, the
   * manifest's (or the trust record's) size and sha256. A mismatch is a `checksum-mismatch` error
   * naming both hashes; the file is left where it is for the rep to delete or replace.
   */
  async verify(name: string): Promise<{ name: string; path: string; sha256: string; bytes: number }> {
    const known = (await this.list()).find((m) => m.name === name);
    if (known === undefined) {
      throw new ModelError('not-in-manifest', `There is no summary model called ${name}. Known: ${(await this.list()).map((m) => m.name).join(', ')}.`);
    }
    if (known.path === null) {
      throw new ModelError('not-installed', `${name} is not installed, so there is nothing to verify. Download or import it first.`);
    }
    const found = await hashFile(known.path);
    if (found.bytes < 4 || found.head !== 'GGUF') {
      throw new ModelError('corrupt', `The installed ${name} (${known.path}) is not a GGUF model: it is damaged. Delete it and download or import it again.`);
    }
    if (found.sha256 !== known.sha256 || (known.bytes !== null && found.bytes !== known.bytes)) {
      throw new ModelError('checksum-mismatch', `The installed ${name} (${known.path}) does not match the ${known.origin === 'manifest' ? 'manifest' : 'trust record'}: its sha256 is ${found.sha256} (${String(found.bytes)} bytes), expected ${known.sha256}${known.bytes === null ? '' : ` (${String(known.bytes)} bytes)`}. It is damaged or was replaced, and it will not be used. Delete it and download or import it again.`);
    }
    return { name, path: known.path, sha256: found.sha256, bytes: found.bytes };
  }

  /** Removes an installed model's file and any partial download of it; false when there was neither. A trusted model stays trusted. */
  async delete(name: string): Promise<boolean> {
    const known = (await this.list()).find((m) => m.name === name);
    if (known === undefined) {
      throw new ModelError('not-in-manifest', `There is no summary model called ${name}.`);
    }
    return withFileLock(this.dir, known.file, known.name, async () => {
      const files = [path.join(this.dir, known.file), this.partPath(known.file)];
      const existed = await Promise.all(files.map(async (f) => (await fileSize(f)) !== undefined));
      await Promise.all(files.map((f) => rm(f, { force: true })));
      return existed.some(Boolean);
    });
  }

  /** Downloads a manifest model with resume (the whisper download path), installing it once its sha256 and GGUF header check out. */
  async download(name: string, options: DownloadOptions = {}): Promise<{ name: string; path: string; alreadyInstalled: boolean }> {
    const entry = this.downloadable(name);
    const bytes = entry.sizeBytes;
    const final = path.join(this.dir, entry.file);
    if ((await fileSize(final)) === bytes) {
      return { name: entry.name, path: final, alreadyInstalled: true };
    }
    await mkdir(this.dir, { recursive: true });
    return withFileLock(this.dir, entry.file, entry.name, async () => {
      const part = this.partPath(entry.file);
      await downloadToPart({ name: entry.name, file: entry.file, url: entry.url, bytes, sha256: entry.sha256 }, part, { ...options, inspect: isGguf });
      await installAtomically(part, final);
      return { name: entry.name, path: final, alreadyInstalled: false };
    });
  }

  private partPath(file: string): string {
    return path.join(this.dir, `${file}.part`);
  }
}

/** The file's size, sha256 and first four bytes, read once. */
async function hashFile(file: string): Promise<{ sha256: string; bytes: number; head: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let head = '';
  try {
    for await (const chunk of fs.createReadStream(file)) {
      const buffer = chunk as Buffer;
      if (bytes < 4) {
        head += buffer.subarray(0, 4 - bytes).toString('latin1');
      }
      bytes += buffer.length;
      hash.update(buffer);
    }
  } catch (cause) {
    throw new ModelError('unreadable', `Cannot read the summary model file ${file}. Check it is there and readable, or delete it and install the model again.`, { cause });
  }
  return { sha256: hash.digest('hex'), bytes, head };
}
