// Everything in src/app reads the time from the one injected Clock (made in compose.ts), so
// retention, holds and expiry can be tested over simulated years (see
// tests/integration/calls/simulated-clock.test.ts). eslint.config.js forbids the wall clock there
// (`npm run lint` enforces it); this test scans the sources for the same thing, so a stray
// `Date.now()` fails the test suite as well.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Comments may name what is forbidden; code may not use it. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const WALL_CLOCK = [
  /\bDate\s*\.\s*now\b/, // Date.now(), or passed along as `now: Date.now`
  /\bDate\s*\[/, // Date['now']
  /\bnew\s+Date\s*(\(\s*\)|[;,)\]}\n])/, // new Date() and new Date
  /\b(globalThis|global|window|self)\s*\.\s*Date\b/,
];

describe('one clock in src/app', () => {
  it('has no code in src/app that reads the wall clock', () => {
    const offenders = sources(path.join(root, 'src', 'app')).flatMap((file) => {
      const text = code(fs.readFileSync(file, 'utf8'));
      return WALL_CLOCK.filter((pattern) => pattern.test(text)).map((pattern) => `${path.relative(root, file)}: ${String(pattern)}`);
    });
    expect(offenders).toEqual([]);
  });

  it('would notice each way of reading it', () => {
    const samples = ['const t = Date.now();', 'f({ now: Date.now })', "Date['now']()", 'new Date()', 'x = new Date;', 'new globalThis.Date(0)'];
    expect(samples.filter((sample) => !WALL_CLOCK.some((pattern) => pattern.test(code(sample))))).toEqual([]);
    expect(['new Date(at)', 'Date.parse(day)', 'performance.now()', '// not Date.now() here'].filter((sample) => WALL_CLOCK.some((pattern) => pattern.test(code(sample))))).toEqual([]);
  });
});
