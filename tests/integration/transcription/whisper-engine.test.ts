// The whisper engine end to end: real runner process, real (random-weight) model, real speech.
// A random model's words are gibberish, so these tests check structure, timing and behaviour,
// not wording.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptionProgress, TranscriptSegment } from '../../../src/core/ports/transcription';
import { engineFor, layout, msOf, runnerChildren, speech } from './whisper-fixtures';

let hello: Int16Array;

beforeAll(() => {
  hello = speech('Hello, this is a short test of the call recorder. We talk about the renewal and the price.');
});

function expectWellFormed(segments: readonly TranscriptSegment[], audioMs: number): void {
  expect(segments.length).toBeGreaterThan(0);
  let previousStart = -1;
  for (const s of segments) {
    expect(s.startMs).toBeGreaterThanOrEqual(0);
    expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
    expect(s.endMs).toBeLessThanOrEqual(audioMs);
    expect(s.startMs).toBeGreaterThanOrEqual(previousStart);
    previousStart = s.startMs;
    expect(s.text.trim().length).toBeGreaterThan(0);
    expect(s.confidence).toBeGreaterThanOrEqual(0);
    expect(s.confidence).toBeLessThanOrEqual(1);
    expect(s.tokens.length).toBeGreaterThan(0);
    for (const t of s.tokens) {
      expect(t.p).toBeGreaterThanOrEqual(0);
      expect(t.p).toBeLessThanOrEqual(1);
      expect(t.startMs).toBeGreaterThanOrEqual(s.startMs - 1000);
      expect(t.endMs).toBeLessThanOrEqual(audioMs);
    }
    // The segment text is exactly its tokens, and its words are those tokens regrouped.
    expect(s.tokens.map((t) => t.text).join('')).toBe(s.text);
    const squash = (text: string): string => text.replace(/\s+/g, '');
    expect(squash(s.words.map((w) => w.text).join(''))).toBe(squash(s.text));
    const mean = s.tokens.reduce((sum, t) => sum + t.p, 0) / s.tokens.length;
    expect(s.confidence).toBeCloseTo(mean, 6);
  }
}

describe('WhisperProcessEngine', () => {
  it('transcribes speech into timed segments with token probabilities, reporting progress', async () => {
    const progress: TranscriptionProgress[] = [];
    const streamed: TranscriptSegment[] = [];
    const segments = await engineFor().transcribe(hello, {
      threads: 1,
      onProgress: (p) => progress.push(p),
      onSegment: (s) => streamed.push(s),
    });

    expectWellFormed(segments, msOf(hello));
    expect(streamed).toEqual(segments);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map((p) => p.processedMs)).toEqual([...progress.map((p) => p.processedMs)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ processedMs: Math.round(msOf(hello)), percent: 100 });
    expect(runnerChildren()).toEqual([]);
  });

  it('keeps audio and text off the disk: the engine holds only pipes, in an empty environment', async () => {
    const open: string[] = [];
    const environments: string[] = [];
    await engineFor().transcribe(hello, {
      threads: 1,
      onProgress: () => {
        for (const pid of runnerChildren()) {
          try {
            const targets = fs.readdirSync(`/proc/${pid}/fd`).map((fd) => fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
            const environment = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
            open.push(...targets);
            environments.push(environment);
          } catch {
            // the last progress report can race with the engine's exit
          }
        }
      },
    });
    expect(open.length).toBeGreaterThan(0);
    // Sockets and pipes only (stdio): no file, not even the model, which is closed once loaded.
    expect(open.filter((target) => !/^(socket|pipe):\[\d+\]$/.test(target))).toEqual([]);
    expect(new Set(environments)).toEqual(new Set(['GGML_NO_BACKTRACE=1\0']));
  });

  it('cuts a long channel into windows and maps every time back onto the channel', async () => {
    // 100 s with speech at 5 s, 40 s and 80 s (about 6 s each). 8 s windows cannot hold two of
    // them, so each goes to the runner in its own window.
    const channel = layout(100_000, [
      { atMs: 5_000, samples: hello },
      { atMs: 40_000, samples: hello },
      { atMs: 80_000, samples: hello },
    ]);
    const speechSpans = [5_000, 40_000, 80_000].map((at) => [at - 300, at + msOf(hello) + 400] as const);
    const segments = await engineFor(undefined, { windows: { maxWindowMs: 8_000 } }).transcribe(channel, { threads: 1 });

    expectWellFormed(segments, msOf(channel));
    for (const s of segments) {
      // Silence was never sent, so a segment lies within one stretch of speech.
      expect(speechSpans.some(([from, to]) => s.startMs >= from && s.endMs <= to)).toBe(true);
    }
    expect(new Set(segments.map((s) => speechSpans.findIndex(([from, to]) => s.startMs >= from && s.startMs <= to))).size).toBe(3);
  });

  it('gives the same result for a stream of chunks as for the whole array', async () => {
    const channel = layout(30_000, [{ atMs: 2_000, samples: hello }, { atMs: 18_000, samples: hello }]);
    async function* chunks(): AsyncGenerator<Int16Array> {
      for (let at = 0; at < channel.length; at += 8000) {
        await new Promise((resolve) => setImmediate(resolve));
        yield channel.slice(at, at + 8000); // half-second copies, like decoded recording chunks
      }
    }
    const engine = engineFor();
    const fromArray = await engine.transcribe(channel, { threads: 1 });
    const progress: TranscriptionProgress[] = [];
    const fromStream = await engine.transcribe(chunks(), { threads: 1, durationMs: 30_000, onProgress: (p) => progress.push(p) });

    expect(fromStream).toEqual(fromArray);
    expect(progress.at(-1)?.percent).toBe(100);
  });

  it('gives no segments for silence or empty audio, where whisper alone would invent text', async () => {
    const engine = engineFor();
    const silence = new Int16Array(20 * 16_000);
    // Without the VAD the (random) model "hears" words in pure silence, as real whisper models do.
    expect((await engineFor(undefined, { vad: false }).transcribe(silence, { threads: 1 })).length).toBeGreaterThan(0);
    const quietNoise = new Int16Array(10 * 16_000).map(() => Math.round((Math.random() - 0.5) * 40)); // about -64 dBFS
    for (const audio of [new Int16Array(0), silence, new Float32Array(5 * 16_000), quietNoise]) {
      const progress: TranscriptionProgress[] = [];
      await expect(engine.transcribe(audio, { threads: 1, onProgress: (p) => progress.push(p) })).resolves.toEqual([]);
      expect(progress.at(-1)?.percent).toBe(100);
    }
  });
});
