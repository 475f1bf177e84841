/**
 * The rep's corrections to a transcript, applied to a stated base version to make the next one.
 * Edits are operations in the order the editor made them (what an undo stack holds); each names
 * a segment by its position in the transcript as it stands at that point (after the edits before
 * it), numbered from 0. Nothing here changes the base: a new list of segments comes out.
 *
 * Timing invariant (playback sync and audio redaction depend on it): a word the edit did not
 * change keeps its timestamps; a new or changed word is placed inside its own segment, in the gap
 * the words around it leave (or, when they leave none, around their midpoints), shared out by
 * length. A segment's start and end never move, except where a split cuts one in two.
 */
import { CallVaultError } from '../../shared/callvault-error';
import type { Speaker } from './merge-segments';
import { splitTokens, timedTokens } from './timed-tokens';
import type { StoredSegment, StoredWord } from './transcript';
import { diffTokens } from './word-diff';

export type TranscriptEdit =
  | { readonly op: 'text'; readonly segment: number; readonly text: string }
  | { readonly op: 'split'; readonly segment: number; readonly atWord: number }
  | { readonly op: 'merge'; readonly segment: number }
  | { readonly op: 'speaker'; readonly segment: number; readonly speaker: Speaker }
  | { readonly op: 'delete'; readonly segment: number };

export const EDIT_LIMITS = {
  /** Characters in one segment: a whisper segment holds a few hundred; merges add up. */
  maxSegmentChars: 10_000,
  /** Operations in one save. */
  maxEdits: 5_000,
  /**
   * A segment can hold at most one word per this many ms of its audio (plus `slackMs`): words
   * must be spoken inside their segment, so text that cannot fit belongs to another segment.
   */
  minMsPerWord: 50,
  slackMs: 1_000,
} as const;

/** A correction that cannot be applied; nothing is saved and the message says what to do. */
export class TranscriptEditError extends CallVaultError {
  override readonly name = 'TranscriptEditError';

  constructor(message: string) {
    super('BAD_REQUEST', message);
  }
}

/** Whitespace collapsed to single spaces and trimmed: one segment is one line of the document. */
export function normaliseSegmentText(text: string): string {
  return splitTokens(text).join(' ');
}

/** How many words a segment of this length can hold. */
export function wordCapacity(segment: Pick<StoredSegment, 'startMs' | 'endMs'>): number {
  return Math.max(1, Math.floor((Math.max(0, segment.endMs - segment.startMs) + EDIT_LIMITS.slackMs) / EDIT_LIMITS.minMsPerWord));
}

export function applyTranscriptEdits(base: readonly StoredSegment[], edits: readonly TranscriptEdit[]): StoredSegment[] {
  if (edits.length > EDIT_LIMITS.maxEdits) {
    throw new TranscriptEditError(`One save holds at most ${EDIT_LIMITS.maxEdits} edits; this one has ${edits.length}. Save in smaller steps.`);
  }
  const segments = [...base];
  edits.forEach((edit, index) => {
    const where = `Edit ${index + 1} (${edit.op})`;
    const at = segmentAt(segments, edit.segment, where);
    switch (edit.op) {
      case 'text': {
        segments[edit.segment] = editText(at, edit.text, `${where} on segment ${edit.segment}`);
        break;
      }
      case 'split': {
        segments.splice(edit.segment, 1, ...splitSegment(at, edit.atWord, `${where} on segment ${edit.segment}`));
        break;
      }
      case 'merge': {
        const next = segments[edit.segment + 1];
        if (next === undefined) {
          throw new TranscriptEditError(`${where}: segment ${edit.segment} is the last one; there is no next segment to merge it with.`);
        }
        segments.splice(edit.segment, 2, mergeSegments(at, next, `${where} of segments ${edit.segment} and ${edit.segment + 1}`));
        break;
      }
      case 'speaker': {
        segments[edit.segment] = { ...at, speaker: edit.speaker };
        break;
      }
      case 'delete': {
        if (segments.length === 1) {
          throw new TranscriptEditError(`${where}: a transcript keeps at least one segment. Correct its text instead.`);
        }
        segments.splice(edit.segment, 1);
        break;
      }
      default:
        assertNeverEdit(edit);
    }
  });
  return segments;
}

