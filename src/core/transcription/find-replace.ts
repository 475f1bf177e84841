/**
 * Find and replace across a transcript, as text edits on the segments it changes (so the result
 * goes through the same re-timing and limits as any other correction). The search is literal text,
 * never a pattern the user writes: no regular-expression syntax, so no input can make it slow.
 */
import type { TranscriptEdit } from './transcript-edit';
import type { StoredSegment } from './transcript';

export interface FindOptions {
  readonly matchCase?: boolean | undefined;
  /** Only where the text is a whole word (or words): "art" does not match "party". */
  readonly wholeWord?: boolean | undefined;
}

export interface FindResult {
  /** Matches per segment index, in order. */
  readonly matches: readonly { readonly segment: number; readonly count: number }[];
  readonly total: number;
}

export function findPattern(find: string, options: FindOptions = {}): RegExp {
  const escaped = find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = options.wholeWord === true ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped;
  return new RegExp(body, options.matchCase === true ? 'gu' : 'giu');
}

export function findInTranscript(segments: readonly StoredSegment[], find: string, options: FindOptions = {}): FindResult {
  const pattern = findPattern(find, options);
  const matches = segments.flatMap((segment, index) => {
    const count = [...segment.text.matchAll(pattern)].length;
    return count > 0 ? [{ segment: index, count }] : [];
  });
  return { matches, total: matches.reduce((n, m) => n + m.count, 0) };
}

/** Text edits that replace every match; segment numbers are those of `segments` (text edits keep them). */
export function replaceEdits(segments: readonly StoredSegment[], find: string, replacement: string, options: FindOptions = {}): { edits: TranscriptEdit[]; total: number } {
  const pattern = findPattern(find, options);
  const found = findInTranscript(segments, find, options);
  const edits: TranscriptEdit[] = found.matches.map(({ segment }) => ({
    op: 'text',
    segment,
    // A function replacement: "$&" or "$1" in what the rep typed is text, not a back-reference.
    text: (segments[segment]?.text ?? '').replace(pattern, () => replacement),
  }));
  return { edits, total: found.total };
}
