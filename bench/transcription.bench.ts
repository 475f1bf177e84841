// Transcription benchmarks: real-time factor of our engine (callvault-whisper runner + the
// TypeScript adapter) against whisper.cpp's own whisper-cli, built from the same source with the
// same flags (scripts/build-whisper.sh), on the same models and the same two-channel call.
//
// Models are random-weight with tiny.en and base.en dimensions (tools/gen-ggml-model.ts). A
// random model never says "end of text", so its text context is set to 256: each 30 s window then
// decodes 124 tokens, about what dense real speech produces (the real 448 would decode 220).
// Decoding is greedy, no temperature fallback, no prompt carried over, token timestamps on, in
// both engines (whisper-cli: -bs 1 -bo 1 -nf -mc 0 -ojf).
//
// Figures: wall time per call (model load included, both channels one after the other), RTF =
// wall / call length, overhead = ours / whisper-cli (VAD off, so both hear every sample),
// linearity = time(600 s) / time(60 s), peak RSS of the engine process.
//
//   npm run bench -- transcription            60 s call, 3 rounds, plus one 600 s round (tiny)
//   ... -- transcription --quick               60 s call, 1 round, tiny only
//   ... -- transcription --long-only           the 600 s part (and the 60 s tiny run it is compared with)
//   ... -- transcription --long-matrix         60 s and 600 s, tiny and base, 1 and 2 threads, ours vs whisper-cli (VAD off), one round each
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateModel } from '../tools/gen-ggml-model';
import { transcribeCall } from '../src/core/transcription/transcribe-call';
import { encodeWav } from '../src/platform/audio/wav';
import { WhisperProcessEngine } from '../src/platform/transcription/whisper-process-engine';
import { median, report, round } from './bench-util';
import { conversation, peakRssOfChildren, type Call } from './transcription-bench-audio';