function assertNeverEdit(edit: never): never {
  throw new TranscriptEditError(`Unknown edit ${JSON.stringify((edit as { op?: unknown }).op ?? null)}.`);
}

function segmentAt(segments: readonly StoredSegment[], index: number, where: string): StoredSegment {
  const segment = Number.isInteger(index) && index >= 0 ? segments[index] : undefined;
  if (segment === undefined) {
    throw new TranscriptEditError(
      `${where} names segment ${String(index)}, but at that point the transcript has ${segments.length} segments (numbered from 0). Reload the transcript and edit again.`,
    );
  }
  return segment;
}

function editText(segment: StoredSegment, text: string, where: string): StoredSegment {
  const normalised = normaliseSegmentText(text);
  if (normalised === '') {
    throw new TranscriptEditError(`${where}: the text is empty. To remove a segment, delete it.`);
  }
  if (normalised === segment.text) {
    return segment; // unchanged: the engine's own words and times stay exactly as they were
  }
  return retimeSegment(segment, normalised, where);
}

/**
 * The segment with `text` (already normalised), its words re-timed: words the edit kept keep
 * their times, the others share the gaps they fall into. Throws when the text cannot fit.
 */
export function retimeSegment(segment: StoredSegment, text: string, where = 'This edit'): StoredSegment {
  if (text.length > EDIT_LIMITS.maxSegmentChars) {
    throw new TranscriptEditError(`${where}: a segment holds at most ${EDIT_LIMITS.maxSegmentChars.toLocaleString('en')} characters; this text has ${text.length.toLocaleString('en')}. Split it across segments.`);
  }
  const next = splitTokens(text);
  const capacity = wordCapacity(segment);
  if (next.length > capacity) {
    throw new TranscriptEditError(
      `${where}: the segment covers ${seconds(segment.endMs - segment.startMs)} of audio, too short for ${next.length} words (at most ${capacity}). Words must be spoken inside their segment: move the text to the segment where it is spoken.`,
    );
  }
  const old = timedTokens(segment);
  const placed: (Placed | undefined)[] = next.map(() => undefined);
  // A replacement (words removed and added in one place) takes the time the removed words had.
  let removed: { startMs: number; endMs: number } | undefined;
  let added: number[] = [];
  const closeHunk = (): void => {
    if (removed !== undefined && added.length > 0) {
      spread(placed, next, added, removed.startMs, removed.endMs);
    }
    removed = undefined;
    added = [];
  };
  for (const op of diffTokens(old.map((t) => t.text), next)) {
    if (op.kind === 'equal') {
      closeHunk();
      const token = old[op.a];
      if (token?.startMs !== undefined && token.endMs !== undefined) {
        placed[op.b] = { startMs: token.startMs, endMs: token.endMs, p: token.p };
      }
    } else if (op.kind === 'delete') {
      const token = old[op.a];
      if (token?.startMs !== undefined && token.endMs !== undefined) {
        removed = { startMs: Math.min(removed?.startMs ?? Infinity, token.startMs), endMs: Math.max(removed?.endMs ?? -Infinity, token.endMs) };
      }
    } else {
      added.push(op.b);
    }
  }
  closeHunk();
  fillGaps(placed, next, segment);
  const words: StoredWord[] = next.map((token, i) => {
    const at = placed[i] ?? { startMs: segment.startMs, endMs: segment.endMs, p: 1 };
    return { text: ` ${token}`, startMs: at.startMs, endMs: at.endMs, p: at.p };
  });
  return { ...segment, text, words };
}

interface Placed {
  readonly startMs: number;
  readonly endMs: number;
  readonly p: number;
}

/** Below this many ms per word, a gap is too narrow and the words spread over their neighbours' halves. */
const MIN_FILL_MS = 20;

