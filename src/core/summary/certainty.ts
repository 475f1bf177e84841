/**
 * How sure a commitment is, from its own words: conditional when it hangs on something else
 * ("if procurement is comfortable", "once legal signs off"), hedged when it is a maybe ("might",
 * "probably", "I think"), firm otherwise. Conditional wins over hedged ("That might work if
 * procurement is comfortable" is conditional, not a yes), so a summary never flattens a maybe
 * into a promise. Accuracy on labelled sales-call sentences: tests/unit/summary/certainty.test.ts.
 */
import type { Certainty } from './summary';

const CONDITIONAL = [
  /\bif\b/,
  /\bunless\b/,
  /\bas long as\b/,
  /\bso long as\b/,
  /\bprovided (?:that\b)?/,
  /\bproviding\b/,
  /\bassuming\b/,
  /\bdepend(?:s|ing)? on\b/,
  /\bsubject to\b/,
  /\bcontingent\b/,
  /\bpending\b/,
  /\bon (?:the )?condition\b/,
  /\bonce (?!again\b)\w+/,
  /\bas soon as\b/,
  /\bafter (?:legal|procurement|finance|security|the board|it|we|they|our|their|compliance)\b/,
  /\bin case\b/,
  /\bonly when\b/,
  /\bwhen (?:legal|procurement|finance|security|the board|compliance|budget)\b/,
  /\bwith (?:the )?(?:board|legal|procurement|finance|cfo|security)(?:'s)? (?:approval|sign-?off|ok)\b/,
  /\bif and when\b/,
  /\bshould (?:legal|procurement|finance|the board|security|they|it)\b.*\b(?:approve|sign|agree|clear|pass|come back|go)\b/,
];

const HEDGED = [
  /\bmight\b/,
  /\bmay\b/,
  /\bmaybe\b/,
  /\bperhaps\b/,
  /\bprobably\b/,
  /\bpossibly\b/,
  /\bpotentially\b/,
  /\bcould\b/,
  /\bi (?:think|guess|suppose|believe|hope)\b/,
  /\bwe (?:think|hope|believe)\b/,
  /\bhopefully\b/,
  /\b(?:try|trying|attempt) to\b/,
  /\bwe'?ll see\b/,
  /\bnot (?:sure|certain|promising|committing)\b/,
  /\bno promises\b/,
  /\blikely\b/,
  /\bshould be able\b/,
  /\bshould\b/,
  /\btentative(?:ly)?\b/,
  /\bin principle\b/,
  /\bideally\b/,
  /\baim(?:ing)? to\b/,
  /\bi'?d like to\b/,
  /\bsee (?:if|whether|what)\b/,
  /\blet me (?:check|see|look|think)\b/,
  /\bballpark\b/,
  /\bin theory\b/,
  /\bsort of\b/,
  /\bkind of\b/,
  /\bmore or less\b/,
  /\bfingers crossed\b/,
  /\bnot (?:a )?(?:hard|firm) (?:yes|commitment|date)\b/,
  /\bwould (?:probably|likely)\b/,
  /\bthinking about\b/,
  /\bconsider(?:ing)?\b/,
  /\bround about\b/,
  /\bsomewhere around\b/,
  /\bpencil(?:led|ed)? (?:in|it)\b/,
];

/** The certainty of one sentence (or the cited words of an item). */
export function classifyCertainty(sentence: string): Certainty {
  // "May" the month is not "may" the hedge.
  const months = sentence.replace(/\b(in|by|early|late|mid|of|until|before|after) May\b|\bMay (?=\d)/g, '$1 month ');
  const text = ` ${months.toLowerCase().replace(/[’]/g, "'")} `;
  if (CONDITIONAL.some((re) => re.test(text))) {
    return 'conditional';
  }
  if (HEDGED.some((re) => re.test(text))) {
    return 'hedged';
  }
  return 'firm';
}

const RANK: Readonly<Record<Certainty, number>> = { firm: 0, hedged: 1, conditional: 2 };

/** The less certain of two: a drafter's claim never makes the cited words surer than they are. */
export function leastCertain(a: Certainty, b: Certainty): Certainty {
  return RANK[a] >= RANK[b] ? a : b;
}
