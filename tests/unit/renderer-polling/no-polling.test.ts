// The renderer hears changes as events; it never asks again on a timer. eslint.config.js forbids
// setInterval in src/renderer and setTimeout in its features outside a short allow-list of timers
// that are not polls; this test proves the rule bites (a poll written into a feature file fails
// lint) and that the allow-list holds only those timers.
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
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

  it('lint fails a feature that re-reads a contract method on a timer', { timeout: 120_000 }, async () => {
    const eslint = new ESLint({ cwd: root });
    const file = path.join(root, 'src/renderer/features/models/use-models.ts');
    const poll = `${fs.readFileSync(file, 'utf8')}\nexport function poll(): () => void {\n  const timer = window.setInterval(() => { useModels(); }, 1000);\n  const again = setTimeout(() => { useModels(); }, 1000);\n  return () => { window.clearInterval(timer); clearTimeout(again); };\n}\n`;
    const [result] = await eslint.lintText(poll, { filePath: file });
    const restricted = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
    expect(restricted).toEqual([expect.stringMatching(/^No polling in the renderer/), expect.stringMatching(/^No timed re-reads in features/)]);
    // The file as it is passes the same rule.
    const [clean] = await eslint.lintFiles([file]);
    expect(clean?.messages.filter((m) => m.ruleId === 'no-restricted-syntax')).toEqual([]);
  });
});
