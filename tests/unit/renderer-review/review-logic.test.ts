// The review workspace's pure renderer logic: the editor's undo/redo over edits and names, where a
// caret splits, search snippets as marked parts, and the library's tag filter.
import { describe, expect, it } from 'vitest';
import { changedNames, isDirty, MAX_UNDO, redo, startHistory, undo, withEdit, withNames, wordIndexAt } from '../../../src/renderer/features/transcript-edit/edit-history';
import { snippetParts } from '../../../src/renderer/features/search/snippet-parts';
import { applyLibraryFilter, NO_FILTER } from '../../../src/renderer/features/library/library-filter';
import type { LibraryEntryView } from '../../../src/shared/contract';

describe('the editor history', () => {
  it('undoes and redoes edits and names in order; a new step after undo drops the redo branch', () => {
    let h = startHistory({ rep: null, customer: 'Dana' });
    expect(isDirty(h)).toBe(false);
    h = withEdit(h, { op: 'text', segment: 0, text: 'one' });
    h = withNames(h, { rep: 'Rita', customer: 'Dana' });
    h = withEdit(h, { op: 'merge', segment: 1 });
    expect(h.present.edits).toHaveLength(2);
    expect(changedNames(h)).toEqual({ rep: 'Rita' });
    h = undo(h);
    expect(h.present.edits).toEqual([{ op: 'text', segment: 0, text: 'one' }]);
    h = undo(h);
    expect(changedNames(h)).toBeUndefined();
    h = redo(h);
    expect(h.present.names.rep).toBe('Rita');
    h = withEdit(h, { op: 'delete', segment: 2 });
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    h = undo(undo(undo(h)));
    expect(isDirty(h)).toBe(false);
    expect(undo(h)).toBe(h);
  });

  it('sends null to remove a name, nothing when names are back as they were, and a same-name choice is no step', () => {
    let h = startHistory({ rep: 'Rita', customer: null });
    expect(withNames(h, { rep: 'Rita', customer: null })).toBe(h);
    h = withNames(h, { rep: null, customer: null });
    expect(changedNames(h)).toEqual({ rep: null });
    h = withNames(h, { rep: 'Rita', customer: null });
    expect(changedNames(h)).toBeUndefined();
  });

  it('keeps at most MAX_UNDO steps', () => {
    let h = startHistory({ rep: null, customer: null });
    for (let i = 0; i < MAX_UNDO + 20; i += 1) {
      h = withEdit(h, { op: 'text', segment: 0, text: `v${i}` });
    }
    expect(h.past).toHaveLength(MAX_UNDO);
    expect(h.present.edits).toHaveLength(MAX_UNDO + 20);
  });

  it('splits before the word the caret is in or before', () => {
    const text = 'alpha beta gamma';
    expect(wordIndexAt(text, 0)).toBe(0);
    expect(wordIndexAt(text, 5)).toBe(1); // after "alpha"
    expect(wordIndexAt(text, 6)).toBe(1); // before "beta"
    expect(wordIndexAt(text, 8)).toBe(1); // inside "beta"
    expect(wordIndexAt(text, text.length)).toBe(3);
  });
});

describe('search snippets', () => {
  it('marks the highlight ranges, merges overlaps, clips ranges to the text and shows where it was cut', () => {
    const parts = snippetParts({ text: 'we like quokkaberry a lot', highlights: [{ start: 8, end: 19 }, { start: 10, end: 12 }, { start: 40, end: 50 }], clippedStart: true, clippedEnd: false });
    expect(parts).toEqual([
      { text: '…', marked: false },
      { text: 'we like ', marked: false },
      { text: 'quokkaberry', marked: true },
      { text: ' a lot', marked: false },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe('…we like quokkaberry a lot');
  });
});

describe('the library tag filter', () => {
  const entry = (key: string, recordingId: string | null): LibraryEntryView => ({
    key, recordingId, callId: null, title: key, account: null, callType: 'discovery', startedAt: '2026-11-28T00:00:00Z', durationMs: 1, status: 'ended', recoveredAtMs: null, consent: null, transcriptVersion: null, jobState: null, reviewed: false, hasNotes: false,
  });
  it('keeps only recordings carrying the tag', () => {
    const entries = [entry('a', 'r1'), entry('b', 'r2'), entry('c', null)];
    const tags = new Map([['r1', ['pricing', 'demo']], ['r2', ['demo']]]);
    expect(applyLibraryFilter(entries, { ...NO_FILTER, tag: 'pricing' }, tags).map((e) => e.key)).toEqual(['a']);
    expect(applyLibraryFilter(entries, { ...NO_FILTER, tag: 'demo' }, tags).map((e) => e.key).sort()).toEqual(['a', 'b']);
    expect(applyLibraryFilter(entries, NO_FILTER, tags)).toHaveLength(3);
  });
});
