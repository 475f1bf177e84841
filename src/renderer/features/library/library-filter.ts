// The library's sort, filters and search box, as pure functions over the rows `library.list` gave.
import type { LibraryEntryView } from '../../../shared/contract';
import { transcriptPhase } from '../call-page/library-words';

export type SortKey = 'newest' | 'oldest' | 'longest' | 'shortest' | 'title';
export type StatusFilter = 'all' | 'transcribed' | 'not-transcribed' | 'reviewed' | 'not-reviewed' | 'not-recorded';

export interface LibraryFilter {
  /** Matched against titles and accounts, case-insensitively; words may come in any order. */
  readonly text: string;
  /** A call type id, or '' for every type. */
  readonly callType: string;
  /** A tag id from the policy's taxonomy, or '' for any. */
  readonly tag: string;
  readonly status: StatusFilter;
  readonly sort: SortKey;
}

export const NO_FILTER: LibraryFilter = { text: '', callType: '', tag: '', status: 'all', sort: 'newest' };

export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  longest: 'Longest first',
  shortest: 'Shortest first',
  title: 'Title A–Z',
};

export const STATUS_LABELS: Readonly<Record<StatusFilter, string>> = {
  all: 'Any status',
  transcribed: 'Transcribed',
  'not-transcribed': 'Not transcribed',
  reviewed: 'Redactions reviewed',
  'not-reviewed': 'Transcribed, not reviewed',
  'not-recorded': 'Not recorded',
};

function matchesStatus(entry: LibraryEntryView, status: StatusFilter): boolean {
  const transcribed = transcriptPhase(entry) === 'done' && entry.transcriptVersion !== null;
  switch (status) {
    case 'all':
      return true;
    case 'transcribed':
      return transcribed;
    case 'not-transcribed':
      return entry.recordingId !== null && !transcribed;
    case 'reviewed':
      return transcribed && entry.reviewed;
    case 'not-reviewed':
      return transcribed && !entry.reviewed;
    case 'not-recorded':
      return entry.recordingId === null;
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function comparer(sort: SortKey): (a: LibraryEntryView, b: LibraryEntryView) => number {
  switch (sort) {
    case 'newest':
      return (a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0);
    case 'oldest':
      return (a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0);
    case 'longest':
      return (a, b) => b.durationMs - a.durationMs;
    case 'shortest':
      return (a, b) => a.durationMs - b.durationMs;
    case 'title':
      return (a, b) => collator.compare(a.title, b.title);
  }
}

/** Each recording's tag ids (`tags.byRecording`). */
export type TagsByRecording = ReadonlyMap<string, readonly string[]>;

/** The rows to show, in order. */
export function applyLibraryFilter(entries: readonly LibraryEntryView[], filter: LibraryFilter, tags: TagsByRecording = new Map()): LibraryEntryView[] {
  const words = filter.text.toLocaleLowerCase().split(/\s+/).filter((w) => w !== '');
  const shown = entries.filter((entry) => {
    if (filter.callType !== '' && entry.callType !== filter.callType) {
      return false;
    }
    if (filter.tag !== '' && (entry.recordingId === null || !(tags.get(entry.recordingId) ?? []).includes(filter.tag))) {
      return false;
    }
    if (!matchesStatus(entry, filter.status)) {
      return false;
    }
    if (words.length === 0) {
      return true;
    }
    const haystack = `${entry.title}\n${entry.account ?? ''}`.toLocaleLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  return shown.sort(comparer(filter.sort));
}

/** The call types present in the library, for the filter. */
export function callTypesOf(entries: readonly LibraryEntryView[]): string[] {
  return [...new Set(entries.map((e) => e.callType))].sort((a, b) => collator.compare(a, b));
}
