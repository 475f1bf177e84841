import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh directory removed after the test. */
export function tempDir(prefix = 'callvault-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Every file under `dir`, recursively, with its bytes. */
export function allFiles(dir: string): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out.push({ file, bytes: fs.readFileSync(file) });
    }
  }
  return out;
}

/** sha256 of every file under `dir`, keyed by relative path: any changed, added or removed file shows. */
export function hashTree(dir: string): Record<string, string> {
  return Object.fromEntries(allFiles(dir).map(({ file, bytes }) => [path.relative(dir, file), createHash('sha256').update(bytes).digest('hex')]));
}
