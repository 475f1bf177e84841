// The renderer hears changes as events; it never asks again on a timer. eslint.config.js forbids
// setInterval in src/renderer and setTimeout in its features outside a short allow-list of timers
// that are not polls (`npm run lint` enforces it); this test scans the sources for the same thing,
// so a poll fails the test suite as well.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const ALLOWED = new Set([
  'src/renderer/features/consent/manual-notes.tsx', // autosave after typing stops
  'src/renderer/features/recording/capture-run.ts', // one tick before a released capture shuts down (React may remount)
  'src/renderer/features/recording/audio-pipeline.ts', // a deadline for the audio graph to flush
]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('no polling in the renderer', () => {
  it('has no setInterval, and setTimeout only in the allow-listed feature files', () => {
    const offenders = sources(path.join(root, 'src', 'renderer')).flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const relative = path.relative(root, file).split(path.sep).join('/');
      const interval = /\bsetInterval\s*\(/.test(text);
      const timeout = relative.startsWith('src/renderer/features/') && /\bsetTimeout\s*\(/.test(text) && !ALLOWED.has(relative);
      return interval || timeout ? [relative] : [];
    });
    expect(offenders).toEqual([]);
  });
});
