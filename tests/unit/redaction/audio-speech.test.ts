import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectSensitive, findingsToTimeRanges, muteRanges, type TimedSegment, type TimedWord } from '../../../src/core/redaction';
import { readWav, rms, writeWav, type Pcm16 } from '../../helpers/wav';

const dir = mkdtempSync(join(tmpdir(), 'callvault-redaction-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function speak(name: string, words: string): Pcm16 {
  const file = join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-w', file, words]);
  return readWav(readFileSync(file));
}

/** sox's own RMS of [from, to) seconds of a WAV file: an independent measurement. */
function soxRms(file: string, from: number, to: number): number {
  const result = spawnSync('sox', [file, '-n', 'trim', String(from), `=${to}`, 'stat'], { encoding: 'utf8' });
  const line = /RMS\s+amplitude:\s+([\d.e+-]+)/u.exec(result.stderr);
  if (line?.[1] === undefined) {
    throw new Error(`sox stat gave no RMS: ${result.stderr}`);
  }
  return Number(line[1]);
}

interface Spoken {
  readonly text: string;
  readonly audio: Pcm16;
  readonly words: TimedWord[];
  /** Start and end second of each phrase. */
  readonly bounds: (readonly [number, number])[];
}

/** Speaks phrases one by one and joins them, so each word's time is known exactly. */
function speakPhrases(phrases: readonly string[]): Spoken {
  const parts = phrases.map((phrase, i) => speak(`part-${i}`, phrase));
  const rate = parts[0]!.sampleRate;
  const samples = new Int16Array(parts.reduce((n, p) => n + p.samples.length, 0));
  const words: TimedWord[] = [];
  const bounds: (readonly [number, number])[] = [];
  let at = 0;
  let text = '';
  parts.forEach((part, i) => {
    samples.set(part.samples, at);
    const start = at / rate;
    const end = (at + part.samples.length) / rate;
    bounds.push([start, end]);
    const tokens = phrases[i]!.split(' ');
    const step = (end - start) / tokens.length;
    tokens.forEach((token, k) => {
      const charStart = text.length;
      text += `${token} `;
      // Spread the phrase's time over its words, as a recogniser's word timings would.
      words.push({ charStart, charEnd: charStart + token.length, start: start + k * step, end: start + (k + 1) * step });
    });
    at += part.samples.length;
  });
  return { text: text.trimEnd(), audio: { sampleRate: rate, channels: 1, samples }, words, bounds };
}

describe('audio redaction on generated speech (espeak-ng + sox)', () => {
  const spoken = speakPhrases(['my pin is', 'four eight two one', 'thanks a lot']);

  it('mutes the spoken PIN and leaves the rest of the call sample-identical', () => {
    const { text, audio, words, bounds } = spoken;
    const findings = detectSensitive(text);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['four eight two one']);
    const segment: TimedSegment = { charStart: 0, charEnd: text.length, start: 0, end: audio.samples.length / audio.sampleRate, words };
    const mapping = findingsToTimeRanges(findings, [segment], { padSeconds: 0 });
    expect(mapping.ok).toBe(true);
    if (!mapping.ok) {
      return;
    }
    expect(mapping.ranges).toHaveLength(1);
    const [secretStart, secretEnd] = bounds[1]!;
    expect(mapping.ranges[0]!.start).toBeCloseTo(secretStart, 6);
    expect(mapping.ranges[0]!.end).toBeCloseTo(secretEnd, 6);

    const muted = muteRanges(audio.samples, audio.sampleRate, mapping.ranges);
    const from = Math.floor(secretStart * audio.sampleRate);
    const to = Math.ceil(secretEnd * audio.sampleRate);
    expect(rms(audio.samples, from, to)).toBeGreaterThan(0.01);
    expect(rms(muted, from, to)).toBe(0);
    for (let i = 0; i < muted.length; i += 1) {
      if (i < from || i >= to) {
        expect(muted[i]).toBe(audio.samples[i]);
      }
    }

    const file = join(dir, 'muted.wav');
    writeFileSync(file, writeWav({ ...audio, samples: muted }));
    const original = join(dir, 'original.wav');
    writeFileSync(original, writeWav(audio));
    expect(soxRms(file, secretStart + 0.001, secretEnd - 0.001)).toBeLessThan(1e-4);
    expect(soxRms(file, 0, bounds[0]![1])).toBeCloseTo(soxRms(original, 0, bounds[0]![1]), 6);
    expect(soxRms(file, bounds[2]![0], bounds[2]![1])).toBeGreaterThan(0.01);
  });

  it('mutes the whole segment when word timestamps are missing', () => {
    const { text, audio } = spoken;
    const duration = audio.samples.length / audio.sampleRate;
    const mapping = findingsToTimeRanges(detectSensitive(text), [{ charStart: 0, charEnd: text.length, start: 0, end: duration }]);
    expect(mapping).toMatchObject({ ok: true, wholeSegments: [0] });
    if (!mapping.ok) {
      return;
    }
    const muted = muteRanges(audio.samples, audio.sampleRate, mapping.ranges);
    expect(rms(muted)).toBe(0);
  });
});
