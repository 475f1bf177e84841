/**
 * Shared parts of the transcription tests: the real runner binary, small random-weight models
 * (tools/gen-ggml-model.ts, cached under .cache/test-models) and real speech from espeak-ng.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateModel, type FType } from '../../../tools/gen-ggml-model';
import { WhisperProcessEngine, type WhisperEngineConfig } from '../../../src/platform/transcription/whisper-process-engine';
import { readWavFile } from '../../helpers/speech';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const RATE = 16_000;

/** The runner built by scripts/build-whisper.sh; CALLVAULT_WHISPER_RUNNER overrides the path. */
export function runnerPath(): string {
  const file = process.env.CALLVAULT_WHISPER_RUNNER ?? path.join(REPO_ROOT, '.cache', 'whisper', 'build-native', 'bin', 'callvault-whisper');
  if (!fs.existsSync(file)) {
    // Fail, never skip: a missing engine must show up red in CI.
    throw new Error(`The whisper runner is not built (${file} is missing). Run: bash scripts/build-whisper.sh`);
  }
  return file;
}

export function escapeCheckPath(): string {
  return path.join(path.dirname(runnerPath()), 'callvault-json-escape-check');
}

/**
 * A tiny-dimension model (64 state, 1+1 layers, ~8 MB) with a 64-token text context: a random
 * model never emits end-of-text, and n_text_ctx/2 - 4 = 28 tokens per 30 s keeps decoding short.
 * Generated once per seed and type, written atomically, so parallel test files can share it.
 */
export function testModel(ftype: FType = 'f16', seed = 1): string {
  const out = path.join(REPO_ROOT, '.cache', 'test-models', `whisper-tiny-small-${ftype}-ctx64-seed${seed}.bin`);
  if (!fs.existsSync(out)) {
    // A private name first: test files running at the same time may both be generating it.
    const mine = `${out}.${process.pid}-${Math.random().toString(36).slice(2)}`;
    generateModel({ dims: 'tiny-small', ftype, vocab: 'en', seed, textCtx: 64, out: mine });
    fs.renameSync(mine, out);
  }
  return out;
}

export function engineFor(model = testModel(), extra: Partial<WhisperEngineConfig> = {}): WhisperProcessEngine {
  return new WhisperProcessEngine({ runnerPath: runnerPath(), modelPath: model, ...extra });
}

/** espeak-ng speech as 16 kHz mono 16-bit samples. */
export function speech(text: string, voice = 'en-us'): Int16Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-speech-'));
  try {
    const raw = path.join(dir, 'raw.wav');
    const out = path.join(dir, 'speech.wav');
    execFileSync('espeak-ng', ['-v', voice, '-w', raw, text]);
    execFileSync('sox', [raw, '-r', String(RATE), '-c', '1', '-b', '16', out]);
    const channel = readWavFile(out).channels[0];
    if (channel === undefined) {
      throw new Error('espeak-ng produced no audio');
    }
    return channel;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Places clips at the given times (ms) in a silent channel of `totalMs`. */
export function layout(totalMs: number, clips: readonly { atMs: number; samples: Int16Array }[]): Int16Array {
  const out = new Int16Array(Math.round((totalMs * RATE) / 1000));
  for (const clip of clips) {
    const at = Math.round((clip.atMs * RATE) / 1000);
    out.set(clip.samples.subarray(0, Math.max(0, out.length - at)), at);
  }
  return out;
}

export const msOf = (samples: ArrayLike<number>): number => (samples.length / RATE) * 1000;

/** Live processes whose parent is this test process and whose executable is the runner. */
export function runnerChildren(): number[] {
  const exe = runnerPath();
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && fs.readlinkSync(`/proc/${entry}/exe`) === exe) {
        pids.push(Number(entry));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
