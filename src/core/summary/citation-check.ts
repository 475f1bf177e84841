/**
 * The citation check every drafted item passes before it is stored or shown: it must cite at
 * least one segment, every cited segment must exist, and the cited segments must say what the
 * item says. "Say" is checked on words: every number and every name (a capitalised word not
 * opening a sentence) in the item must occur in the cited text, and at least half of its other
 * key terms. An item that fails is dropped, not shown, and counted. Commitments get their
 * certainty from the cited words (never surer than they are).
 */
import { classifyCertainty, leastCertain } from './certainty';
import { keyTerms, splitSentences, stem, words } from './sentences';
import type { ProposedItem, SummaryItem, SummarySegment } from './summary';

export type DropReason = 'no-citation' | 'missing-segment' | 'unsupported';

export interface CheckedItems {
  readonly items: SummaryItem[];
  readonly dropped: readonly { readonly index: number; readonly reason: DropReason }[];
}

/** The least share of an item's ordinary key terms its cited text must contain. */
export const MIN_TERM_SUPPORT = 0.5;

export function checkCitations(proposed: readonly ProposedItem[], segments: readonly SummarySegment[]): CheckedItems {
  const byIndex = new Map(segments.map((s) => [s.index, s]));
  const items: SummaryItem[] = [];
  const dropped: { index: number; reason: DropReason }[] = [];
  proposed.forEach((item, index) => {
    const reason = verdict(item, byIndex);
    if (reason !== null) {
      dropped.push({ index, reason });
      return;
    }
    const cited = item.citations.map((c) => byIndex.get(c)?.text ?? '').join(' ');
    const citations = [...new Set(item.citations)].sort((a, b) => a - b);
    const certainty = item.section === 'commitments' ? leastCertain(item.certainty ?? 'firm', citedCertainty(item.text, cited)) : null;
    items.push({ ...item, citations, certainty, id: `i${items.length + 1}` });
  });
  return { items, dropped };
}

function verdict(item: ProposedItem, segments: ReadonlyMap<number, SummarySegment>): DropReason | null {
  if (item.citations.length === 0) {
    return 'no-citation';
  }
  if (item.citations.some((c) => !segments.has(c))) {
    return 'missing-segment';
  }
  const cited = item.citations.map((c) => segments.get(c)?.text ?? '').join(' ');
  if (item.due !== null && !keyTerms(item.due).every((t) => new Set(words(cited).map(stem)).has(t))) {
    return 'unsupported';
  }
  return supports(cited, item.text) ? null : 'unsupported';
}

/** Whether `cited` says what `claim` says, on the rules above. */
export function supports(cited: string, claim: string): boolean {
  const citedTerms = new Set(words(cited).map(stem));
  const citedRaw = cited.toLowerCase();
  const strict = strictTerms(claim);
  if (strict.some((t) => !citedTerms.has(stem(t)) && !citedRaw.includes(t))) {
    return false;
  }
  const strictStems = new Set(strict.map(stem));
  const ordinary = keyTerms(claim).filter((t) => !strictStems.has(t));
  if (ordinary.length === 0) {
    return strict.length > 0;
  }
  const found = ordinary.filter((t) => citedTerms.has(t)).length;
  return found / ordinary.length >= MIN_TERM_SUPPORT;
}

/** Numbers and names in a claim: these may not be invented, so each must be in the cited text. */
function strictTerms(claim: string): string[] {
  const out: string[] = [];
  for (const sentence of splitSentences(claim)) {
    const tokens = sentence.replace(/\[[A-Z_]+(?::[^\]]*)?\]/g, ' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
    tokens.forEach((token, i) => {
      const bare = token.replace(/[.’']+$/u, '');
      if (/\d/.test(bare)) {
        out.push(bare.toLowerCase());
      } else if (i > 0 && /^\p{Lu}/u.test(bare) && !COMMON_CAPITALS.has(bare)) {
        out.push(bare.toLowerCase());
      }
    });
  }
  return [...new Set(out)];
}

const COMMON_CAPITALS = new Set(['I', "I'll", "I'm", "I'd", "I've", 'Rep', 'Customer', 'CRM', 'Q1', 'Q2', 'Q3', 'Q4', 'OK']);

/** The certainty of the cited sentence that best matches the item's words. */
function citedCertainty(claim: string, cited: string): ReturnType<typeof classifyCertainty> {
  const terms = new Set(keyTerms(claim));
  let best = cited;
  let bestScore = -1;
  for (const sentence of splitSentences(cited)) {
    const score = keyTerms(sentence).filter((t) => terms.has(t)).length;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return classifyCertainty(best);
}
