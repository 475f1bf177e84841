// transcribeCall's own logic (channel order, speaker labels, progress over the whole call), with
// an in-memory engine standing in for whisper: the real engine is covered by the integration tests.
import { describe, expect, it } from 'vitest';
import type { TranscribeOptions, TranscriptionAudio, TranscriptionEngine, TranscriptionProgress, TranscriptSegment } from '../../../src/core/ports/transcription';
import type { SpeakerSegment } from '../../../src/core/transcription/merge-segments';
import { transcribeCall } from '../../../src/core/transcription/transcribe-call';

/** Emits one segment per non-zero sample run, with progress at 50% and 100% of its input. */
class ScriptedEngine implements TranscriptionEngine {
  readonly calls: TranscriptionAudio[] = [];

  transcribe(audio: TranscriptionAudio, options: TranscribeOptions = {}): Promise<TranscriptSegment[]> {
    this.calls.push(audio);
    const samples = audio as Int16Array;
    const ms = samples.length; // one sample per ms in this stand-in
    const segments: TranscriptSegment[] = [];
    samples.forEach((v, i) => {
      if (v !== 0 && samples[i - 1] === 0) {
        segments.push({ startMs: i, endMs: i + 1, text: `w${v}`, confidence: 1, noSpeechProb: 0, words: [], tokens: [] });
      }
    });
    options.onProgress?.({ processedMs: ms / 2, percent: 50 });
    segments.forEach((s) => options.onSegment?.(s));
    options.onProgress?.({ processedMs: ms, percent: 100 });
    return Promise.resolve(segments);
  }
}

describe('transcribeCall', () => {
  it("transcribes the rep's channel, then the customer's, and merges them with labels", async () => {
    const engine = new ScriptedEngine();
    const rep = Int16Array.from([0, 1, 0, 0, 0, 0, 3, 0, 0, 0]);
    const customer = Int16Array.from([0, 0, 0, 2, 0, 0, 0, 0, 4, 0]);
    const live: SpeakerSegment[] = [];
    const progress: TranscriptionProgress[] = [];
    const merged = await transcribeCall(engine, { rep, customer }, { onSegment: (s) => live.push(s), onProgress: (p) => progress.push(p) });

    expect(engine.calls).toEqual([rep, customer]);
    expect(merged.map((s) => `${s.speaker}:${s.text}`)).toEqual(['rep:w1', 'customer:w2', 'rep:w3', 'customer:w4']);
    expect(live.map((s) => `${s.speaker}:${s.text}`)).toEqual(['rep:w1', 'rep:w3', 'customer:w2', 'customer:w4']);
    expect(progress).toEqual([
      { processedMs: 5, percent: 25 },
      { processedMs: 10, percent: 50 },
      { processedMs: 15, percent: 75 },
      { processedMs: 20, percent: 100 },
    ]);
  });
});