function fillGaps(placed: (Placed | undefined)[], tokens: readonly string[], segment: StoredSegment): void {
  let i = 0;
  while (i < placed.length) {
    if (placed[i] !== undefined) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < placed.length && placed[j] === undefined) {
      j += 1;
    }
    const left = i > 0 ? placed[i - 1] : undefined;
    const right = j < placed.length ? placed[j] : undefined;
    let from = left?.endMs ?? segment.startMs;
    let to = right?.startMs ?? segment.endMs;
    if (to - from < MIN_FILL_MS * (j - i)) {
      from = left ? (left.startMs + left.endMs) / 2 : segment.startMs;
      to = right ? (right.startMs + right.endMs) / 2 : segment.endMs;
    }
    from = clamp(from, segment.startMs, segment.endMs);
    to = clamp(Math.max(from, to), segment.startMs, segment.endMs);
    spread(placed, tokens, Array.from({ length: j - i }, (_, k) => i + k), from, to);
    i = j;
  }
}

/** Places the tokens at `indices` one after another over from..to, each by its length. */
function spread(placed: (Placed | undefined)[], tokens: readonly string[], indices: readonly number[], from: number, to: number): void {
  const weights = indices.map((index) => Math.max(1, tokens[index]?.length ?? 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let cursor = from;
  indices.forEach((index, k) => {
    const start = Math.round(cursor);
    cursor += ((to - from) * (weights[k] ?? 1)) / total;
    placed[index] = { startMs: start, endMs: Math.max(start, Math.round(cursor)), p: 1 };
  });
}

function splitSegment(segment: StoredSegment, atWord: number, where: string): [StoredSegment, StoredSegment] {
  const timed = retimeSegment(segment, normaliseSegmentText(segment.text), where);
  const count = timed.words.length;
  if (!Number.isInteger(atWord) || atWord < 1 || atWord >= count) {
    throw new TranscriptEditError(`${where}: a split goes before one of words 1 to ${count - 1} (the segment has ${count} words, numbered from 0); ${String(atWord)} is not one of them.`);
  }
  const firstWords = timed.words.slice(0, atWord);
  const secondWords = timed.words.slice(atWord);
  const lastOfFirst = firstWords[firstWords.length - 1];
  const firstOfSecond = secondWords[0];
  const firstEnd = clamp(lastOfFirst?.endMs ?? segment.endMs, segment.startMs, segment.endMs);
  const secondStart = clamp(firstOfSecond?.startMs ?? segment.startMs, segment.startMs, segment.endMs);
  const text = (words: readonly StoredWord[]): string => words.map((w) => w.text.trim()).join(' ');
  return [
    { ...segment, endMs: firstEnd, text: text(firstWords), words: firstWords },
    { ...segment, startMs: secondStart, text: text(secondWords), words: secondWords },
  ];
}

function mergeSegments(a: StoredSegment, b: StoredSegment, where: string): StoredSegment {
  if (a.speaker !== b.speaker) {
    throw new TranscriptEditError(`${where}: they have different speakers (${a.speaker} and ${b.speaker}). Change one's speaker first if they are the same person.`);
  }
  const text = `${a.text} ${b.text}`;
  if (text.length > EDIT_LIMITS.maxSegmentChars) {
    throw new TranscriptEditError(`${where}: together they would hold ${text.length.toLocaleString('en')} characters, more than the ${EDIT_LIMITS.maxSegmentChars.toLocaleString('en')} a segment may.`);
  }
  const weight = a.text.length + b.text.length;
  const confidence = weight === 0 ? Math.min(a.confidence, b.confidence) : Math.round(((a.confidence * a.text.length + b.confidence * b.text.length) / weight) * 10_000) / 10_000;
  return {
    speaker: a.speaker,
    startMs: Math.min(a.startMs, b.startMs),
    endMs: Math.max(a.endMs, b.endMs),
    text,
    confidence,
    words: [...a.words, ...b.words],
  };
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(Math.max(value, lo), Math.max(lo, hi));
}

function seconds(ms: number): string {
  return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}
