import { describe, expect, it } from 'vitest';
import { applyTranscriptEdits, EDIT_LIMITS, retimeSegment, TranscriptEditError, wordCapacity } from '../../../src/core/transcription/transcript-edit';
import { transcriptDocument, type StoredSegment, type StoredWord } from '../../../src/core/transcription/transcript';

/** A segment whose words are spoken one after another, `ms` each, from `startMs`. */
function spoken(text: string, startMs: number, ms = 400, speaker: StoredSegment['speaker'] = 'rep'): StoredSegment {
  const words: StoredWord[] = text.split(' ').map((w, i) => ({ text: ` ${w}`, startMs: startMs + i * ms, endMs: startMs + (i + 1) * ms, p: 0.9 }));
  return { speaker, startMs, endMs: startMs + words.length * ms, text, confidence: 0.9, words };
}

const timesOf = (segment: StoredSegment) => segment.words.map((w) => [w.text.trim(), w.startMs, w.endMs] as const);

describe('retimeSegment: unchanged words keep their times, edited ones are placed inside the segment', () => {
  const base = spoken('we ship to ohio next week', 10_000); // words at 10.0, 10.4, ... 12.4 s

  it('a replaced word takes the time of the word it replaced; the others keep theirs exactly', () => {
    const edited = retimeSegment(base, 'we ship to Iowa next week');
    expect(timesOf(edited)).toEqual([
      ['we', 10_000, 10_400],
      ['ship', 10_400, 10_800],
      ['to', 10_800, 11_200],
      ['Iowa', 11_200, 11_600],
      ['next', 11_600, 12_000],
      ['week', 12_000, 12_400],
    ]);
    expect(edited.startMs).toBe(base.startMs);
    expect(edited.endMs).toBe(base.endMs);
  });

  it('a deleted word leaves its neighbours untouched', () => {
    const edited = retimeSegment(base, 'we ship to ohio week');
    expect(timesOf(edited)).toEqual([
      ['we', 10_000, 10_400],
      ['ship', 10_400, 10_800],
      ['to', 10_800, 11_200],
      ['ohio', 11_200, 11_600],
      ['week', 12_000, 12_400],
    ]);
  });

  it('an insertion between two words with no gap spreads over their halves, inside the segment', () => {
    const edited = retimeSegment(base, 'we ship to ohio early next week');
    const early = edited.words.find((w) => w.text.trim() === 'early');
    // ohio 11200-11600, next 11600-12000: no gap, so the midpoints 11400..11800.
    expect(early).toMatchObject({ startMs: 11_400, endMs: 11_800, p: 1 });
    expect(timesOf(edited).filter(([t]) => t !== 'early')).toEqual(timesOf(base));
  });

  it('several inserted words share their gap by length and stay in order', () => {
    const gappy: StoredSegment = { ...spoken('hello there', 0), endMs: 5_000 };
    const edited = retimeSegment(gappy, 'hello there my good friend');
    const added = edited.words.slice(2);
    expect(added.map((w) => w.text.trim())).toEqual(['my', 'good', 'friend']);
    expect(added[0]?.startMs).toBe(800); // after "there"
    expect(added[2]?.endMs).toBe(5_000); // to the segment's end
    for (let i = 1; i < added.length; i += 1) {
      expect(added[i]?.startMs).toBeGreaterThanOrEqual(added[i - 1]?.endMs ?? Infinity);
    }
    expect((added[2]?.endMs ?? 0) - (added[2]?.startMs ?? 0)).toBeGreaterThan((added[0]?.endMs ?? 0) - (added[0]?.startMs ?? 0));
  });

  it('insertion at the very start and end uses the segment bounds', () => {
    const padded: StoredSegment = { ...spoken('middle', 1_000), startMs: 0, endMs: 3_000 };
    const edited = retimeSegment(padded, 'first middle last');
    expect(timesOf(edited)).toEqual([
      ['first', 0, 1_000],
      ['middle', 1_000, 1_400],
      ['last', 1_400, 3_000],
    ]);
  });

  it('engine words that are pieces of a word or carry punctuation map onto the tokens a person edits', () => {
    const pieces: StoredSegment = {
      speaker: 'customer',
      startMs: 0,
      endMs: 2_000,
      text: 'Hello, Initech.',
      confidence: 0.8,
      words: [
        { text: ' Hello', startMs: 0, endMs: 500, p: 0.9 },
        { text: ',', startMs: 500, endMs: 520, p: 0.9 },
        { text: ' Init', startMs: 600, endMs: 900, p: 0.5 },
        { text: 'ech.', startMs: 900, endMs: 1_300, p: 0.6 },
      ],
    };
    const edited = retimeSegment(pieces, 'Hello, Initrode.');
    expect(timesOf(edited)).toEqual([
      ['Hello,', 0, 520],
      ['Initrode.', 600, 1_300],
    ]);
    // The redaction document still finds every word with its times.
    const doc = transcriptDocument([edited]);
    expect(doc.segments[0]?.words?.map((w) => [w.start, w.end])).toEqual([[0, 0.52], [0.6, 1.3]]);
  });
});

