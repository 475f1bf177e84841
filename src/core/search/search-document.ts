/**
 * What of a recording the search index holds, one row per piece: each segment of its latest
 * transcript version (with the segment's index, start time and speaker, so a result opens the
 * call at that moment), its title, the call's account, each participant, the rep's notes and,
 * once tags exist, each tag, and each item of the newest summary version (marked as a draft when it
 * is one, so a hit never passes a draft off as reviewed). The index is a function of these rows: rebuilding a recording's rows
 * from what the vault stores gives the same index whatever happened before.
 */
import type { StoredSegment } from '../transcription/transcript';

export const SEARCH_SOURCES = ['transcript', 'title', 'account', 'participant', 'notes', 'tag', 'summary', 'summary-draft'] as const;
export type SearchSource = (typeof SEARCH_SOURCES)[number];

export interface SearchRow {
  readonly source: SearchSource;
  /** The text as written (shown in results, highlighted); the index stores its normalised terms. */
  readonly text: string;
  /** Transcript rows: the segment's index in its version, its start and its speaker. */
  readonly segment: number | null;
  readonly startMs: number | null;
  readonly speaker: string | null;
}

export interface SearchableRecording {
  readonly title: string;
  readonly account?: string | undefined;
  readonly participants?: readonly { readonly name: string; readonly email: string }[] | undefined;
  readonly notes?: string | undefined;
  readonly segments?: readonly Pick<StoredSegment, 'text' | 'startMs' | 'speaker'>[] | undefined;
  /** A tag on the whole call (startMs null) or on a moment. */
  readonly tags?: readonly { readonly label: string; readonly startMs: number | null }[] | undefined;
  /** The items of the newest summary version (already redacted), and whether it is a draft. */
  readonly summary?: { readonly draft: boolean; readonly items: readonly { readonly text: string }[] } | undefined;
}

const other = (source: SearchSource, text: string): SearchRow => ({ source, text, segment: null, startMs: null, speaker: null });

export function searchRows(recording: SearchableRecording): SearchRow[] {
  const rows: SearchRow[] = [];
  if (recording.title.trim() !== '') {
    rows.push(other('title', recording.title));
  }
  if (recording.account !== undefined && recording.account.trim() !== '') {
    rows.push(other('account', recording.account));
  }
  for (const p of recording.participants ?? []) {
    const text = [p.name, p.email].filter((s) => s.trim() !== '').join(' ');
    if (text !== '') {
      rows.push(other('participant', text));
    }
  }
  if (recording.notes !== undefined && recording.notes.trim() !== '') {
    rows.push(other('notes', recording.notes));
  }
  (recording.segments ?? []).forEach((s, segment) => {
    if (s.text.trim() !== '') {
      rows.push({ source: 'transcript', text: s.text, segment, startMs: s.startMs, speaker: s.speaker });
    }
  });
  for (const tag of recording.tags ?? []) {
    if (tag.label.trim() !== '') {
      rows.push({ source: 'tag', text: tag.label, segment: null, startMs: tag.startMs, speaker: null });
    }
  }
  for (const item of recording.summary?.items ?? []) {
    if (item.text.trim() !== '') {
      rows.push(other(recording.summary?.draft === true ? 'summary-draft' : 'summary', item.text));
    }
  }
  return rows;
}
