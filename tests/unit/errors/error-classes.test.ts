// Guards the one error model in the source tree: every error class CallVault defines extends
// CallVaultError (so it carries a code), and nothing tells errors apart by name or message text.
// (ESLint's no-restricted-syntax rule in eslint.config.js catches the latter as you type; this
// test catches it in a run that skips lint.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../../src');

/** Not domain errors: the base itself, and the CLI's own carrier of an exit code for usage errors. */
const EXTENDS_ERROR_ALLOWED = new Set(['shared/callvault-error.ts:CallVaultError', 'cli/cli-failure.ts:CliFailure']);

function sources(): { file: string; text: string }[] {
  return fs
    .readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      return { file: path.relative(SRC, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') };
    });
}

describe('the error model in src/', () => {
  it('has every error class extend CallVaultError', () => {
    const direct = sources().flatMap(({ file, text }) => [...text.matchAll(/class (\w+) extends (?:Error|TypeError|RangeError)\b/g)].map((m) => `${file}:${m[1] ?? ''}`));
    expect(direct.filter((c) => !EXTENDS_ERROR_ALLOWED.has(c))).toEqual([]);
  });

  it('never compares an error’s name or matches its message text', () => {
    const error = String.raw`\b(?:e|err|error|cause|reason|failure|exception)`;
    const patterns = [
      new RegExp(String.raw`${error}\.name\s*[!=]==?`),
      new RegExp(String.raw`${error}\.message\s*[!=]==?`),
      new RegExp(String.raw`\.test\(${error}\.message\b`),
      new RegExp(String.raw`${error}\.message\.(?:includes|startsWith|endsWith|match|search|indexOf)\(`),
    ];
    const hits = sources().flatMap(({ file, text }) => text.split('\n').flatMap((line, i) => (patterns.some((p) => p.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));
    expect(hits).toEqual([]);
  });
});
