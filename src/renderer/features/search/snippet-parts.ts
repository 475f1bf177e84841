// A search snippet as text parts, marked where the query matched: rendered as elements, never markup.
import type { SearchHitView } from '../../../shared/contract';

export interface SnippetPart {
  readonly text: string;
  readonly marked: boolean;
}

/** Splits the snippet at its highlight ranges (sorted, overlaps merged, clipped to the text), with an ellipsis where it was clipped. */
export function snippetParts(snippet: SearchHitView['snippet']): SnippetPart[] {
  const { text } = snippet;
  const ranges = [...snippet.highlights]
    .map((r) => ({ start: Math.max(0, Math.min(r.start, text.length)), end: Math.max(0, Math.min(r.end, text.length)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const range of ranges) {
    const start = Math.max(range.start, at);
    if (range.end <= start) {
      continue;
    }
    if (start > at) {
      parts.push({ text: text.slice(at, start), marked: false });
    }
    parts.push({ text: text.slice(start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) {
    parts.push({ text: text.slice(at), marked: false });
  }
  if (snippet.clippedStart) {
    parts.unshift({ text: '…', marked: false });
  }
  if (snippet.clippedEnd) {
    parts.push({ text: '…', marked: false });
  }
  return parts;
}
