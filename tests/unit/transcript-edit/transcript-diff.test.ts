import { describe, expect, it } from 'vitest';
import { diffTranscripts } from '../../../src/core/transcription/transcript-diff';
import { applyTranscriptEdits } from '../../../src/core/transcription/transcript-edit';
import { findInTranscript, replaceEdits } from '../../../src/core/transcription/find-replace';
import { normaliseVocabulary, vocabularyPrompt, MAX_PROMPT_CHARS } from '../../../src/core/transcription/vocabulary-prompt';
import type { StoredSegment } from '../../../src/core/transcription/transcript';

function seg(text: string, startMs: number, speaker: StoredSegment['speaker'] = 'rep'): StoredSegment {
  const words = text.split(' ').map((w, i) => ({ text: ` ${w}`, startMs: startMs + i * 300, endMs: startMs + (i + 1) * 300, p: 0.9 }));
  return { speaker, startMs, endMs: startMs + words.length * 300, text, confidence: 0.9, words };
}

const v1 = [seg('thanks for joining the call today', 0), seg('happy to be here', 3_000, 'customer'), seg('let us look at the pricing for Initech', 6_000)];

describe('diffTranscripts: a readable word-level diff between two versions', () => {
  it('shows a replacement with the words around it and the time it happens', () => {
    const v2 = applyTranscriptEdits(v1, [{ op: 'text', segment: 2, text: 'let us look at the pricing for Initrode' }]);
    const diff = diffTranscripts({ segments: v1 }, { segments: v2 });
    expect(diff.hunks).toEqual([{ kind: 'words', atMs: 8_100, speaker: 'rep', before: 'look at the pricing for', removed: 'Initech', added: 'Initrode', after: '' }]);
    expect(diff).toMatchObject({ wordsInserted: 1, wordsDeleted: 1, segmentsBefore: 3, segmentsAfter: 3, truncated: false });
  });

  it('reports words given to the other speaker, and speaker names, without calling them changed words', () => {
    const v2 = applyTranscriptEdits(v1, [{ op: 'speaker', segment: 1, speaker: 'rep' }]);
    const diff = diffTranscripts({ segments: v1 }, { segments: v2, speakerNames: { customer: 'Ada Lovelace' } });
    expect(diff.hunks).toEqual([{ kind: 'speaker', atMs: 3_000, from: 'customer', to: 'rep', words: 'happy to be here' }]);
    expect(diff).toMatchObject({ wordsInserted: 0, wordsDeleted: 0, wordsRespoken: 4, namesChanged: 1 });
    expect(diff.names).toEqual([{ speaker: 'customer', before: null, after: 'Ada Lovelace' }]);
  });

  it('a split or merge alone changes no word', () => {
    const v2 = applyTranscriptEdits(v1, [{ op: 'split', segment: 0, atWord: 3 }]);
    const diff = diffTranscripts({ segments: v1 }, { segments: v2 });
    expect(diff.hunks).toEqual([]);
    expect(diff).toMatchObject({ wordsInserted: 0, wordsDeleted: 0, segmentsBefore: 3, segmentsAfter: 4 });
  });

  it('an identical version has no hunks', () => {
    expect(diffTranscripts({ segments: v1 }, { segments: v1 }).hunks).toEqual([]);
  });
});

describe('find and replace', () => {
  it('finds literal text, ignoring case unless asked, and whole words when asked', () => {
    expect(findInTranscript(v1, 'THE').total).toBe(2);
    expect(findInTranscript(v1, 'in').total).toBe(4); // joINIng (2), pricINg, INitech
    expect(findInTranscript(v1, 'in', { wholeWord: true }).total).toBe(0);
    expect(findInTranscript(v1, 'in', { matchCase: true }).total).toBe(3);
    expect(findInTranscript(v1, 'initech', { matchCase: true }).total).toBe(0);
  });

  it('treats pattern characters and $-sequences as text', () => {
    const segments = [seg('costs $5 (approx.) per seat', 0)];
    const { edits, total } = replaceEdits(segments, '(approx.)', '$& about', {});
    expect(total).toBe(1);
    expect(edits).toEqual([{ op: 'text', segment: 0, text: 'costs $5 $& about per seat' }]);
    expect(findInTranscript(segments, '.*').total).toBe(0);
  });

  it('produces text edits only for the segments it changes', () => {
    const { edits, total } = replaceEdits(v1, 'Initech', 'Initrode', { wholeWord: true });
    expect(total).toBe(1);
    expect(edits).toEqual([{ op: 'text', segment: 2, text: 'let us look at the pricing for Initrode' }]);
  });
});

describe('vocabulary prompt', () => {
  it('joins the terms, drops duplicates and blanks, and never exceeds the engine budget', () => {
    expect(normaliseVocabulary([' Initech ', 'initech', '', 'Zorblax  3000'])).toEqual(['Initech', 'Zorblax 3000']);
    expect(vocabularyPrompt(['Initech', 'Zorblax 3000'])).toBe('Initech, Zorblax 3000.');
    expect(vocabularyPrompt([])).toBe('');
    const long = vocabularyPrompt(Array.from({ length: 100 }, (_, i) => `Product name number ${i}`));
    expect(long.length).toBeLessThanOrEqual(MAX_PROMPT_CHARS);
    expect(long.endsWith('.')).toBe(true);
  });
});