const quick = process.argv.includes('--quick');
const longOnly = process.argv.includes('--long-only');
const longMatrix = process.argv.includes('--long-matrix');
const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, '.cache', 'whisper', 'build-native', 'bin');
const RUNNER = path.join(bin, 'callvault-whisper');
const CLI = path.join(bin, 'whisper-cli');
for (const file of [RUNNER, CLI]) {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run bash scripts/build-whisper.sh first`);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-transcription-bench-'));
const modelDir = path.join(root, '.cache', 'bench-models');

function model(dims: 'tiny' | 'base'): string {
  const out = path.join(modelDir, `whisper-${dims}-f16-ctx256-seed1.bin`);
  if (!fs.existsSync(out)) {
    generateModel({ dims, ftype: 'f16', vocab: 'en', seed: 1, textCtx: 256, out });
  }
  return out;
}

interface RunFigures {
  readonly wallMs: number;
  readonly tokens: number;
  readonly peakRssMb: number;
}

async function runOurs(modelPath: string, call: Call, threads: number, vad: boolean): Promise<RunFigures> {
  const engine = new WhisperProcessEngine({ runnerPath: RUNNER, modelPath, ...(vad ? {} : { vad: false }) });
  const rss = peakRssOfChildren(RUNNER);
  const start = process.hrtime.bigint();
  const segments = await transcribeCall(engine, { rep: call.rep, customer: call.customer }, { threads });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { wallMs, tokens: segments.reduce((n, s) => n + s.tokens.length, 0), peakRssMb: rss.stop() };
}

function runCli(modelPath: string, call: Call, threads: number): RunFigures {
  let wallMs = 0;
  let tokens = 0;
  let peakRssMb = 0;
  for (const channel of [call.rep, call.customer]) {
    const wav = path.join(work, 'channel.wav');
    const out = path.join(work, 'cli-out');
    fs.writeFileSync(wav, encodeWav({ sampleRate: 16_000, channels: [channel] }));
    const args = ['-f', 'TIME %M', CLI, '-m', modelPath, '-f', wav, '-t', String(threads), '-l', 'en', '-bs', '1', '-bo', '1', '-nf', '-mc', '0', '-ojf', '-of', out, '-np'];
    const start = process.hrtime.bigint();
    const result = spawnSync('/usr/bin/time', args, { encoding: 'utf8', env: { GGML_NO_BACKTRACE: '1' } });
    wallMs += Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) {
      throw new Error(`whisper-cli failed: ${result.stderr.slice(-500)}`);
    }
    peakRssMb = Math.max(peakRssMb, Number(/TIME (\d+)/.exec(result.stderr)?.[1] ?? 0) / 1024);
    const json = JSON.parse(fs.readFileSync(`${out}.json`, 'utf8')) as { transcription: { tokens: { id: number }[] }[] };
    tokens += json.transcription.flatMap((s) => s.tokens).filter((t) => t.id < 50256).length;
  }
  return { wallMs, tokens, peakRssMb: Math.round(peakRssMb) };
}

type Config = { readonly name: string; readonly run: () => Promise<RunFigures> | RunFigures };

async function roundRobin(configs: readonly Config[], rounds: number): Promise<Map<string, RunFigures[]>> {
  const results = new Map<string, RunFigures[]>(configs.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r += 1) {
    for (const c of configs) {
      // Round-robin: contention from other processes on this machine hits every config alike.
      results.get(c.name)?.push(await c.run());
    }
  }
  return results;
}

function summary(runs: readonly RunFigures[], callSeconds: number): Record<string, number> {
  const walls = runs.map((r) => r.wallMs);
  return {
    runs: runs.length,
    minWallS: round(Math.min(...walls) / 1000),
    medianWallS: round(median(walls) / 1000),
    rtfMin: round(Math.min(...walls) / 1000 / callSeconds, 3),
    rtfMedian: round(median(walls) / 1000 / callSeconds, 3),
    tokens: runs[0]?.tokens ?? 0,
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}

async function matrix(): Promise<void> {
  const calls = { 60: conversation(60, work), 600: conversation(600, work) } as const;
  for (const dims of ['tiny', 'base'] as const) {
    const m = model(dims);
    for (const threads of [1, 2]) {
      const configs: Config[] = [];
      for (const seconds of [60, 600] as const) {
        configs.push({ name: `${seconds}-ours`, run: () => runOurs(m, calls[seconds], threads, false) });
        configs.push({ name: `${seconds}-cli`, run: () => runCli(m, calls[seconds], threads) });
      }
      const results = await roundRobin(configs, 1);
      const get = (name: string, seconds: number) => summary(results.get(name) ?? [], seconds);
      const [o60, c60, o600, c600] = [get('60-ours', 60), get('60-cli', 60), get('600-ours', 600), get('600-cli', 600)];
      report(`transcription-matrix-${dims}-t${threads}`, {
        ours60: o60,
        cli60: c60,
        ours600: o600,
        cli600: c600,
        overhead60: round((o60.minWallS ?? 0) / (c60.minWallS ?? 1), 3),
        overhead600: round((o600.minWallS ?? 0) / (c600.minWallS ?? 1), 3),
        linearityOurs: round((o600.minWallS ?? 0) / (o60.minWallS ?? 1), 2),
        linearityCli: round((c600.minWallS ?? 0) / (c60.minWallS ?? 1), 2),
        loadAvg1: round(os.loadavg()[0] ?? 0),
      });
    }
  }
}

async function standard(): Promise<void> {
  const call60 = conversation(60, work);
  const sizes = quick || longOnly ? (['tiny'] as const) : (['tiny', 'base'] as const);
  const threadCounts = quick || longOnly ? [1] : [1, 2];
  const configs: Config[] = [];
  for (const dims of sizes) {
    const m = model(dims);
    for (const threads of threadCounts) {
      configs.push({ name: `${dims}-t${threads}-ours`, run: () => runOurs(m, call60, threads, false) });
      configs.push({ name: `${dims}-t${threads}-cli`, run: () => runCli(m, call60, threads) });
      configs.push({ name: `${dims}-t${threads}-ours-vad`, run: () => runOurs(m, call60, threads, true) });
    }
  }
  const results = await roundRobin(configs, quick ? 1 : 3);
  for (const dims of sizes) {
    for (const threads of threadCounts) {
      const get = (kind: string) => summary(results.get(`${dims}-t${threads}-${kind}`) ?? [], 60);
      const ours = get('ours');
      const cli = get('cli');
      const vad = get('ours-vad');
      report(`transcription-60s-${dims}-t${threads}`, {
        callSeconds: 60,
        ours,
        whisperCli: cli,
        oursWithVad: vad,
        overheadMin: round((ours.minWallS ?? 0) / (cli.minWallS ?? 1), 3),
        overheadMedian: round((ours.medianWallS ?? 0) / (cli.medianWallS ?? 1), 3),
        withinTarget: (ours.minWallS ?? 0) <= (cli.minWallS ?? 0) * 1.1,
        loadAvg1: round(os.loadavg()[0] ?? 0),
      });
    }
  }

  if (!quick) {
    const call600 = conversation(600, work);
    const m = model('tiny');
    const long = await roundRobin([
      { name: 'ours', run: () => runOurs(m, call600, 1, false) },
      { name: 'cli', run: () => runCli(m, call600, 1) },
      { name: 'ours-vad', run: () => runOurs(m, call600, 1, true) },
    ], 1);
    const ours60 = summary(results.get('tiny-t1-ours') ?? [], 60);
    const ours = summary(long.get('ours') ?? [], 600);
    const cli = summary(long.get('cli') ?? [], 600);
    report('transcription-600s-tiny-t1', {
      callSeconds: 600,
      ours,
      whisperCli: cli,
      oursWithVad: summary(long.get('ours-vad') ?? [], 600),
      overhead: round((ours.minWallS ?? 0) / (cli.minWallS ?? 1), 3),
      linearity600over60: round((ours.minWallS ?? 0) / (ours60.minWallS ?? 1), 2),
      benchProcessMaxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAvg1: round(os.loadavg()[0] ?? 0),
    });
  }
}

try {
  await (longMatrix ? matrix() : standard());
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
