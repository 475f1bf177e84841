// Summary drafting (issue #16): draft time for a 30-minute and a 2-hour transcript with the
// extractive drafter and with the model drafter on the tiny random-weight GGUF the tests generate
// (tests/helpers/tiny-gguf.ts; its answers are noise, the time is the engine's), and tokens per
// second (prompt tokens evaluated plus tokens generated) of our process (a forked worker, IPC,
// grammar per chunk) against node-llama-cpp called directly in this process on the same prompts
// and grammars, in the same run (direct first, so ours does not get the warmer caches). Generation is capped
// at BENCH_TOKENS tokens a chunk so the run stays within about a minute on a shared 2-core box.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getLlama, LlamaCompletion, LlamaLogLevel } from 'node-llama-cpp';
import { chunkPrompt, chunkSchema, chunkSegments, draftExtractive, type SummarySegment } from '../src/core/summary';
import { LlamaSummaryEngine } from '../src/platform/summary/llama-summary-engine';
import { tinyGguf } from '../tests/helpers/tiny-gguf';
import { report, round } from './bench-util';
import { createHash } from 'node:crypto';

const TOKENS = Number(process.env.BENCH_TOKENS ?? 160);
const CHUNK_CHARS = 3000;
const CONTEXT = 8192;

const LINES = [
  ['rep', "Thanks for joining today, shall we walk through the rollout plan for the east region?"],
  ['customer', 'We need call recording that our compliance team can audit, and the price was too high with Gong.'],
  ['customer', 'How does the retention policy work for calls that were deleted?'],
  ['rep', "I'll send the revised quote for forty seats by Friday, with the security answers."],
  ['customer', 'That might work if procurement is comfortable with the data processing addendum.'],
  ['customer', 'We could probably add the support team later this year, depending on budget.'],
  ['rep', 'Understood. Our pricing is per seat and the pilot includes onboarding for your admins.'],
  ['customer', 'My card is [CARD] for the deposit, and legal will want to see the contract first.'],
] as const;

function transcript(minutes: number): SummarySegment[] {
  const count = Math.round((minutes * 60) / 5);
  return Array.from({ length: count }, (_, i) => {
    const [speaker, text] = LINES[i % LINES.length]!;
    return { index: i, speaker, startMs: i * 5000, text };
  });
}

function peakRss(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-summary-bench-'));
const model = tinyGguf({ seed: 5, contextLength: CONTEXT });
const modelPath = path.join(dir, 'tiny.gguf');
fs.writeFileSync(modelPath, model);
const sha = createHash('sha256').update(model).digest('hex');

let directRate = 0;
const figures: Record<string, unknown> = { tokensPerChunkCap: TOKENS, chunkChars: CHUNK_CHARS, model: 'tiny random llama (2 blocks, 64 wide, char vocabulary)' };
for (const [name, minutes] of [['30min', 30], ['2h', 120]] as const) {
  const segments = transcript(minutes);
  const t0 = performance.now();
  const extractive = draftExtractive(segments);
  figures[`extractive_${name}_ms`] = round(performance.now() - t0);
  figures[`extractive_${name}_items`] = extractive.items.length;

  const chunks = chunkSegments(segments, CHUNK_CHARS);
  const prompts = chunks.map((c, i) => ({ prompt: chunkPrompt(c, i + 1, chunks.length), schema: chunkSchema(c) }));
  if (name === '30min') {
    // node-llama-cpp directly, in this process, same prompts, grammars, caps and threads.
    const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.disabled });
    const loaded = await llama.loadModel({ modelPath });
    const context = await loaded.createContext({ contextSize: CONTEXT, threads: 1 });
    const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
    let tokens = 0;
    let promptTokens = 0;
    const t2 = performance.now();
    for (const { prompt, schema } of prompts) {
      const grammar = await llama.createGrammarForJsonSchema(schema);
      const text = await completion.generateCompletion(prompt, { grammar, maxTokens: TOKENS });
      tokens += loaded.tokenize(text).length;
      promptTokens += loaded.tokenize(prompt).length;
    }
    directRate = (tokens + promptTokens) / ((performance.now() - t2) / 1000);
    figures.direct_30min_tokens_per_s = round(directRate);
    figures.direct_30min_generated = tokens;
    await llama.dispose();
  }
  let workerPid = 0;
  let workerPeak = 0;
  const sampler = setInterval(() => { workerPeak = Math.max(workerPeak, peakRss(workerPid)); }, 100);
  let loadedAt = 0;
  const engine = new LlamaSummaryEngine({ modelPath, modelName: 'tiny', knownSha256: new Set([sha]), chunkChars: CHUNK_CHARS, contextSize: CONTEXT, maxTokens: TOKENS, threads: 1, onSpawn: (pid) => { workerPid = pid; } });
  const t1 = performance.now();
  const run = await engine.runPrompts(prompts, { onProgress: (p) => { if (p.chunk === 0) { loadedAt = performance.now(); } } });
  const end = performance.now();
  clearInterval(sampler);
  figures[`model_${name}_chunks`] = chunks.length;
  figures[`model_${name}_ms`] = round(end - t1);
  figures[`model_${name}_tokens`] = run.tokens;
  const ours = (run.tokens + run.promptTokens) / ((end - loadedAt) / 1000);
  figures[`model_${name}_prompt_tokens`] = run.promptTokens;
  figures[`model_${name}_ours_tokens_per_s`] = round(ours);
  if (name === '30min') {
    figures.overhead_30min_percent = round((1 - ours / directRate) * 100);
  }
  figures[`model_${name}_worker_peak_rss_mb`] = round(workerPeak / 2 ** 20);
}
figures.bench_process_peak_rss_mb = round(process.resourceUsage().maxRSS / 1024);
fs.rmSync(dir, { recursive: true, force: true });
report('summary', figures);
