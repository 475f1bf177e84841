/**
 * The redacted transcript as structured segments, for the export formats that need more than
 * lines of text (subtitles, DOCX, JSON): each segment's redacted text, where in it each redaction
 * mark stands, and its words with timings, a redacted word replaced by the mark. Built from the
 * original text and the reviewed spans, inside the one export gate; a segment the policy redacts
 * whole keeps only its mark. A word whose text cannot be placed in its segment is left out (its
 * content is unknown, so it could be a redacted value).
 */
import { mergeSpans, placeholderFor, type RedactionSpan } from '../redaction/redact-text';
import type { Speaker } from '../transcription/merge-segments';
import type { StoredSegment, TranscriptDocument } from '../transcription/transcript';

export interface RedactionMark {
  /** Offsets of the mark ("[CARD]", "[REDACTED: LEGAL]") in the segment's redacted text. */
  readonly start: number;
  readonly end: number;
  /** The finding type, or TOPIC:<name> for a segment the policy redacted whole. */
  readonly type: string;
}

export interface RedactedWord {
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Set when the word is a redaction mark standing for the words it replaced. */
  readonly redacted?: string;
}

export interface RedactedSegment {
  /** The segment's index in the transcript version. */
  readonly index: number;
  readonly speaker: Speaker;
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
  readonly marks: readonly RedactionMark[];
  readonly words: readonly RedactedWord[];
}

export function redactedSegments(
  doc: TranscriptDocument,
  segments: readonly StoredSegment[],
  final: readonly RedactionSpan[],
  topicRedacted: ReadonlyMap<number, string>,
): RedactedSegment[] {
  const spans = mergeSpans(final);
  return segments.map((segment, index): RedactedSegment => {
    const base = { index, speaker: segment.speaker, startMs: segment.startMs, endMs: segment.endMs };
    const topic = topicRedacted.get(index);
    if (topic !== undefined) {
      // The same mark the gate's text lines carry.
      const text = `[REDACTED: ${topic}]`;
      return { ...base, text, marks: [{ start: 0, end: text.length, type: `TOPIC:${topic}` }], words: [] };
    }
    const timed = doc.segments[index];
    if (!timed) {
      return { ...base, text: '', marks: [], words: [] };
    }
    const inside = spans.filter((s) => s.start < timed.charEnd && s.end > timed.charStart);
    let text = '';
    let cursor = timed.charStart;
    const marks: RedactionMark[] = [];
    for (const span of inside) {
      text += doc.text.slice(cursor, Math.max(cursor, span.start));
      const mark = placeholderFor(span.type);
      marks.push({ start: text.length, end: text.length + mark.length, type: span.type });
      text += mark;
      cursor = Math.max(cursor, span.end);
    }
    text += doc.text.slice(Math.min(cursor, timed.charEnd), timed.charEnd);
    const words: RedactedWord[] = [];
    const marked = new Set<RedactionSpan>();
    for (const word of timed.words ?? []) {
      if (word.start === undefined || word.end === undefined) {
        continue;
      }
      const startMs = Math.round(word.start * 1000);
      const endMs = Math.round(word.end * 1000);
      const span = inside.find((s) => s.start < word.charEnd && s.end > word.charStart);
      if (!span) {
        words.push({ text: doc.text.slice(word.charStart, word.charEnd), startMs, endMs });
      } else if (marked.has(span)) {
        const last = words.at(-1);
        if (last?.redacted !== undefined) {
          words[words.length - 1] = { ...last, endMs: Math.max(last.endMs, endMs) };
        }
      } else {
        marked.add(span);
        words.push({ text: placeholderFor(span.type), startMs, endMs, redacted: span.type });
      }
    }
    return { ...base, text, marks, words };
  });
}
