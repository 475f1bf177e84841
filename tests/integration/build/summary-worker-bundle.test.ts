// The summary engine's worker in the built app: a real `electron-vite build` of the main process
// (the project's electron.vite.config.ts, resolved by electron-vite, built by Vite into a scratch
// folder inside the checkout so node_modules resolves as it does beside out/) emits the worker as
// its own entry, where the main process looks for it (bundledSummaryWorker), importing nothing but
// node-llama-cpp and Node's own modules; and that built file, run by plain Node without the
// TypeScript loader, drafts through the real loader with a generated model.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkPrompt, chunkSchema, chunkSegments, parseModelOutput, type SummarySegment } from '../../../src/core/summary';
import { LlamaSummaryEngine } from '../../../src/platform/summary/llama-summary-engine';
import { bundledSummaryWorker, SUMMARY_WORKER_BUNDLE } from '../../../src/platform/summary/worker-location';
import { tinyGguf } from '../../helpers/tiny-gguf';

const repo = path.resolve(import.meta.dirname, '../../..');
let scratch = '';
let mainDir = '';

beforeAll(async () => {
  fs.mkdirSync(path.join(repo, '.tmp'), { recursive: true });
  scratch = fs.mkdtempSync(path.join(repo, '.tmp', 'summary-worker-build-'));
  mainDir = path.join(scratch, 'main');
  const resolved = await resolveConfig({ configFile: path.join(repo, 'electron.vite.config.ts'), logLevel: 'warn' }, 'build', 'production');
  const main = resolved.config?.main;
  if (main === undefined) {
    throw new Error('electron.vite.config.ts has no main build');
  }
  await build({ ...main, logLevel: 'warn', build: { ...main.build, outDir: mainDir, emptyOutDir: true } });
}, 240_000);

afterAll(() => {
  if (scratch !== '') {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});

describe('the summary worker in the Electron build', () => {
  it('is an entry of the main build, beside index.js where the main process looks, importing only node-llama-cpp', () => {
    const entry = bundledSummaryWorker(mainDir);
    expect(entry).toEqual({ path: path.join(mainDir, SUMMARY_WORKER_BUNDLE), execArgv: [] });
    expect(fs.existsSync(path.join(mainDir, 'index.js'))).toBe(true);
    const code = fs.readFileSync(entry.path, 'utf8');
    const imports = [...code.matchAll(/^import\s.*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.every((name) => name === 'node-llama-cpp' || name?.startsWith('node:'))).toBe(true);
    expect(code).not.toMatch(/\bimport\s*\(|require\(/);
    // The main bundle names the file it starts (electron/main/summary-worker-process.ts).
    expect(fs.readFileSync(path.join(mainDir, 'index.js'), 'utf8')).toContain(`"${SUMMARY_WORKER_BUNDLE}"`);
  });

  it('runs as built, without the TypeScript loader, and drafts through the real loader', async () => {
    const model = tinyGguf({ seed: 16 });
    const file = path.join(scratch, 'tiny.gguf');
    fs.writeFileSync(file, model);
    const segments: SummarySegment[] = Array.from({ length: 6 }, (_, i) => ({ index: i, speaker: i % 2 === 0 ? 'rep' : 'customer', startMs: i * 5000, text: "I'll send the revised quote by Friday." }));
    const engine = new LlamaSummaryEngine({ modelPath: file, modelName: 'tiny-random', knownSha256: new Set([createHash('sha256').update(model).digest('hex')]), worker: bundledSummaryWorker(mainDir), maxTokens: 48 });
    const chunk = chunkSegments(segments, 6000);
    const run = await engine.runPrompts([{ prompt: chunkPrompt(chunk[0]!, 1, 1), schema: chunkSchema(chunk[0]!) }]);
    expect(run.texts).toHaveLength(1);
    expect(run.promptTokens).toBeGreaterThan(0);
    // Held to the schema by the grammar: it parses (an answer cut at the token cap would throw).
    expect(() => parseModelOutput(run.texts[0] ?? '')).not.toThrow();
  }, 120_000);
});
