// The language-model drafter through node-llama-cpp's real loader, in its own process, with a
// tiny random-weight GGUF model the test writes itself: the output fits the schema, cancelling
// stops it, a killed engine is an error (the test process lives on), and a damaged, truncated or
// unknown model is refused.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkPrompt, chunkSchema, chunkSegments, DRAFT_SCHEMA, parseModelOutput, type SummarySegment } from '../../../src/core/summary';
import { LlamaSummaryEngine } from '../../../src/platform/summary/llama-summary-engine';
import { readSummaryManifest, SummaryModelError } from '../../../src/platform/summary/summary-model-check';
import { tempDir } from '../../helpers/temp-dir';
import { tinyGguf } from '../../helpers/tiny-gguf';

const model = tinyGguf({ seed: 11 });
const sha = createHash('sha256').update(model).digest('hex');
// Written once for the file (tempDir() folders are removed after each test).
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-tiny-gguf-')), 'tiny.gguf');
fs.writeFileSync(file, model);
afterAll(() => { fs.rmSync(path.dirname(file), { recursive: true, force: true }); });

const segments: SummarySegment[] = Array.from({ length: 24 }, (_, i) => ({
  index: i,
  speaker: i % 2 === 0 ? 'rep' : 'customer',
  startMs: i * 5000,
  text: i % 2 === 0 ? "I'll send the revised quote by Friday." : 'That might work if procurement is comfortable, my card is [CARD].',
}));

const engine = (over: Partial<ConstructorParameters<typeof LlamaSummaryEngine>[0]> = {}) =>
  new LlamaSummaryEngine({ modelPath: file, modelName: 'tiny-random', knownSha256: new Set([sha]), chunkChars: 1200, ...over });

async function refusal(promise: Promise<unknown>): Promise<SummaryModelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SummaryModelError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the model drafter in its own process', () => {
  it('answers every chunk of a long call with JSON that fits the schema, reporting progress per chunk', async () => {
    const progress: number[] = [];
    const chunks = chunkSegments(segments, 1200).length;
    expect(chunks).toBeGreaterThan(1);
    const run = await engine().runPrompts(
      chunkSegments(segments, 1200).map((c, i) => ({ prompt: chunkPrompt(c, i + 1, chunks), schema: chunkSchema(c) })),
      { onProgress: (p) => progress.push(p.fraction) },
    );
    expect(run.texts).toHaveLength(chunks);
    chunkSegments(segments, 1200).forEach((chunk, i) => {
      const items = parseModelOutput(run.texts[i] ?? '');
      expect(items.length).toBeLessThanOrEqual(DRAFT_SCHEMA.properties.items.maxItems);
      // Citations can only be the chunk's own segment numbers: the grammar allows no other.
      const own = new Set(chunk.map((s) => s.index));
      expect(items.flatMap((item) => item.citations).every((c) => own.has(c))).toBe(true);
    });
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(1);
    expect(run.tokens).toBeGreaterThan(0);
    // And the whole drafter: merged, parsed items (random words rarely survive the citation check later).
    const draft = await engine().draft(segments);
    expect(draft.model).toBe('tiny-random');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const started = engine({ maxTokens: 4000 }).runPrompts(['a', 'b', 'c', 'd', 'e', 'f'].map((prompt) => ({ prompt, schema: DRAFT_SCHEMA })), {
      signal: controller.signal,
      onProgress: (p) => { if (p.chunk === 0) { controller.abort(); } },
    });
    expect((await refusal(started)).detail).toBe('cancelled');
  });

  it('reports a killed engine as an error, and this process carries on', async () => {
    let pid = 0;
    const running = engine({ onSpawn: (p) => { pid = p; } }).runPrompts([{ prompt: 'y', schema: DRAFT_SCHEMA }], { onProgress: (p) => { if (p.chunk === 0) { process.kill(pid, 'SIGKILL'); } } });
    const error = await refusal(running);
    expect(error.detail).toBe('engine-crashed');
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('refuses a damaged, truncated or unknown model before loading it, and one the loader rejects', async () => {
    const dir = tempDir();
    const truncated = path.join(dir, 'truncated.gguf');
    fs.writeFileSync(truncated, model.subarray(0, model.length >> 1));
    const flipped = Buffer.from(model);
    flipped[flipped.length - 5]! ^= 0xff;
    const altered = path.join(dir, 'altered.gguf');
    fs.writeFileSync(altered, flipped);
    const notGguf = path.join(dir, 'not.gguf');
    fs.writeFileSync(notGguf, Buffer.from('PK\u0003\u0004 not a model'));
    expect((await refusal(engine({ modelPath: truncated }).draft(segments))).detail).toBe('unknown-model');
    expect((await refusal(engine({ modelPath: altered }).draft(segments))).detail).toBe('unknown-model');
    expect((await refusal(engine({ modelPath: notGguf }).draft(segments))).detail).toBe('corrupt');
    expect((await refusal(engine({ modelPath: path.join(dir, 'missing.gguf') }).draft(segments))).detail).toBe('not-installed');
    // Even a hash someone trusted cannot make a truncated file load: the engine says it is damaged.
    const truncatedSha = createHash('sha256').update(fs.readFileSync(truncated)).digest('hex');
    expect((await refusal(engine({ modelPath: truncated, knownSha256: new Set([truncatedSha]) }).draft(segments))).detail).toBe('corrupt');
  });
});

describe('the summary model manifest', () => {
  it('lists small instruct GGUF models, each with a full sha256, and the generated test model is not one of them', () => {
    const models = readSummaryManifest(path.join(import.meta.dirname, '../../../resources/summary-models/manifest.json'));
    expect(models.length).toBeGreaterThanOrEqual(3);
    for (const entry of models) {
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.file).toMatch(/\.gguf$/i);
    }
    expect(models.map((m) => m.sha256)).not.toContain(sha);
  });
});
