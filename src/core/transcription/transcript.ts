/**
 * A stored transcript: what the vault keeps of the engine's output (segments with speaker, times,
 * text, confidence and word timings; token details are dropped), and the one text layout that
 * review, redaction and export all index into.
 */
import type { TimedSegment, TimedWord } from '../redaction/time-ranges';
import type { TranscriptSegment } from '../ports/transcription';
import { SPEAKER_LABELS, type Speaker, type SpeakerSegment } from './merge-segments';

export interface StoredWord {
  readonly text: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly p: number;
}

export interface StoredSegment {
  readonly speaker: Speaker;
  readonly startMs: number;
  readonly endMs: number;
  readonly text: string;
  readonly confidence: number;
  readonly words: readonly StoredWord[];
}

export type TranscriptKind = 'machine' | 'correction';

/** Who the speakers are, named by the rep: the rep's own name, a participant from the consent record. */
export interface SpeakerNames {
  readonly rep?: string | undefined;
  readonly customer?: string | undefined;
}

export interface TranscriptVersion {
  readonly recordingId: string;
  /** 1 is the machine transcript; corrections add 2, 3, ... */
  readonly version: number;
  readonly kind: TranscriptKind;
  readonly createdAt: string;
  readonly createdBy: string;
  /** Which engine and model wrote it ("whisper.cpp 1.9.1, ggml-base.en"). */
  readonly engine: string;
  readonly language: string;
  readonly segments: readonly StoredSegment[];
  /** Names the rep gave the speakers in this version (none: "Rep" and "Customer"). */
  readonly speakerNames?: SpeakerNames | undefined;
}

export function toStoredSegment(segment: TranscriptSegment, speaker: Speaker, offsetMs = 0): StoredSegment {
  return {
    speaker,
    startMs: segment.startMs + offsetMs,
    endMs: segment.endMs + offsetMs,
    text: segment.text.trim(),
    confidence: round(segment.confidence),
    words: segment.words.map((w) => ({ text: w.text, startMs: w.startMs + offsetMs, endMs: w.endMs + offsetMs, p: round(w.p) })),
  };
}

export function storedFromSpeakerSegments(segments: readonly SpeakerSegment[]): StoredSegment[] {
  return segments.map((s) => toStoredSegment(s, s.speaker));
}

/**
 * The transcript as one text, a segment per line (no speaker labels: findings index the spoken
 * words only), with each segment's and word's character span and times in seconds, as the
 * redaction time mapping reads them. A word whose text cannot be found in its segment keeps no
 * times, so a finding over it mutes the whole segment (fail closed).
 */
export interface TranscriptDocument {
  readonly text: string;
  readonly segments: readonly TimedSegment[];
}

/**
 * The stored (engine) words of a segment that its text holds, in order, each with its character
 * span in the text. A word the text no longer holds (an edit changed it) is left out: it has no
 * place, so it gives no times.
 */
export function alignedWords(segment: Pick<StoredSegment, 'text' | 'words'>): { readonly start: number; readonly end: number; readonly word: StoredWord }[] {
  const aligned: { start: number; end: number; word: StoredWord }[] = [];
  let cursor = 0;
  for (const word of segment.words) {
    const bare = word.text.trim();
    const at = bare === '' ? -1 : segment.text.indexOf(bare, cursor);
    if (at < 0) {
      continue;
    }
    cursor = at + bare.length;
    aligned.push({ start: at, end: cursor, word });
  }
  return aligned;
}

export function transcriptDocument(segments: readonly StoredSegment[]): TranscriptDocument {
  let text = '';
  const timed: TimedSegment[] = [];
  segments.forEach((segment, index) => {
    if (index > 0) {
      text += '\n';
    }
    const charStart = text.length;
    text += segment.text;
    const words: TimedWord[] = alignedWords(segment).map(({ start, end, word }) => ({ charStart: charStart + start, charEnd: charStart + end, start: word.startMs / 1000, end: word.endMs / 1000 }));
    timed.push({ charStart, charEnd: text.length, start: segment.startMs / 1000, end: segment.endMs / 1000, words });
  });
  return { text, segments: timed };
}

/** "Rep: ..." lines, for reading and for export (after redaction). */
export function labelledLines(segments: readonly Pick<StoredSegment, 'speaker' | 'startMs'>[], texts: readonly string[]): string[] {
  return segments.map((segment, i) => `[${clock(segment.startMs)}] ${SPEAKER_LABELS[segment.speaker]}: ${texts[i] ?? ''}`);
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function round(p: number): number {
  return Math.round(p * 10_000) / 10_000;
}
