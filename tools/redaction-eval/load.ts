/**
 * Loaders for the redaction evaluation sets. Every set becomes `EvalRecord`s: a transcript as
 * segments with speakers (one-sentence sets are one customer segment), its text (the segments
 * joined with "\n", as the app lays a transcript out), gold spans with the detector's type
 * names, and gold topics when the set has them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface EvalSpan {
  readonly type: string;
  readonly text: string;
  /** 1-based, when the same text occurs more than once in the transcript. */
  readonly occurrence?: number;
}

export interface EvalSegment {
  readonly speaker: 'rep' | 'customer';
  readonly text: string;
}

export type EvalForm = 'written' | 'spoken' | 'negative' | 'topic' | 'topic-negative';

export interface EvalRecord {
  readonly id: string;
  readonly text: string;
  readonly segments: readonly EvalSegment[];
  readonly form: EvalForm;
  /** A line with no sensitive value: any finding on it is a false positive. */
  readonly negative: boolean;
  readonly split: 'dev' | 'holdout';
  readonly spans: readonly EvalSpan[];
  /** Gold topic labels; undefined for sets that do not label topics. */
  readonly topics: readonly string[] | undefined;
}

const fixture = (name: string): string => fileURLToPath(new URL(`../../tests/fixtures/redaction/${name}`, import.meta.url));

export const EVAL_PATH = fixture('eval.jsonl');
/** Written by someone who never saw the detectors or the development set: the honest score. */
export const BLIND_PATH = fixture('holdout.jsonl');
/** A second blind set (2026-11-28), with finer type names than the detectors use. */
export const BLIND2_PATH = fixture('blind-2.jsonl');

/** Finer gold type names of the blind sets -> the detector's types. */
const TYPE_MAP: Readonly<Record<string, string>> = { CVV: 'CARD_CVV', EXPIRY: 'CARD_EXPIRY', PASSWORD: 'CREDENTIAL', PIN: 'CREDENTIAL', OTP: 'CREDENTIAL' };
const mapType = (span: EvalSpan): EvalSpan => ({ ...span, type: TYPE_MAP[span.type] ?? span.type });

function jsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

const oneSegment = (text: string): EvalSegment[] => [{ speaker: 'customer', text }];

interface DevLine {
  readonly id: string;
  readonly text: string;
  readonly form: 'written' | 'spoken';
  readonly negative: boolean;
  readonly split: 'dev' | 'holdout';
  readonly spans: readonly EvalSpan[];
}

/** The development set (with its held-out split). */
export function loadEval(path = EVAL_PATH): EvalRecord[] {
  return (jsonLines(path) as DevLine[]).map((r) => ({ ...r, segments: oneSegment(r.text), topics: undefined }));
}

interface BlindLine {
  readonly id: string;
  readonly text: string;
  readonly form: 'written' | 'spoken' | 'negative';
  readonly spans: readonly EvalSpan[];
}

export function loadBlind(path = BLIND_PATH): EvalRecord[] {
  return (jsonLines(path) as BlindLine[]).map((r) => ({
    id: r.id,
    text: r.text,
    segments: oneSegment(r.text),
    form: r.form,
    negative: r.form === 'negative',
    split: 'holdout',
    spans: r.spans.map(mapType),
    topics: undefined,
  }));
}

export const loadBlind2 = (path = BLIND2_PATH): EvalRecord[] => loadBlind(path);

interface SegmentLine {
  readonly id: string;
  readonly segments: readonly EvalSegment[];
  readonly spans: readonly EvalSpan[];
  readonly topics?: readonly string[];
  readonly form: EvalForm;
}

/**
 * A set of whole exchanges: {"id","segments":[{"speaker","text"}],"spans":[{"type","text",
 * "occurrence"?}],"topics":[...],"form"}. Spans index the segments joined with "\n" and may
 * cross the line break.
 */
export function loadSegmentSet(path: string): EvalRecord[] {
  return (jsonLines(path) as SegmentLine[]).map((r) => {
    const segments: readonly EvalSegment[] = r.segments;
    if (segments.length === 0) {
      throw new Error(`${path}: ${r.id} has no segments`);
    }
    return {
      id: r.id,
      text: segments.map((s) => s.text).join('\n'),
      segments,
      form: r.form,
      negative: r.form === 'negative' || r.form === 'topic-negative' || (r.form === 'topic' && r.spans.length === 0),
      split: 'holdout',
      spans: r.spans.map(mapType),
      topics: r.topics ?? [],
    };
  });
}
