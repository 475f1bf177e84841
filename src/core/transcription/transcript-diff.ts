/**
 * What changed between two transcript versions, word by word, in a form a person can read:
 * hunks of removed and added words with a few unchanged words around them, words that moved to
 * the other speaker, and changed speaker names. Counts only (no text) are what the audit keeps.
 */
import type { Speaker } from './merge-segments';
import { timedTokens } from './timed-tokens';
import type { SpeakerNames, StoredSegment } from './transcript';
import { diffTokens } from './word-diff';

export interface DiffableVersion {
  readonly segments: readonly StoredSegment[];
  readonly speakerNames?: SpeakerNames | undefined;
}

export type DiffHunk =
  | {
      readonly kind: 'words';
      /** Where it happens: the first changed word's time in the newer version (else the older). */
      readonly atMs: number;
      readonly speaker: Speaker;
      /** Up to CONTEXT_WORDS unchanged words before and after, to find the place. */
      readonly before: string;
      readonly removed: string;
      readonly added: string;
      readonly after: string;
    }
  | { readonly kind: 'speaker'; readonly atMs: number; readonly from: Speaker; readonly to: Speaker; readonly words: string };

export interface DiffCounts {
  readonly wordsInserted: number;
  readonly wordsDeleted: number;
  readonly wordsUnchanged: number;
  /** Unchanged words now given to the other speaker. */
  readonly wordsRespoken: number;
  readonly segmentsBefore: number;
  readonly segmentsAfter: number;
  readonly namesChanged: number;
}

export interface TranscriptDiff extends DiffCounts {
  readonly hunks: readonly DiffHunk[];
  /** More hunks than MAX_HUNKS: the counts are complete, the list is not. */
  readonly truncated: boolean;
  readonly names: readonly { readonly speaker: Speaker; readonly before: string | null; readonly after: string | null }[];
}

export const CONTEXT_WORDS = 5;
export const MAX_HUNKS = 2_000;

interface Token {
  readonly text: string;
  readonly speaker: Speaker;
  readonly atMs: number;
}

function tokensOf(segments: readonly StoredSegment[]): Token[] {
  return segments.flatMap((segment) => timedTokens(segment).map((t) => ({ text: t.text, speaker: segment.speaker, atMs: t.startMs ?? segment.startMs })));
}

const SPEAKERS: readonly Speaker[] = ['rep', 'customer'];

export function diffTranscripts(from: DiffableVersion, to: DiffableVersion): TranscriptDiff {
  const a = tokensOf(from.segments);
  const b = tokensOf(to.segments);
  const ops = diffTokens(a.map((t) => t.text), b.map((t) => t.text));
  const hunks: DiffHunk[] = [];
  let truncated = false;
  let inserted = 0;
  let deleted = 0;
  let unchanged = 0;
  let respoken = 0;
  const push = (hunk: DiffHunk): void => {
    if (hunks.length < MAX_HUNKS) {
      hunks.push(hunk);
    } else {
      truncated = true;
    }
  };
  let i = 0;
  while (i < ops.length) {
    const op = ops[i];
    if (op === undefined) {
      break;
    }
    if (op.kind === 'equal') {
      unchanged += 1;
      const before = a[op.a];
      const after = b[op.b];
      if (before !== undefined && after !== undefined && before.speaker !== after.speaker) {
        const words: string[] = [];
        let j = i;
        for (let next = ops[j]; next?.kind === 'equal'; next = ops[j]) {
          const x = a[next.a];
          const y = b[next.b];
          if (x === undefined || y === undefined || x.speaker !== before.speaker || y.speaker !== after.speaker) {
            break;
          }
          words.push(y.text);
          j += 1;
        }
        respoken += words.length;
        unchanged += words.length - 1;
        push({ kind: 'speaker', atMs: after.atMs, from: before.speaker, to: after.speaker, words: words.join(' ') });
        i = j;
        continue;
      }
      i += 1;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    let first: Token | undefined;
    let firstOld: Token | undefined;
    let j = i;
    for (let next = ops[j]; next !== undefined && next.kind !== 'equal'; next = ops[j]) {
      if (next.kind === 'delete') {
        const t = a[next.a];
        firstOld ??= t;
        removed.push(t?.text ?? '');
      } else {
        const t = b[next.b];
        first ??= t;
        added.push(t?.text ?? '');
      }
      j += 1;
    }
    inserted += added.length;
    deleted += removed.length;
    const anchor = first ?? firstOld;
    push({
      kind: 'words',
      atMs: anchor?.atMs ?? 0,
      speaker: anchor?.speaker ?? 'rep',
      before: context(ops, i, -1, b, a),
      removed: removed.join(' '),
      added: added.join(' '),
      after: context(ops, j, 1, b, a),
    });
    i = j;
  }
  const names = SPEAKERS.flatMap((speaker) => {
    const before = from.speakerNames?.[speaker] ?? null;
    const after = to.speakerNames?.[speaker] ?? null;
    return before === after ? [] : [{ speaker, before, after }];
  });
  return {
    hunks,
    truncated,
    names,
    wordsInserted: inserted,
    wordsDeleted: deleted,
    wordsUnchanged: unchanged,
    wordsRespoken: respoken,
    segmentsBefore: from.segments.length,
    segmentsAfter: to.segments.length,
    namesChanged: names.length,
  };
}

/** Up to CONTEXT_WORDS unchanged words next to a hunk (in reading order), from the newer version. */
function context(ops: ReturnType<typeof diffTokens>, start: number, step: 1 | -1, b: readonly Token[], a: readonly Token[]): string {
  const words: string[] = [];
  for (let k = step === 1 ? start : start - 1; k >= 0 && k < ops.length && words.length < CONTEXT_WORDS; k += step) {
    const op = ops[k];
    if (op?.kind !== 'equal') {
      break;
    }
    words.push(b[op.b]?.text ?? a[op.a]?.text ?? '');
  }
  return (step === 1 ? words : words.reverse()).join(' ');
}

/** The counts of a diff, for the audit log (which never holds transcript words). */
export function diffCounts(diff: TranscriptDiff): DiffCounts {
  const { wordsInserted, wordsDeleted, wordsUnchanged, wordsRespoken, segmentsBefore, segmentsAfter, namesChanged } = diff;
  return { wordsInserted, wordsDeleted, wordsUnchanged, wordsRespoken, segmentsBefore, segmentsAfter, namesChanged };
}
