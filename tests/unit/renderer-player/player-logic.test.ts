// The pure parts of the player and the library: which word is spoken when, the library's search,
// filters and sort, and the waveform peaks' accumulation, layout and reduction. (The keyboard
// shortcuts need the DOM's types: the call-page e2e test presses them.)
import { describe, expect, it } from 'vitest';
import { decodePeaks, encodePeaks, PeakAccumulator, reducePeaks } from '../../../src/core/recordings/waveform-peaks';
import type { LibraryEntryView } from '../../../src/shared/contract';
import { applyLibraryFilter, NO_FILTER } from '../../../src/renderer/features/library/library-filter';
import { wordAt, wordTimeline } from '../../../src/renderer/features/player/word-timeline';

const w = (text: string, startMs: number, endMs: number) => ({ text, startMs, endMs });

describe('the word being spoken', () => {
  const timeline = wordTimeline([
    [w(' Thanks', 0, 400), w(' for', 400, 600), w(' calling', 600, 1_000)],
    [],
    [w(' Sure', 5_000, 5_400), w(' ', 5_400, 5_500), w(' thing', 5_500, 6_000)],
  ]);

  it('is the last word begun, across segments, lingering a moment into a pause', () => {
    expect(timeline.map((t) => [t.segment, t.word])).toEqual([[0, 0], [0, 1], [0, 2], [2, 0], [2, 2]]);
    expect(wordAt(timeline, -1)).toBe(-1);
    expect(timeline[wordAt(timeline, 0)]).toMatchObject({ segment: 0, word: 0 });
    expect(timeline[wordAt(timeline, 650)]).toMatchObject({ segment: 0, word: 2 });
    expect(timeline[wordAt(timeline, 1_900)]).toMatchObject({ segment: 0, word: 2 });
    expect(wordAt(timeline, 3_000)).toBe(-1);
    expect(timeline[wordAt(timeline, 5_450)]).toMatchObject({ segment: 2, word: 0 });
    expect(timeline[wordAt(timeline, 5_600)]).toMatchObject({ segment: 2, word: 2 });
  });
});

function entry(over: Partial<LibraryEntryView>): LibraryEntryView {
  return {
    key: over.recordingId ?? `call:${over.callId ?? 'x'}`,
    recordingId: null,
    callId: null,
    title: 'Call',
    account: null,
    callType: 'discovery',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 0,
    status: 'complete',
    recoveredAtMs: null,
    consent: null,
    transcriptVersion: null,
    jobState: null,
    reviewed: false,
    hasNotes: false,
    ...over,
  };
}

describe('the library filter', () => {
  const rows = [
    entry({ recordingId: 'a', title: 'Acme renewal', account: 'Acme Corp', callType: 'renewal', startedAt: '2026-01-03T00:00:00.000Z', durationMs: 300, transcriptVersion: 1, reviewed: true }),
    entry({ recordingId: 'b', title: 'Budget review', account: 'Globex', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 900, transcriptVersion: 1 }),
    entry({ callId: 'c', title: 'Globex intro', account: 'Globex', status: 'not-recorded', consent: 'declined', startedAt: '2026-01-02T00:00:00.000Z' }),
    entry({ recordingId: 'd', title: 'zeta demo', callType: 'demo', startedAt: '2026-01-04T00:00:00.000Z', durationMs: 100, jobState: 'failed' }),
  ];
  const keys = (filter: Partial<typeof NO_FILTER>) => applyLibraryFilter(rows, { ...NO_FILTER, ...filter }).map((r) => r.key);

  it('searches titles and accounts, every word, in any case', () => {
    expect(keys({ text: 'globex' })).toEqual(['call:c', 'b']);
    expect(keys({ text: 'INTRO globex' })).toEqual(['call:c']);
    expect(keys({ text: 'acme corp renewal' })).toEqual(['a']);
    expect(keys({ text: 'nothing like it' })).toEqual([]);
  });

  it('filters by call type and by transcript, review and recording state', () => {
    expect(keys({ callType: 'demo' })).toEqual(['d']);
    expect(keys({ status: 'transcribed' })).toEqual(['a', 'b']);
    expect(keys({ status: 'reviewed' })).toEqual(['a']);
    expect(keys({ status: 'not-reviewed' })).toEqual(['b']);
    expect(keys({ status: 'not-transcribed' })).toEqual(['d']);
    expect(keys({ status: 'not-recorded' })).toEqual(['call:c']);
  });

  it('sorts by date, length and title', () => {
    expect(keys({})).toEqual(['d', 'a', 'call:c', 'b']);
    expect(keys({ sort: 'oldest' })).toEqual(['b', 'call:c', 'a', 'd']);
    expect(keys({ sort: 'longest' }).slice(0, 2)).toEqual(['b', 'a']);
    expect(keys({ sort: 'title' })).toEqual(['a', 'b', 'call:c', 'd']);
  });
});

describe('waveform peaks', () => {
  it('keep the loudest sample of each 100 ms bin per channel, across chunk edges, on a 0..255 scale', () => {
    const acc = new PeakAccumulator(16_000);
    const loud = new Int16Array(1_000).fill(-32_768);
    acc.add(0, 1_100, loud); // frames 1100..2099: bins 0 and 1
    acc.add(1, 4_000, new Int16Array(800).fill(16_384)); // bin 2 (3200..4799)
    const peaks = acc.result();
    expect(peaks.binMs).toBe(100);
    expect(Array.from(peaks.peaks)).toEqual([255, 0, 255, 0, 0, 128]);
    expect(decodePeaks(encodePeaks(peaks))).toEqual(peaks);
    expect(decodePeaks(new Uint8Array([9, 2, 0, 0]))).toBeUndefined();
    const reduced = reducePeaks(peaks, 2);
    expect(reduced.binMs).toBe(200);
    expect(Array.from(reduced.peaks)).toEqual([255, 0, 0, 128]);
  });
});
