/**
 * Tag suggestions from a transcript, by the rules the policy gives each tag (phrases, competitor
 * names, single words, optionally only when one speaker says them). Each suggestion carries the
 * sentence that triggered it and that sentence's time, so the rep can judge it. This only
 * proposes: a suggestion becomes a tag when the rep accepts it, and one the rep decided on
 * (either way) is not offered again.
 */
import { foldText } from '../policy/text-match';
import type { TagPolicy } from '../policy/policy-schema';
import type { Speaker } from '../transcription/merge-segments';
import { timedTokens } from '../transcription/timed-tokens';
import type { StoredSegment } from '../transcription/transcript';
import { decisionKey, type SuggestionDecision, type TagRecord } from './tag';

export type SuggestionRule = 'phrase' | 'competitor' | 'word';

export interface TagSuggestion {
  /** Stable while the sentence keeps its time: `${tag}@${startMs}`. */
  readonly id: string;
  readonly tag: string;
  readonly label: string;
  readonly rule: SuggestionRule;
  /** The listed word or phrase that matched (as the policy lists it, folded). */
  readonly matched: string;
  readonly segment: number;
  readonly speaker: Speaker;
  readonly startMs: number;
  readonly endMs: number;
  /** The sentence that triggered it, as the transcript has it. */
  readonly sentence: string;
}

export const MAX_SUGGESTIONS = 500;

const WORD = /[\p{L}\p{N}]+/gu;
const SENTENCE = /[^.!?…]+[.!?…]*/gu;

function words(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

interface Term {
  readonly tag: TagPolicy;
  readonly rule: SuggestionRule;
  readonly matched: string;
  readonly words: readonly string[];
}

function termsOf(tags: readonly TagPolicy[]): Map<string, Term[]> {
  const byFirstWord = new Map<string, Term[]>();
  for (const tag of tags) {
    const suggest = tag.suggest;
    if (suggest === undefined) {
      continue;
    }
    const lists: [SuggestionRule, readonly string[]][] = [['phrase', suggest.phrases], ['competitor', suggest.competitors], ['word', suggest.words]];
    for (const [rule, list] of lists) {
      for (const matched of list) {
        const termWords = words(matched);
        const first = termWords[0];
        if (first === undefined) {
          continue;
        }
        const bucket = byFirstWord.get(first) ?? [];
        bucket.push({ tag, rule, matched, words: termWords });
        byFirstWord.set(first, bucket);
      }
    }
  }
  return byFirstWord;
}

export interface SuggestContext {
  /** Tags already on the recording: a suggestion they cover is not repeated. */
  readonly existing: readonly Pick<TagRecord, 'tag' | 'fromMs' | 'toMs'>[];
  /** Decisions already made, by `decisionKey`. */
  readonly decided: ReadonlyMap<string, SuggestionDecision>;
}

export function suggestTags(segments: readonly StoredSegment[], tags: readonly TagPolicy[], context: SuggestContext): TagSuggestion[] {
  const terms = termsOf(tags);
  const out: TagSuggestion[] = [];
  const seen = new Set<string>();
  for (const [index, segment] of segments.entries()) {
    const tokens = timedTokens(segment);
    const suggestedHere = new Set<string>();
    for (const sentenceMatch of segment.text.matchAll(SENTENCE)) {
      const sentence = sentenceMatch[0].trim();
      const sentenceWords = words(sentence);
      for (const [w, word] of sentenceWords.entries()) {
        for (const term of terms.get(word) ?? []) {
          const tagId = term.tag.id;
          const speaker = term.tag.suggest?.speaker ?? 'any';
          if (suggestedHere.has(tagId) || (speaker !== 'any' && speaker !== segment.speaker) || !startsAt(sentenceWords, w, term.words)) {
            continue;
          }
          const from = sentenceMatch.index;
          const to = from + sentenceMatch[0].length;
          const inside = tokens.filter((t) => t.charStart >= from && t.charEnd <= to && t.startMs !== undefined && t.endMs !== undefined);
          const startMs = Math.round(Math.min(...inside.map((t) => t.startMs ?? segment.startMs), segment.endMs));
          const endMs = Math.round(Math.max(...inside.map((t) => t.endMs ?? segment.endMs), startMs + 1));
          const at = inside.length > 0 ? { startMs, endMs } : { startMs: Math.round(segment.startMs), endMs: Math.round(Math.max(segment.endMs, segment.startMs + 1)) };
          const id = decisionKey(tagId, at.startMs);
          suggestedHere.add(tagId);
          if (seen.has(id) || context.decided.has(id) || covered(context.existing, tagId, at.startMs, at.endMs)) {
            continue;
          }
          seen.add(id);
          out.push({ id, tag: tagId, label: term.tag.label, rule: term.rule, matched: term.matched, segment: index, speaker: segment.speaker, ...at, sentence });
          if (out.length >= MAX_SUGGESTIONS) {
            return out;
          }
        }
      }
    }
  }
  return out;
}

function startsAt(haystack: readonly string[], at: number, needle: readonly string[]): boolean {
  return needle.every((word, i) => haystack[at + i] === word);
}

/** A tag on the whole call, or the same tag on an overlapping moment, already says it. */
function covered(existing: SuggestContext['existing'], tag: string, fromMs: number, toMs: number): boolean {
  return existing.some((t) => t.tag === tag && (t.fromMs === null || t.toMs === null || (t.fromMs < toMs && fromMs < t.toMs)));
}
