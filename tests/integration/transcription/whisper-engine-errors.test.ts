// Everything that can go wrong with the engine ends as a TranscriptionError with a message a person
// can act on, and leaves no engine process behind: cancel, broken models, a crashing engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranscriptionError } from '../../../src/core/ports/transcription';
import { RunnerProcess } from '../../../src/platform/transcription/runner-process';
import type { RunnerMessage } from '../../../src/platform/transcription/runner-protocol';
import { WhisperProcessEngine } from '../../../src/platform/transcription/whisper-process-engine';
import { engineFor, layout, runnerChildren, runnerPath, speech, testModel } from './whisper-fixtures';

let dir: string;
let talk: Int16Array;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-whisper-errors-'));
  const clip = speech('We should go over the contract terms, the discount, and the start date once more.');
  // Two minutes of talk with short pauses: long enough to abort in the middle.
  talk = layout(120_000, Array.from({ length: 20 }, (_, i) => ({ atMs: i * 6_000, samples: clip })));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the test model cut to `bytes`. */
function truncatedModel(bytes: number, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, fs.readFileSync(testModel()).subarray(0, bytes));
  return file;
}

async function rejection(promise: Promise<unknown>): Promise<TranscriptionError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TranscriptionError);
  return error as TranscriptionError;
}

describe('cancelling', () => {
  it('kills the engine once it is working and rejects with an AbortError', async () => {
    const controller = new AbortController();
    let progressSeen = 0;
    const started = Date.now();
    const error = await rejection(engineFor(undefined, { windows: { maxWindowMs: 30_000 } }).transcribe(talk, {
      threads: 1,
      signal: controller.signal,
      onProgress: (p) => {
        progressSeen += 1;
        if ((p.percent ?? 0) > 0 && !controller.signal.aborted) {
          controller.abort();
        }
      },
    }));

    expect(error.name).toBe('AbortError');
    expect(error.detail).toBe('aborted');
    expect(progressSeen).toBeGreaterThan(0);
    expect(runnerChildren()).toEqual([]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const error = await rejection(engineFor().transcribe(talk, { signal: AbortSignal.abort() }));
    expect(error.name).toBe('AbortError');
  });
});

describe('broken models, caught before the engine starts', () => {
  it('refuses a model cut off inside its last tensor', async () => {
    const size = fs.statSync(testModel()).size;
    const error = await rejection(engineFor(truncatedModel(size - 1000, 'cut-tail.bin')).transcribe(talk));
    expect(error.detail).toBe('model-invalid');
    expect(error.message).toMatch(/cut-tail\.bin cannot be used: The model file is truncated/);
  });

  it('refuses a model cut off before its first tensor (which whisper.cpp would load as empty)', async () => {
    // magic + hparams + mel filters (80 x 201 f32) + vocabulary: stop right after the vocabulary.
    const error = await rejection(engineFor(truncatedModel(headerAndVocabBytes(), 'no-tensors.bin')).transcribe(talk));
    expect(error.detail).toBe('model-invalid');
    expect(error.message).toMatch(/holds 0 of the 50 tensors/);
  });

  it('refuses a file that is not a model, and a missing one', async () => {
    const junk = path.join(dir, 'junk.bin');
    fs.writeFileSync(junk, Buffer.alloc(4096, 7));
    expect((await rejection(engineFor(junk).transcribe(talk))).message).toMatch(/not a whisper model/);
    expect((await rejection(engineFor(path.join(dir, 'absent.bin')).transcribe(talk))).message).toMatch(/cannot be opened \(ENOENT\)/);
  });

  it('refuses a model whose checksum does not match the manifest', async () => {
    const engine = engineFor(testModel(), { modelSha256: '0'.repeat(64) });
    const error = await rejection(engine.transcribe(talk));
    expect(error.detail).toBe('model-invalid');
    expect(error.message).toMatch(/checksum/);
  });

  it('reports a missing engine program as such', async () => {
    const engine = new WhisperProcessEngine({ runnerPath: path.join(dir, 'no-such-runner'), modelPath: testModel() });
    const error = await rejection(engine.transcribe(talk));
    expect(error.detail).toBe('engine-missing');
    expect(error.message).toMatch(/not installed at .*no-such-runner/);
  });
});

describe('failures inside the engine process', () => {
  /** Drives the runner directly, bypassing the engine's own model check. */
  async function runRaw(modelPath: string): Promise<{ error: TranscriptionError; messages: RunnerMessage[] }> {
    const messages: RunnerMessage[] = [];
    const runner = RunnerProcess.start({ runnerPath: runnerPath(), modelPath, threads: 1, language: 'en', maxTokensPerSegment: 0, onMessage: (m) => messages.push(m) });
    await runner.write(new Float32Array(talk.subarray(0, 16_000 * 5)).map((v) => v / 32768)).catch(() => undefined);
    runner.endInput();
    return { error: await rejection(runner.finished), messages };
  }

  it('the runner refuses a truncated model on its own, as a load error', async () => {
    const size = fs.statSync(testModel()).size;
    const { error, messages } = await runRaw(truncatedModel(size - 1000, 'raw-cut.bin'));
    expect(error.detail).toBe('model-invalid');
    expect(error.message).toMatch(/Could not load model raw-cut\.bin: the model file is truncated/);
    expect(messages.map((m) => m.type)).toEqual(['error']);
  });

  it('an engine crash (SIGABRT on an all-f32 model) becomes an error, not a crash of the app', async () => {
    const error = await rejection(engineFor(testModel('f32')).transcribe(talk, { threads: 1 }));
    expect(error.detail).toBe('engine-crashed');
    expect(error.message).toMatch(/^The transcription engine crashed \(SIGABRT\) while transcribing with model whisper-tiny-small-f32-ctx64-seed1\.bin: the model file may be corrupt/);
    expect(error.message).toMatch(/\[engine: .*GGML_ASSERT/);
    expect(runnerChildren()).toEqual([]);
  });
});

/** Where the tensors start in the generated test model (en vocabulary, 80 mel bins). */
function headerAndVocabBytes(): number {
  const bytes = fs.readFileSync(testModel());
  let at = 4 + 11 * 4;
  const nMel = bytes.readInt32LE(at);
  const nFft = bytes.readInt32LE(at + 4);
  at += 8 + nMel * nFft * 4;
  const nTokens = bytes.readInt32LE(at);
  at += 4;
  for (let i = 0; i < nTokens; i += 1) {
    at += 4 + bytes.readUInt32LE(at);
  }
  return at;
}