describe('applyTranscriptEdits', () => {
  const base = [spoken('good morning how are you', 0), spoken('fine thanks and you', 2_500, 400, 'customer'), spoken('great let us start', 5_000)];

  it('never changes the base and keeps untouched segments as they were', () => {
    const before = JSON.stringify(base);
    const out = applyTranscriptEdits(base, [{ op: 'text', segment: 1, text: 'fine thanks, and you?' }]);
    expect(JSON.stringify(base)).toBe(before);
    expect(out[0]).toBe(base[0]);
    expect(out[2]).toBe(base[2]);
    expect(out[1]?.text).toBe('fine thanks, and you?');
  });

  it('text identical after whitespace normalisation is no change (the engine words stay)', () => {
    const out = applyTranscriptEdits(base, [{ op: 'text', segment: 0, text: '  good   morning how are\nyou ' }]);
    expect(out[0]).toBe(base[0]);
  });

  it('splits at a word: the halves keep their words\' times and meet where the audio does', () => {
    const out = applyTranscriptEdits(base, [{ op: 'split', segment: 0, atWord: 2 }]);
    expect(out.map((s) => s.text)).toEqual(['good morning', 'how are you', 'fine thanks and you', 'great let us start']);
    expect(out[0]).toMatchObject({ startMs: 0, endMs: 800, speaker: 'rep' });
    expect(out[1]).toMatchObject({ startMs: 800, endMs: 2_000, speaker: 'rep' });
    expect(timesOf(out[1] as StoredSegment)).toEqual([['how', 800, 1_200], ['are', 1_200, 1_600], ['you', 1_600, 2_000]]);
  });

  it('refuses a split at the first word or past the last', () => {
    expect(() => applyTranscriptEdits(base, [{ op: 'split', segment: 0, atWord: 0 }])).toThrow(/words 1 to 4/);
    expect(() => applyTranscriptEdits(base, [{ op: 'split', segment: 0, atWord: 5 }])).toThrow(TranscriptEditError);
  });

  it('merges a segment with the next of the same speaker; refuses different speakers', () => {
    const split = applyTranscriptEdits(base, [{ op: 'split', segment: 2, atWord: 1 }, { op: 'merge', segment: 2 }]);
    expect(split[2]).toMatchObject({ text: 'great let us start', startMs: 5_000, endMs: 6_600 });
    expect(timesOf(split[2] as StoredSegment)).toEqual(timesOf(base[2] as StoredSegment));
    expect(() => applyTranscriptEdits(base, [{ op: 'merge', segment: 0 }])).toThrow(/different speakers/);
    expect(() => applyTranscriptEdits(base, [{ op: 'merge', segment: 2 }])).toThrow(/last one/);
  });

  it('edits apply in order, each naming segments as they stand after the ones before', () => {
    const out = applyTranscriptEdits(base, [
      { op: 'split', segment: 0, atWord: 2 },
      { op: 'speaker', segment: 1, speaker: 'customer' },
      { op: 'text', segment: 1, text: 'how are you doing' },
      { op: 'delete', segment: 3 },
    ]);
    expect(out.map((s) => [s.speaker, s.text])).toEqual([
      ['rep', 'good morning'],
      ['customer', 'how are you doing'],
      ['customer', 'fine thanks and you'],
    ]);
    // "doing" was added after "you" (which ended at 2000, the segment's end): it sits inside the segment.
    const doing = out[1]?.words.at(-1);
    expect(doing?.startMs).toBeGreaterThanOrEqual(800);
    expect(doing?.endMs).toBeLessThanOrEqual(2_000);
  });

  it('refuses unknown segments, empty text and deleting the last segment, with messages that say what to do', () => {
    expect(() => applyTranscriptEdits(base, [{ op: 'text', segment: 3, text: 'x' }])).toThrow(/names segment 3, but at that point the transcript has 3 segments/);
    expect(() => applyTranscriptEdits(base, [{ op: 'text', segment: -1, text: 'x' }])).toThrow(TranscriptEditError);
    expect(() => applyTranscriptEdits(base, [{ op: 'text', segment: 0, text: '   ' }])).toThrow(/empty\. To remove a segment, delete it/);
    const one = [spoken('only', 0)];
    expect(() => applyTranscriptEdits(one, [{ op: 'delete', segment: 0 }])).toThrow(/at least one segment/);
  });

  it('refuses text that cannot be spoken inside its segment\'s audio (an edit past its range)', () => {
    const short = spoken('yes', 0, 300); // 0.3 s
    const capacity = wordCapacity(short);
    expect(capacity).toBe(Math.floor((300 + EDIT_LIMITS.slackMs) / EDIT_LIMITS.minMsPerWord));
    const tooMany = Array.from({ length: capacity + 1 }, () => 'word').join(' ');
    expect(() => applyTranscriptEdits([short], [{ op: 'text', segment: 0, text: tooMany }])).toThrow(/covers 0\.3 s of audio, too short for 27 words/);
    expect(applyTranscriptEdits([short], [{ op: 'text', segment: 0, text: Array.from({ length: capacity }, () => 'w').join(' ') }])[0]?.words).toHaveLength(capacity);
  });

  it('refuses a huge segment text and too many edits', () => {
    const long = { ...spoken('x', 0), endMs: 10_000_000 };
    expect(() => applyTranscriptEdits([long], [{ op: 'text', segment: 0, text: 'a'.repeat(1_000_000) }])).toThrow(/at most 10,000 characters; this text has 1,000,000/);
    const many = Array.from({ length: EDIT_LIMITS.maxEdits + 1 }, () => ({ op: 'speaker' as const, segment: 0, speaker: 'rep' as const }));
    expect(() => applyTranscriptEdits(base, many)).toThrow(/at most 5000 edits/);
  });

  it('every word of every edited segment lies inside its segment', () => {
    const out = applyTranscriptEdits(base, [
      { op: 'text', segment: 0, text: 'well good morning to you all how are you today' },
      { op: 'text', segment: 2, text: 'right then' },
    ]);
    for (const segment of [out[0], out[2]]) {
      for (const word of segment?.words ?? []) {
        expect(word.startMs).toBeGreaterThanOrEqual(segment?.startMs ?? 0);
        expect(word.endMs).toBeLessThanOrEqual(segment?.endMs ?? 0);
        expect(word.endMs).toBeGreaterThanOrEqual(word.startMs);
      }
    }
  });
});
