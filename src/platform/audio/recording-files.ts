import fs from 'node:fs';
import path from 'node:path';
import { fsyncDirectory } from '../vault/atomic-file';

const RECORDINGS_DIR = 'recordings';
const EXTENSION = '.cvaf';
const FILE_NAME = /^[0-9a-f-]{36}\.cvaf$/i;

/**
 * Where a vault's recording files live and how they are made and removed: one sealed chunk file
 * per recording, `<vault>/recordings/<id>.cvaf`, owner-only. The file's contents are
 * `chunk-file.ts`'s business; this module only knows names and the directory.
 */
export class RecordingFiles {
  readonly dir: string;

  constructor(vaultDir: string) {
    this.dir = path.join(vaultDir, RECORDINGS_DIR);
  }

  fileName(recordingId: string): string {
    return `${recordingId}${EXTENSION}`;
  }

  pathOf(recordingId: string): string {
    return path.join(this.dir, this.fileName(recordingId));
  }

  /** Creates the directory (owner-only) for a new vault. */
  createDir(): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Makes a newly created file's directory entry durable. */
  syncDir(): void {
    fsyncDirectory(this.dir);
  }

  /** Removes one recording's file, if it exists. */
  remove(recordingId: string): void {
    fs.rmSync(this.pathOf(recordingId), { force: true });
  }

  /** DANGEROUS: removes every recording file; only for undoing a vault creation that failed. */
  removeAll(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Ids of the recording files present (by name), whatever the database says. */
  listIds(): string[] {
    if (!fs.existsSync(this.dir)) {
      return [];
    }
    return fs
      .readdirSync(this.dir, { withFileTypes: true })
      .filter((e) => e.isFile() && FILE_NAME.test(e.name))
      .map((e) => e.name.slice(0, -EXTENSION.length));
  }
}
