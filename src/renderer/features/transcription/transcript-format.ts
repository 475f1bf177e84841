// How a transcript reads: speaker labels, timestamps, which segments the engine was unsure of.
import type { TranscriptView } from '../../../shared/contract';
import { formatClock } from '../../components/format-time';

export type TranscriptSegment = TranscriptView['segments'][number];
export type Speaker = TranscriptSegment['speaker'];

/** Below this mean token probability a segment is marked for checking against the audio. */
export const LOW_CONFIDENCE = 0.5;

export function speakerLabel(speaker: Speaker): 'Rep' | 'Customer' {
  return speaker === 'rep' ? 'Rep' : 'Customer';
}

export function isLowConfidence(segment: Pick<TranscriptSegment, 'confidence'>): boolean {
  return segment.confidence < LOW_CONFIDENCE;
}

/** Where a segment starts in the call: 01:05, or 1:02:07 from an hour on. */
export function segmentTime(segment: Pick<TranscriptSegment, 'startMs'>): string {
  return formatClock(segment.startMs);
}

/** "Version 2 of 3 · correction" */
export function versionText(view: Pick<TranscriptView, 'version' | 'kind' | 'versions'>): string {
  const latest = view.versions.reduce((max, v) => Math.max(max, v.version), view.version);
  const kind = view.kind === 'machine' ? 'machine transcript' : 'correction';
  return `Version ${view.version} of ${latest} · ${kind}`;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  auto: 'detected automatically',
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  nl: 'Dutch',
  pt: 'Portuguese',
  pl: 'Polish',
  sv: 'Swedish',
  da: 'Danish',
  fi: 'Finnish',
  no: 'Norwegian',
  ja: 'Japanese',
  zh: 'Chinese',
};

/** The language codes offered in the settings, "auto" first. */
export const LANGUAGE_CODES: readonly string[] = Object.keys(LANGUAGE_NAMES);

export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code;
}
