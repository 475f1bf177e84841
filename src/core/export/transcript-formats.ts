/**
 * Text export formats of a redacted transcript: SRT and WebVTT subtitles and JSON. Pure: they
 * format what the export gate already redacted and never see the original text. Subtitle times
 * are relative to the exported clip (so they play in sync with the clip's audio); JSON keeps the
 * call's own times and says where the clip starts.
 */
import { SPEAKER_LABELS } from '../transcription/merge-segments';
import type { RedactedSegment } from './redacted-segments';

export interface ExportDetails {
  readonly recordingId: string;
  readonly transcriptVersion: number;
  readonly title: string;
  readonly callType: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly reviewedAt: string;
  readonly reviewedBy: string;
  /** The clip exported, in ms from the call's start; null for the whole call. */
  readonly clip: { readonly fromMs: number; readonly toMs: number } | null;
}

interface Cue {
  readonly startMs: number;
  readonly endMs: number;
  readonly speaker: string;
  readonly text: string;
}

/** Cues relative to the clip's start, each at least 1 ms long, in time order, one line of text each. */
function cues(segments: readonly RedactedSegment[], details: ExportDetails): Cue[] {
  const from = details.clip?.fromMs ?? 0;
  const to = details.clip?.toMs ?? Number.POSITIVE_INFINITY;
  return segments
    .filter((s) => s.text.trim() !== '')
    .map((s) => {
      const startMs = Math.max(0, Math.max(s.startMs, from) - from);
      const endMs = Math.max(startMs + 1, Math.min(s.endMs, to) - from);
      return { startMs, endMs, speaker: SPEAKER_LABELS[s.speaker], text: oneLine(s.text) };
    })
    .sort((a, b) => a.startMs - b.startMs);
}

/** Subtitle text: one line, and never a cue separator ("-->") or an empty line. */
function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').replaceAll('-->', '->').trim();
}

function timestamp(ms: number, separator: ',' | '.'): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const milli = total % 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${separator}${String(milli).padStart(3, '0')}`;
}

export function toSrt(segments: readonly RedactedSegment[], details: ExportDetails): string {
  return cues(segments, details)
    .map((cue, i) => `${i + 1}\n${timestamp(cue.startMs, ',')} --> ${timestamp(cue.endMs, ',')}\n${cue.speaker}: ${cue.text}\n`)
    .join('\n');
}

function escapeVtt(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function toWebVtt(segments: readonly RedactedSegment[], details: ExportDetails): string {
  const body = cues(segments, details)
    .map((cue, i) => `${i + 1}\n${timestamp(cue.startMs, '.')} --> ${timestamp(cue.endMs, '.')}\n<v ${cue.speaker}>${escapeVtt(cue.text)}</v>\n`)
    .join('\n');
  return `WEBVTT\n\n${body}`;
}

export function toJson(segments: readonly RedactedSegment[], details: ExportDetails): string {
  const document = {
    format: 'callvault-transcript',
    formatVersion: 1,
    ...details,
    segments: segments.map((s) => ({
      index: s.index,
      speaker: s.speaker,
      speakerLabel: SPEAKER_LABELS[s.speaker],
      startMs: s.startMs,
      endMs: s.endMs,
      text: s.text,
      redactions: s.marks,
      words: s.words,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
