// A two-channel call file (channel 0 = rep, channel 1 = customer) transcribed per channel and
// merged into one conversation with speaker labels.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPEAKER_LABELS } from '../../../src/core/transcription/merge-segments';
import { transcribeCall } from '../../../src/core/transcription/transcribe-call';
import { decodeWavData, encodeWav, parseWavHeader } from '../../../src/platform/audio/wav';
import { engineFor, layout, msOf, RATE, speech } from './whisper-fixtures';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-two-channel-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('transcribing a two-channel call', () => {
  it('labels each channel with its speaker and interleaves the turns by time', async () => {
    const repLine = speech('Thanks for your time today. Shall we look at the renewal?', 'en-us');
    const customerLine = speech('Yes please. The price went up a lot this year.', 'en-gb');
    const turns = [
      { speaker: 'rep', atMs: 1_000, samples: repLine },
      { speaker: 'customer', atMs: 7_000, samples: customerLine },
      { speaker: 'rep', atMs: 13_000, samples: repLine },
      { speaker: 'customer', atMs: 19_000, samples: customerLine },
    ] as const;
    const totalMs = 26_000;
    const file = path.join(dir, 'call.wav');
    fs.writeFileSync(file, encodeWav({
      sampleRate: RATE,
      channels: [
        layout(totalMs, turns.filter((t) => t.speaker === 'rep')),
        layout(totalMs, turns.filter((t) => t.speaker === 'customer')),
      ],
    }));

    const bytes = fs.readFileSync(file);
    const info = parseWavHeader(bytes, bytes.length);
    const [rep, customer] = decodeWavData(info, bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
    const percents: number[] = [];
    const merged = await transcribeCall(engineFor(), { rep: rep!, customer: customer! }, { threads: 1, onProgress: (p) => percents.push(p.percent ?? -1) });

    expect(merged.length).toBeGreaterThanOrEqual(4);
    expect(merged.map((s) => s.startMs)).toEqual([...merged.map((s) => s.startMs)].sort((a, b) => a - b));
    // Every segment lies inside one of its own speaker's turns (the silence between turns, where
    // the other side spoke, was never sent for this channel).
    for (const s of merged) {
      const own = turns.filter((t) => t.speaker === s.speaker);
      expect(own.some((t) => s.startMs >= t.atMs - 300 && s.endMs <= t.atMs + msOf(t.samples) + 400)).toBe(true);
    }
    // Collapsing consecutive segments of one speaker gives the conversation's turn order.
    const order = merged.map((s) => s.speaker).filter((speaker, i, all) => speaker !== all[i - 1]);
    expect(order.map((speaker) => SPEAKER_LABELS[speaker])).toEqual(['Rep', 'Customer', 'Rep', 'Customer']);
    expect(percents.at(-1)).toBe(100);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });
});
