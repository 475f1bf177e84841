/**
 * A segment's text as whitespace-separated tokens, each with the times of the stored (engine)
 * words it covers. The engine's words can be pieces of a word or carry punctuation; a token is what
 * a person edits, selects and reads, so edits, splits, diffs and tag suggestions all count in tokens.
 */
import { alignedWords, type StoredSegment } from './transcript';

export interface TimedToken {
  readonly text: string;
  /** Character span in the segment's text. */
  readonly charStart: number;
  readonly charEnd: number;
  /** Undefined when no stored word overlaps the token (the engine's words did not match the text). */
  readonly startMs: number | undefined;
  readonly endMs: number | undefined;
  /** The lowest probability of the stored words it covers; 1 when none. */
  readonly p: number;
}

const TOKEN = /\S+/gu;

export function splitTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function timedTokens(segment: Pick<StoredSegment, 'text' | 'words'>): TimedToken[] {
  const spans = alignedWords(segment).map(({ start, end, word }) => ({ start, end, startMs: word.startMs, endMs: word.endMs, p: word.p }));
  const tokens: TimedToken[] = [];
  let next = 0;
  for (const match of segment.text.matchAll(TOKEN)) {
    const charStart = match.index;
    const charEnd = charStart + match[0].length;
    let startMs: number | undefined;
    let endMs: number | undefined;
    let p = 1;
    while (next < spans.length && (spans[next]?.end ?? 0) <= charStart) {
      next += 1;
    }
    for (let i = next; i < spans.length; i += 1) {
      const span = spans[i];
      if (span === undefined || span.start >= charEnd) {
        break;
      }
      startMs = startMs === undefined ? span.startMs : Math.min(startMs, span.startMs);
      endMs = endMs === undefined ? span.endMs : Math.max(endMs, span.endMs);
      p = Math.min(p, span.p);
    }
    tokens.push({ text: match[0], charStart, charEnd, startMs, endMs, p });
  }
  return tokens;
}
