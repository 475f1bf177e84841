// Summary drafting (issue #16): draft time for a 30-minute and a 2-hour transcript with the
// extractive drafter and with the model drafter on the tiny random-weight GGUF the tests generate
// (tests/helpers/tiny-gguf.ts; its answers are noise, the time is the engine's), and tokens per
// second (prompt tokens evaluated plus tokens generated) of our process (a forked worker, IPC,
// grammar per chunk) against node-llama-cpp called directly in this process.
//
// The overhead comparison is made fair: the same prompts and grammars (a BENCH_OVERHEAD_MINUTES
// call, 10 minutes by default), the same thread count (1), context size and token cap, each side
// timed from a loaded model to the last answer (model loading excluded on both sides), and the
// two interleaved A B A B ... for BENCH_ROUNDS rounds (5 by default) so that the load of a shared
// machine falls on both alike; the figure is the median of the per-round ratios ours/direct, with
// the load average before and after. BENCH_SIZES (default "30min,2h"; "none" to skip) picks the
// draft-time runs. Generation is capped at BENCH_TOKENS tokens a chunk.
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
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const OVERHEAD_MINUTES = Number(process.env.BENCH_OVERHEAD_MINUTES ?? 10);
const SIZES = (process.env.BENCH_SIZES ?? '30min,2h').split(',');
const THREADS = 1;
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

const figures: Record<string, unknown> = { tokensPerChunkCap: TOKENS, chunkChars: CHUNK_CHARS, model: 'tiny random llama (2 blocks, 64 wide, char vocabulary)' };
/** node-llama-cpp called directly in this process: tokens per second from a loaded model to the last answer. */
async function directRun(prompts: readonly { prompt: string; schema: ReturnType<typeof chunkSchema> }[]): Promise<number> {
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.disabled });
  const loaded = await llama.loadModel({ modelPath });
  const context = await loaded.createContext({ contextSize: CONTEXT, threads: THREADS });
  const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
  let tokens = 0;
  const started = performance.now();
  for (const { prompt, schema } of prompts) {
    const grammar = await llama.createGrammarForJsonSchema(schema);
    const text = await completion.generateCompletion(prompt, { grammar, maxTokens: TOKENS });
    tokens += loaded.tokenize(text).length + loaded.tokenize(prompt).length;
  }
  const rate = tokens / ((performance.now() - started) / 1000);
  await llama.dispose();
  return rate;
}

/** Our process (forked worker, IPC, grammar per chunk in the worker): tokens per second from its "loaded" message to the last answer. */
async function oursRun(prompts: readonly { prompt: string; schema: unknown }[]): Promise<number> {
  const engine = new LlamaSummaryEngine({ modelPath, modelName: 'tiny', knownSha256: new Set([sha]), chunkChars: CHUNK_CHARS, contextSize: CONTEXT, maxTokens: TOKENS, threads: THREADS });
  let loadedAt = 0;
  const run = await engine.runPrompts(prompts, { onProgress: (p) => { if (p.chunk === 0) { loadedAt = performance.now(); } } });
  return (run.tokens + run.promptTokens) / ((performance.now() - loadedAt) / 1000);
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

{
  const segments = transcript(OVERHEAD_MINUTES);
  const chunks = chunkSegments(segments, CHUNK_CHARS);
  const prompts = chunks.map((c, i) => ({ prompt: chunkPrompt(c, i + 1, chunks.length), schema: chunkSchema(c) }));
  figures.load_average_before = os.loadavg().map((l) => round(l));
  // One unmeasured run of each first (page cache, JIT, the worker's tsx compile cache).
  await directRun(prompts.slice(0, 1));
  await oursRun(prompts.slice(0, 1));
  const ratios: number[] = [];
  const direct: number[] = [];
  const ours: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    direct.push(await directRun(prompts));
    ours.push(await oursRun(prompts));
    ratios.push(ours.at(-1)! / direct.at(-1)!);
  }
  figures.overhead_call_minutes = OVERHEAD_MINUTES;
  figures.overhead_chunks = chunks.length;
  figures.overhead_rounds = ROUNDS;
  figures.overhead_threads = THREADS;
  figures.direct_tokens_per_s = direct.map((r) => round(r));
  figures.ours_tokens_per_s = ours.map((r) => round(r));
  figures.ratio_ours_over_direct = ratios.map((r) => round(r, 3));
  figures.median_ratio = round(median(ratios), 3);
  figures.median_overhead_percent = round((1 - median(ratios)) * 100, 1);
  figures.load_average_after = os.loadavg().map((l) => round(l));
}

for (const [name, minutes] of ([['30min', 30], ['2h', 120]] as const).filter(([n]) => SIZES.includes(n))) {
  const segments = transcript(minutes);
  const t0 = performance.now();
  const extractive = draftExtractive(segments);
  figures[`extractive_${name}_ms`] = round(performance.now() - t0);
  figures[`extractive_${name}_items`] = extractive.items.length;

  const chunks = chunkSegments(segments, CHUNK_CHARS);
  const prompts = chunks.map((c, i) => ({ prompt: chunkPrompt(c, i + 1, chunks.length), schema: chunkSchema(c) }));
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
  figures[`model_${name}_worker_peak_rss_mb`] = round(workerPeak / 2 ** 20);
}
figures.bench_process_peak_rss_mb = round(process.resourceUsage().maxRSS / 1024);
fs.rmSync(dir, { recursive: true, force: true });
report('summary', figures);
